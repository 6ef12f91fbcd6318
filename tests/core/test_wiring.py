"""Every page and every mail kind is registered by its domain's ``init_app``: a new view
module or mail kind that no domain registers fails here."""

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from flask import Blueprint

from consult.mail.kinds import MailKinds, registered

ROOT = Path(__file__).resolve().parents[2]

PACKAGE = ROOT / "consult"


def modules(pattern: str) -> list[str]:
    """Dotted names of the modules under consult/ whose file name matches ``pattern``."""
    found = sorted(PACKAGE.rglob(pattern))
    return [".".join(path.relative_to(ROOT).with_suffix("").parts) for path in found]


VIEW_MODULES = modules("*views.py")
EMAIL_MODULES = modules("email.py")


def _view_modules_of(app) -> set[str]:
    """The modules whose functions the app's URL map leads to."""
    found = set()
    for function in app.view_functions.values():
        function = inspect.unwrap(function)
        found.add(function.__module__)
    return found


def test_there_are_view_and_email_modules_to_check():
    """Does the walk over the sources find the view and mail modules at all?"""
    assert "consult.panel.views" in VIEW_MODULES and "consult.core.views" in VIEW_MODULES
    assert "consult.invitations.email" in EMAIL_MODULES


@pytest.mark.parametrize("name", VIEW_MODULES)
def test_every_view_module_has_its_pages_registered(app, name):
    """Is each view module's blueprint registered, and does the URL map lead to its views?"""
    module = importlib.import_module(name)
    blueprints = [value for value in vars(module).values() if isinstance(value, Blueprint)]
    assert blueprints, f"{name} routes on no blueprint"
    for blueprint in blueprints:
        assert app.blueprints.get(blueprint.name) is blueprint, f"{blueprint.name} not registered"
    assert name in _view_modules_of(app), f"no domain's init_app lists {name}"


@pytest.mark.parametrize("name", EMAIL_MODULES)
def test_every_email_module_has_its_kinds_registered(app, name):
    """Is every renderer, outcome handler and prefetcher of each email.py the app's?"""
    module = importlib.import_module(name)
    collections = [value for value in vars(module).values() if isinstance(value, MailKinds)]
    assert collections, f"{name} collects no mail kinds"
    with app.app_context():
        known = registered()
    for kinds in collections:
        assert kinds.renderers, f"{name} renders no mail"
        for mine, theirs in (
            (kinds.renderers, known.renderers),
            (kinds.outcome_handlers, known.outcome_handlers),
            (kinds.prefetchers, known.prefetchers),
        ):
            for kind, function in mine.items():
                assert theirs.get(kind) is function, f"{kind} of {name} is not registered"


def _queued_kinds() -> set[str]:
    """The kinds named as a string where the code queues mail (``queue``, ``queue_once``)."""
    kinds = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            first = node.args[0]
            if name in ("queue", "queue_once", "_mail") and isinstance(first, ast.Constant):
                kinds.add(first.value)
    return kinds


def test_every_kind_of_mail_queued_or_templated_has_a_renderer(app):
    """Does every kind the code queues, and every mail template, have a registered renderer
    with a label, and every renderer both templates?"""
    templates = {path.stem for path in (ROOT / "templates" / "email").glob("[!_]*.txt")}
    queued = _queued_kinds()
    assert "invitation" in queued and "member_confirm" in queued
    with app.app_context():
        renderers = registered().renderers
    assert queued <= renderers.keys(), f"queued without a renderer: {queued - renderers.keys()}"
    assert templates == renderers.keys()
    for kind, renderer in renderers.items():
        assert str(renderer.label) and str(renderer.label) != kind
        assert Path(ROOT / "templates" / "email" / f"{kind}.html").exists()


def test_every_domain_registers_periodic_jobs_once(app):
    """Are the periodic jobs the domains register each there exactly once?"""
    with app.app_context():
        from consult.mail.kinds import periodic_tasks

        names = [f"{task.__module__}.{task.__name__}" for task in periodic_tasks()]
    assert len(names) == len(set(names))
    assert "consult.invitations.reminders.send_due_reminders" in names
