"""The ``consult`` command: Flask's CLI with the app factory, plus Consult's own commands."""

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from consult import create_app
from consult.extensions import db


def _create_account(email: str, organisation: str, password: str, role: str) -> None:
    from consult.accounts.services import create_user
    from consult.core.errors import DomainError
    from consult.core.policy import Role
    from consult.organisations.services import find_or_create_organisation, grant_role

    try:
        user = create_user(email, password)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from error
    grant_role(user, find_or_create_organisation(organisation), Role(role))
    db.session.commit()
    click.echo(f"Account {user.email} ({role}) created for {organisation}.")


@click.command("create-admin")
@with_appcontext
@click.argument("email")
@click.option(
    "--organisation",
    default=None,
    help="Make an admin of this organisation (created if new) instead of the installation's.",
)
@click.password_option(help="Asked for when not given.")
def create_admin(email, organisation, password):
    """Create the installation's administrator, who creates and suspends organisations on the
    web page /installation/ (with --organisation: an admin of that organisation)."""
    if organisation:
        _create_account(email, organisation, password, "admin")
        return
    from consult.core.errors import DomainError
    from consult.installation.services import create_installation_admin

    try:
        user = create_installation_admin(email, password)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from error
    db.session.commit()
    click.echo(f"Installation administrator {user.email} created; sign in and open /installation/.")


@click.command("create-user")
@with_appcontext
@click.argument("email")
@click.option("--organisation", default="Huurdersorganisatie", help="Created if it does not exist.")
@click.option(
    "--role",
    type=click.Choice(["admin", "board", "viewer", "landlord", "group_member"]),
    default="board",
    show_default=True,
    help="landlord: sees only the dossiers shared with the landlord, never members' data;"
    " group_member: only its own working groups.",
)
@click.password_option(help="Asked for when not given.")
def create_user_command(email, organisation, role, password):
    """Create an account with a role in an organisation (also the landlord's staff)."""
    _create_account(email, organisation, password, role)


@click.command("seed-demo")
@with_appcontext
def seed_demo():
    """Create the demo organisation with its panel, consultations and dossiers (idempotent)."""
    from consult.demo import seed

    click.echo(seed())


@click.command("worker")
@click.option("--once", is_flag=True, help="Deliver what is due and send due reminders, then stop.")
@click.option("--poll", default=1.0, show_default=True, help="Seconds between looks when idle.")
@with_appcontext
def worker(once, poll):
    """Deliver the outbox and send due reminders; needs no other service.

    With REDIS_URL set it only plans: due reminders, and jobs for the RQ workers.
    """
    import threading

    from consult.mail import delivery
    from consult.mail import worker as mail_worker
    from consult.mail.outbox import smtp_configured

    if not smtp_configured() and not current_app.config.get("REDIS_URL"):
        click.echo("MAIL_SERVER is not set: mail stays in the in-app outbox.")
    if once:
        mail_worker.run_periodic_tasks()
        click.echo(f"{delivery.deliver_all()} messages handled.")
        return
    click.echo("Mail worker running. Stop with Ctrl+C.")
    try:
        mail_worker.run_worker(current_app._get_current_object(), threading.Event(), poll)
    except KeyboardInterrupt:
        click.echo("Mail worker stopped.")


@click.command("rq-worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@with_appcontext
def rq_worker(burst):
    """Send mail as an RQ worker on REDIS_URL (run as many as you like, on any machine)."""
    from consult.mail.jobs import MailWorker, mail_queue

    if not current_app.config.get("REDIS_URL"):
        raise click.ClickException("REDIS_URL is not set.")
    queue = mail_queue()
    MailWorker([queue], connection=queue.connection).work(burst=burst)


@click.command("demo")
@with_appcontext
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def demo(host, port):
    """Migrate the database, seed the demo organisation, print the logins and serve."""
    from flask_migrate import upgrade
    from werkzeug.serving import run_simple

    from consult.demo import DEMO_LOGINS, DEMO_SLUG, seed
    from consult.mail.worker import WorkerThread

    app = current_app._get_current_object()
    app.config["BASE_URL"] = f"http://{host}:{port}"
    upgrade()
    click.echo(seed())
    click.echo(f"\nConsult runs at http://{host}:{port}/\nDemo logins:")
    for email, password, role in DEMO_LOGINS:
        click.echo(f"  {email:34} {password:18} ({role})")
    click.echo(f"A tenant joins the panel at http://{host}:{port}/join/{DEMO_SLUG}")
    click.echo(
        "Mail stays in the in-app outbox (menu 'Postvak uit' / 'Outbox' as admin). "
        "Stop with Ctrl+C.\n"
    )
    WorkerThread(app)
    run_simple(host, port, app, threaded=True)


def register_commands(app: Flask) -> None:
    for command in (create_admin, create_user_command, seed_demo, worker, rq_worker, demo):
        app.cli.add_command(command)


cli = FlaskGroup(create_app=create_app, help="Consult: run and manage the application.")


if __name__ == "__main__":
    cli()
