"""Registering a domain's pages: the blueprints its view modules route on."""

from types import ModuleType

from flask import Blueprint, Flask


def register_views(app: Flask, *modules: ModuleType) -> None:
    """Register every blueprint these view modules route on, each once, in order.

    A domain's ``init_app`` lists its view modules here; a view module that no domain lists
    has no pages, and ``tests/core/test_wiring.py`` fails.
    """
    found = (value for module in modules for value in vars(module).values())
    for blueprint in dict.fromkeys(value for value in found if isinstance(value, Blueprint)):
        app.register_blueprint(blueprint)
