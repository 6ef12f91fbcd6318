"""The import rules, read from the sources: core builds on no domain, and the domains'
services and the mail modules import each other without a circle."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PACKAGE = ROOT / "consult"
#: Modules every layer may use: they import no domain themselves.
SHARED = ("consult.core", "consult.extensions", "consult.settings")


def module_name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path) -> set[str]:
    """Every consult module ``path`` imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # ``from consult.mail import outbox`` imports the module consult.mail.outbox
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("consult")}


GRAPH = {module_name(path): imports_of(path) for path in PACKAGE.rglob("*.py")}


def cycle_among(modules: set[str]) -> list[str] | None:
    """A circle of imports among ``modules``, or None."""
    edges = {module: GRAPH[module] & modules for module in modules}
    done, path = set(), []

    def visit(module):
        if module in path:
            return path[path.index(module) :] + [module]
        if module in done:
            return None
        path.append(module)
        for target in sorted(edges[module]):
            if found := visit(target):
                return found
        path.pop()
        done.add(module)
        return None

    for module in sorted(modules):
        if found := visit(module):
            return found
    return None


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if m.startswith("consult.core")))
def test_core_imports_no_domain(module):
    """Does this core module import only core, the extensions and the settings?"""
    domains = {name for name in GRAPH[module] if not name.startswith(SHARED)}
    assert not domains, f"{module} imports {sorted(domains)}"


def test_the_domains_services_import_each_other_without_a_circle():
    """Do the domains' services modules (membership and panel among them) depend one way?"""
    services = {module for module in GRAPH if module.endswith(".services")}
    assert {"consult.membership.services", "consult.panel.services"} <= services
    assert cycle_among(services) is None


def test_the_mail_modules_import_each_other_without_a_circle():
    """Do delivery, sending, the worker and the RQ jobs depend one way?"""
    mail = {module for module in GRAPH if module.startswith("consult.mail.")}
    assert {"consult.mail.delivery", "consult.mail.jobs", "consult.mail.worker"} <= mail
    assert cycle_among(mail) is None


def test_a_circle_is_found():
    """Would the check see a circle such as the one membership and panel had?"""
    GRAPH["consult.panel.services"].add("consult.membership.services")
    try:
        found = cycle_among({"consult.membership.services", "consult.panel.services"})
    finally:
        GRAPH["consult.panel.services"].discard("consult.membership.services")
    assert found and found[0] == found[-1]
