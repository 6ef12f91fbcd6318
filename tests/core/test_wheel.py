"""Consult installed from a built wheel, outside the checkout, finds its config, templates,
migrations, static files and translations.

Slow (about ten seconds): it builds a wheel and installs it into a new virtual environment.
Nothing is downloaded: the wheel is built with the test environment's setuptools (no build
isolation) and installed without dependencies; the new environment borrows the test
environment's packages through a ``.pth`` file, which adds their folder to ``sys.path`` without
running the editable install's hook, so ``consult`` can only come from the wheel.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: What the wheel is built from; copied, so the build leaves nothing in the checkout.
SOURCES = (
    "consult",
    "config",
    "templates",
    "migrations",
    "setup.py",
    "pyproject.toml",
    "README.md",
)
#: Top-level folder -> where the installed package carries it (see setup.py).
SHIPPED = {"config": "_config", "templates": "_templates", "migrations": "_migrations"}

CHECK_APP = """
import sys
from pathlib import Path
import consult
from consult import create_app

installed = Path(consult.__file__).parent
assert Path(sys.prefix) in installed.parents, installed
app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1]})
assert Path(app.template_folder) == installed / "_templates", app.template_folder
assert app.config["BABEL_DEFAULT_LOCALE"] == "nl"
client = app.test_client()
login = client.get("/login")
assert login.status_code == 200 and "Inloggen" in login.get_data(as_text=True)
assert client.get("/login?lang=en").get_data(as_text=True).count("Sign in")
assert client.get("/static/css/consult.css").status_code == 200
print("ok")
"""


def _run(*command, cwd, env) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _files(folder: Path) -> set[str]:
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the new environment's folder, its site-packages, an environment for its commands)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy(ROOT / name, source / name)
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check")
    _run(*pip, "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", tmp / "dist", source,
         cwd=tmp, env=None)  # fmt: skip
    venv = tmp / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp, env=None)
    python = venv / "bin" / "python"
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                     cwd=tmp, env=None).strip())  # fmt: skip
    borrowed = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "test-dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    wheel = next((tmp / "dist").glob("consult-*.whl"))
    _run(*pip, "--python", python, "install", "-q", "--no-deps", wheel, cwd=tmp, env=None)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CONSULT_CONFIG")}
    env["DATABASE_URL"] = f"sqlite:///{tmp / 'consult.sqlite'}"
    return venv, site, env


@pytest.mark.slow
def test_the_wheel_carries_every_file_of_config_templates_and_migrations(installed):
    """Does the installed package hold every file of config/, templates/ and migrations/?"""
    _venv, site, _env = installed
    for folder, inside in SHIPPED.items():
        assert _files(site / "consult" / inside) == _files(ROOT / folder), folder


@pytest.mark.slow
def test_the_installed_consult_migrates_and_serves_outside_the_checkout(installed, tmp_path):
    """Do `consult --help`, `consult db upgrade` and the sign-in page work from the installed
    wheel, run from a folder outside the checkout? (gunicorn builds the app the same way.)"""
    venv, _site, env = installed
    assert "demo" in _run(venv / "bin" / "consult", "--help", cwd=tmp_path, env=env)
    _run(venv / "bin" / "consult", "db", "upgrade", cwd=tmp_path, env=env)
    python = venv / "bin" / "python"
    assert _run(python, "-c", CHECK_APP, env["DATABASE_URL"], cwd=tmp_path, env=env) == "ok\n"
