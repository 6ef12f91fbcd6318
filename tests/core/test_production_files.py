"""The production process files (docker-compose.yml, Procfile, Dockerfile) name only commands
that exist, and give every process the settings it must have.

Docker itself cannot run here: the files are read, and each command is looked up in the real
``consult`` CLI and gunicorn's app loader.
"""

import shlex
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from consult.cli import cli

ROOT = Path(__file__).resolve().parents[2]

#: What every Consult process of the compose file gets from the environment.
REQUIRED_SETTINGS = {
    "CONSULT_CONFIG",
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "BASE_URL",
    "MAIL_SERVER",
    "MAIL_USERNAME",
    "MAIL_PASSWORD",
    "MAIL_DEFAULT_SENDER",
    "TRUSTED_PROXIES",
    "UPLOAD_FOLDER",
}


@pytest.fixture
def environment(monkeypatch, tmp_path):
    """A database of its own for the app the CLI and gunicorn build."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'consult.sqlite'}")
    monkeypatch.delenv("CONSULT_CONFIG", raising=False)


def compose() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def procfile() -> dict[str, list[str]]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return {name: shlex.split(command) for name, command in (line.split(":", 1) for line in lines)}


def assert_command_exists(command: list[str]) -> None:
    """A ``consult`` subcommand answers --help; a gunicorn line loads the app it names."""
    if command[0] == "consult":
        result = CliRunner().invoke(cli, [*command[1:], "--help"])
        assert result.exit_code == 0, result.output
        return
    assert command[0] == "gunicorn", command
    from gunicorn.util import import_app

    assert import_app(command[-1]).name == "consult"


def test_the_compose_file_runs_the_whole_production_setup():
    """Does docker-compose.yml have PostgreSQL, Redis, a migration before start, web with
    several workers, the mail planner and RQ workers?"""
    services = compose()["services"]
    assert set(services) == {"postgres", "redis", "migrate", "web", "worker", "rq-worker"}
    assert services["migrate"]["command"] == ["consult", "db", "upgrade"]
    for name in ("web", "worker", "rq-worker"):
        needs = services[name]["depends_on"]
        assert needs["migrate"]["condition"] == "service_completed_successfully"
    assert services["web"]["command"][:3] == ["gunicorn", "--workers", "4"]
    assert services["worker"]["command"] == ["consult", "worker"]
    assert services["rq-worker"]["command"] == ["consult", "rq-worker"]


def test_every_consult_process_gets_its_settings_from_the_environment():
    """Do all Consult processes get the secret, database, Redis, base URL and mail settings,
    with the secrets required rather than written into the file?"""
    services = compose()["services"]
    for name in ("migrate", "web", "worker", "rq-worker"):
        settings = services[name]["environment"]
        assert set(settings) >= REQUIRED_SETTINGS, name
        assert settings["SECRET_KEY"].startswith("${SECRET_KEY:?")
        assert settings["REDIS_URL"].startswith("redis://redis:")
        assert "@postgres:" in settings["DATABASE_URL"]


@pytest.mark.usefixtures("environment")
@pytest.mark.parametrize("service", ["migrate", "web", "worker", "rq-worker"])
def test_each_compose_command_exists(service):
    """Does each process of the compose file start a command Consult has?"""
    assert_command_exists(compose()["services"][service]["command"])


@pytest.mark.usefixtures("environment")
@pytest.mark.parametrize("process", ["release", "web", "worker", "rq"])
def test_each_procfile_command_exists(process):
    """Is the Procfile the same setup without Docker, with commands Consult has?"""
    assert_command_exists(procfile()[process])


def test_the_image_installs_what_production_needs():
    """Does the Dockerfile install the production extra, which brings gunicorn, PostgreSQL's
    driver and Redis with RQ?"""
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install --no-cache-dir -e '.[production]'" in dockerfile
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]["production"]
    assert {extra.split(">")[0].split("[")[0] for extra in extras} >= {
        "gunicorn",
        "psycopg",
        "redis",
        "rq",
    }
