"""Packaging beyond pyproject.toml: ship config/, templates/ and migrations/ inside the wheel.

The three folders stay at the top of the checkout; in a built wheel they become
``consult/_config``, ``consult/_templates`` and ``consult/_migrations`` (see
``consult.settings.shipped``), so an installed Consult finds what it needs at run time.
"""

from setuptools import find_packages, setup

#: package in the wheel -> folder in the checkout.
SHIPPED = {
    "consult._config": "config",
    "consult._templates": "templates",
    "consult._migrations": "migrations",
}

setup(
    packages=find_packages(include=["consult*"]) + list(SHIPPED),
    package_dir=SHIPPED,
    package_data={
        "consult": [
            "translations/*/LC_MESSAGES/*",
            "surveys/questionnaires/*.toml",
            "accounts/*.toml",
            "texts/*.toml",
            "agreements/*.toml",
            "static/*/*",
        ],
        "consult._templates": ["**/*.html", "**/*.txt"],
        "consult._migrations": ["alembic.ini", "script.py.mako", "versions/*.py"],
    },
)
