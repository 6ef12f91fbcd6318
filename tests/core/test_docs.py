"""The documentation's relative links lead to files (and headings) that exist."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)


def _anchors(page: Path) -> set[str]:
    """The anchors a forge makes from a page's headings (GitHub's rule)."""
    seen: dict[str, int] = {}
    anchors = set()
    for heading in re.findall(r"^#+\s+(.*)$", FENCE.sub("", page.read_text()), re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def _links(page: Path) -> list[str]:
    text = FENCE.sub("", page.read_text())
    return [target for target in LINK.findall(text) if not re.match(r"[a-z]+:", target)]


def _leads_nowhere(page: Path, target: str) -> bool:
    path, _, anchor = target.partition("#")
    file = (page.parent / path).resolve() if path else page
    if not file.exists():
        return True
    return bool(anchor) and file.suffix == ".md" and anchor not in _anchors(file)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_somewhere(page):
    """Does every relative link of this page point at an existing file and heading?"""
    assert [target for target in _links(page) if _leads_nowhere(page, target)] == []


def test_the_readme_stays_short():
    """Is the README still what a newcomer reads in five minutes (about 1,500 words)?"""
    assert len((ROOT / "README.md").read_text().split()) <= 1600
