"""Importing a member list: how long reading, checking and storing N rows takes.

Generates a list of N members (default 10,000) with a name, a language and two segment
columns, as CSV and as XLSX, and times each step the board waits for:

  read       the upload: decode and parse the file, store it (CSV and XLSX)
  preview    check every row against the panel (all rows new)
  commit     store them in one transaction, with each basis:
               basis    active at once (the import's own bulk inserts)
               consent  invited, each with a confirmation link and a queued mail
  re-import  the same list again: every row matches a member, so nothing changes

Runs on a new SQLite file, and also on PostgreSQL when DATABASE_URL points there (it adds
an organisation of its own there and deletes it afterwards).
Run:  .venv/bin/python bench/panel_import.py [--rows 10000]
"""

import argparse
import io
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WIJKEN = ["Noord", "Oost", "Zuid", "West", "Centrum"]
LEEFTIJDEN = ["tot 35", "35 tot 55", "55 tot 75", "75 en ouder"]


def member_list(rows: int, tag: str) -> list[list[str]]:
    heading = ["E-mailadres", "Naam", "Taal", "Wijk", "Leeftijd"]
    return [heading] + [
        [
            f"huurder{n:05d}.{tag}@example.nl",
            f"Huurder {n}",
            "en" if n % 10 == 0 else "nl",
            WIJKEN[n % len(WIJKEN)],
            LEEFTIJDEN[n % len(LEEFTIJDEN)],
        ]
        for n in range(rows)
    ]


def as_csv(table) -> bytes:
    # What Dutch Excel writes: semicolons, Windows-1252.
    return "\r\n".join(";".join(row) for row in table).encode("cp1252")


def as_xlsx(table) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in table:
        sheet.append(row)
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def timed(step):
    started = time.perf_counter()
    result = step()
    return result, time.perf_counter() - started


def run(url: str, rows: int) -> list[tuple[str, float]]:
    """Time each step on the database at ``url``; returns (step, seconds)."""
    from flask_migrate import upgrade
    from sqlalchemy import delete

    from consult import create_app
    from consult.extensions import db
    from consult.imports import services
    from consult.organisations.models import Organisation
    from consult.organisations.services import find_or_create_organisation
    from consult.panel.services import define_dimension, dimensions_of

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    tag = uuid.uuid4().hex[:6]
    table = member_list(rows, tag)
    csv_data, xlsx_data = as_csv(table), as_xlsx(table)
    figures = []
    with app.app_context():
        upgrade()
        org = find_or_create_organisation(f"Bench {tag}")
        define_dimension(org, "Wijk", WIJKEN)
        define_dimension(org, "Leeftijd", LEEFTIJDEN)
        db.session.commit()
        try:
            for basis in ("basis", "consent"):
                if basis == "consent":  # a fresh list: all rows new again
                    table = member_list(rows, tag + "c")
                    csv_data = as_csv(table)
                note = "ledenvergadering" if basis == "basis" else None
                upload, seconds = timed(lambda: services.upload(org, "l.csv", csv_data, note))  # noqa: B023
                db.session.commit()
                figures.append((f"{basis}: read CSV", seconds))
                headings, dimensions = services.table_of(upload).headings, dimensions_of(org)
                mapping = services.guess_mapping(headings, dimensions)
                services.choose_columns(upload, headings, mapping, dimensions)
                db.session.commit()
                checked, seconds = timed(lambda: services.preview(upload))  # noqa: B023
                assert len(checked.new) == rows, (len(checked.new), len(checked.problems))
                figures.append((f"{basis}: preview", seconds))
                _, seconds = timed(lambda: (services.commit(upload), db.session.commit()))  # noqa: B023
                figures.append((f"{basis}: commit", seconds))
            again = services.upload(org, "l.csv", csv_data)
            again.mapping = mapping
            db.session.commit()
            summary, seconds = timed(lambda: (services.commit(again), db.session.commit())[0])
            assert summary["unchanged"] == rows, summary
            figures.append(("re-import, nothing changes", seconds))
            _, seconds = timed(lambda: services.upload(org, "l.xlsx", xlsx_data))
            figures.append(("read XLSX", seconds))
        finally:
            db.session.rollback()
            if not url.startswith("sqlite"):  # the audit log refuses ORM deletes; cascade
                db.session.execute(delete(Organisation).where(Organisation.id == org.id))
                db.session.commit()
            db.session.remove()
            db.engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    arguments = parser.parse_args()
    databases = [("SQLite", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite")]
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql")):
        databases.append(("PostgreSQL", os.environ["DATABASE_URL"]))
    print(f"{arguments.rows} rows (e-mail, name, language, two segments)")
    for name, url in databases:
        figures = run(url, arguments.rows)
        print(f"\n{name}")
        for step, seconds in figures:
            print(f"  {step:<28} {seconds:6.2f} s")
        flow = dict(figures)
        total = sum(flow[f"consent: {step}"] for step in ("read CSV", "preview", "commit"))
        print(f"  {'consent: read+preview+commit':<28} {total:6.2f} s  (the slowest path)")


if __name__ == "__main__":
    os.environ.setdefault("CONSULT_CONFIG", "")
    main()
