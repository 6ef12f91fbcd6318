"""The ``consult`` command: Flask's CLI with the app factory, plus Consult's own commands."""

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from consult import create_app
from consult.extensions import db


@click.command("create-admin")
@with_appcontext
@click.argument("email")
@click.option("--organisation", default="Huurdersorganisatie", help="Created if it does not exist.")
@click.password_option(help="Asked for when not given.")
def create_admin(email, organisation, password):
    """Create an admin account for an organisation."""
    from consult.accounts.services import create_user
    from consult.core.errors import DomainError
    from consult.core.policy import Role
    from consult.organisations.services import find_or_create_organisation, grant_role

    try:
        user = create_user(email, password)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from error
    grant_role(user, find_or_create_organisation(organisation), Role.ADMIN)
    db.session.commit()
    click.echo(f"Admin {user.email} created for {organisation}.")


@click.command("seed-demo")
@with_appcontext
def seed_demo():
    """Create the demo organisation with its panel, consultations and dossiers (idempotent)."""
    from consult.demo import seed

    click.echo(seed())


@click.command("send-mail")
@with_appcontext
def send_mail():
    """Deliver the mail waiting in the outbox over SMTP (needs MAIL_SERVER)."""
    from consult.core import outbox

    if not outbox.smtp_configured():
        raise click.ClickException("MAIL_SERVER is not set: mail stays in the in-app outbox.")
    click.echo(f"{outbox.deliver_pending()} messages sent.")


@click.command("demo")
@with_appcontext
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def demo(host, port):
    """Migrate the database, seed the demo organisation, print the logins and serve."""
    from flask_migrate import upgrade
    from werkzeug.serving import run_simple

    from consult.demo import DEMO_LOGINS, seed

    app = current_app._get_current_object()
    app.config["BASE_URL"] = f"http://{host}:{port}"
    upgrade()
    click.echo(seed())
    click.echo(f"\nConsult runs at http://{host}:{port}/\nDemo logins:")
    for email, password, role in DEMO_LOGINS:
        click.echo(f"  {email:28} {password:18} ({role})")
    click.echo(
        "Mail stays in the in-app outbox (menu 'Postvak uit' / 'Outbox' as admin). "
        "Stop with Ctrl+C.\n"
    )
    run_simple(host, port, app, threaded=True)


def register_commands(app: Flask) -> None:
    for command in (create_admin, seed_demo, send_mail, demo):
        app.cli.add_command(command)


cli = FlaskGroup(create_app=create_app, help="Consult: run and manage the application.")
