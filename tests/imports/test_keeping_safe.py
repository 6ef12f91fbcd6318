"""What an import leaves behind: text never evaluated, uploads purged or discarded on
erasure, and a constant number of queries however long the list."""

import io
from datetime import timedelta

import openpyxl
import pytest
from sqlalchemy import event, select, update

from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.extensions import db
from consult.imports import services
from consult.membership import services as membership
from consult.panel.models import PanelImport, PanelMember
from tests import factories
from tests.conftest import login
from tests.imports.helpers import choose, commit, import_id_of, upload

FORMULA = '=HYPERLINK("http://x","y")'


def test_formula_like_cells_are_stored_as_text_and_shown_escaped(app, client, world):
    """Is a name like =HYPERLINK(...) or <script> stored as typed and shown only as text?"""
    login(client, world.a.board)
    text = f'E-mail;Naam\nformule@example.org;"{FORMULA.replace(chr(34), 2 * chr(34))}"\n'
    text += "script@example.org;<script>alert(1)</script>\n"
    import_id = import_id_of(upload(client, world.a.slug, text.encode()))
    choose(client, world.a.slug, import_id, "email", "name")
    preview = client.get(f"/o/{world.a.slug}/panel/import/{import_id}/preview").text
    members = commit(client, world.a.slug, import_id).text
    with app.app_context():
        stored = db.session.scalar(select(PanelMember.name).filter_by(email="formule@example.org"))
    assert stored == FORMULA
    for page in (preview, members):
        assert "=HYPERLINK(&#34;http://x&#34;,&#34;y&#34;)" in page
        assert 'href="http://x"' not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page


def test_an_uploaded_file_name_is_shown_as_text(app, client, world):
    """Is a file name with HTML in it shown as text on the next pages?"""
    login(client, world.a.board)
    response = upload(client, world.a.slug, b"E-mail\na@example.org\n", filename="<img src=x>.csv")
    page = client.get(response.headers["Location"]).text
    assert "&lt;img src=x&gt;.csv" in page and "<img src=x>" not in page


def test_an_uploaded_file_name_loses_folders_and_control_characters(app, client, world):
    """Is "../../etc/pass\\x00wd.csv" kept as "passwd.csv" (PostgreSQL cannot store a NUL)?"""
    login(client, world.a.board)
    name = "../../etc/pass\x00wd\u202e.csv"
    import_id = import_id_of(
        upload(client, world.a.slug, b"E-mail\na@example.org\n", filename=name)
    )
    with app.app_context():
        assert db.session.get(PanelImport, import_id).filename == "passwd.csv"


def test_a_dimension_name_is_shown_as_text_among_the_column_choices(app, client, world):
    """Is markup in a segment dimension's name shown as text in the column choices?"""
    from consult.organisations.models import Organisation
    from consult.panel.services import define_dimension

    with app.app_context():
        define_dimension(db.session.get(Organisation, world.a.id), "<b>Wijk</b>", ["Noord"])
        db.session.commit()
    login(client, world.a.board)
    response = upload(client, world.a.slug, b"E-mail\na@example.org\n")
    page = client.get(response.headers["Location"]).text
    assert "Segment: &lt;b&gt;Wijk&lt;/b&gt;" in page and "<b>Wijk</b>" not in page


def test_erasing_a_member_discards_a_pending_xlsx_upload_with_their_address(ctx):
    """Is an .xlsx upload that holds an erased member's address discarded with the erasure?"""
    org = factories.organisation()
    member = factories.member(org, email="wis.mij@example.org")
    workbook = openpyxl.Workbook()
    workbook.active.append(["E-mail"])
    workbook.active.append(["Wis.Mij@example.org"])
    data = io.BytesIO()
    workbook.save(data)
    pending = services.upload(org, "lijst.xlsx", data.getvalue())
    other = factories.panel_import(org)
    membership.erase(member)
    assert pending.content is None and other.content is not None


def test_uploads_not_imported_within_a_day_are_purged(ctx):
    """Are uploads older than a day deleted by the worker, and recent or imported ones kept?"""
    org = factories.organisation()
    old, recent = factories.panel_import(org), factories.panel_import(org)
    done = factories.panel_import(org, mapping={"E-mail": "email"})
    services.commit(done)
    for upload_row in (old, done):
        upload_row.created_at = utcnow() - timedelta(days=1, minutes=1)
    db.session.commit()
    assert services.purge_abandoned() == 1
    remaining = db.session.scalars(select(PanelImport.id).order_by(PanelImport.id)).all()
    assert remaining == [recent.id, done.id]
    assert services.purge_abandoned() == 0


#: Tables ask_to_confirm fills through the ORM: one INSERT per row on SQLite, which cannot
#: promise the order of RETURNING rows; batched on PostgreSQL.
CONFIRMATION_TABLES = ("INSERT INTO member_links", "INSERT INTO outbox_messages")


def _statements_to_commit(rows: int, basis) -> int:
    org = factories.organisation()
    wijk, _ = factories.dimensions(org)
    factories.member(org, email="bekend0@example.org")
    text = "E-mail;Wijk\n" + "".join(
        f"{'bekend' if n == 0 else 'nieuw'}{n}@example.org;{'Noord' if n % 2 else 'Zuid'}\n"
        for n in range(rows)
    )
    mapping = {"E-mail": "email", "Wijk": wijk.id}
    upload_row = factories.panel_import(org, text, mapping=mapping, basis=basis)
    db.session.flush()
    statements = []

    def count(connection, cursor, statement, *args):
        if not statement.startswith(CONFIRMATION_TABLES):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        summary = services.commit(upload_row)
        db.session.flush()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert summary["added"] == rows - 1 and summary["updated"] == 1
    return len(statements)


@pytest.mark.parametrize("basis", [None, "ledenvergadering 12 maart"], ids=["consent", "basis"])
def test_a_longer_list_takes_no_more_queries(ctx, basis):
    """Does committing 200 rows take as many statements as committing 5 (no query per row)?"""
    assert _statements_to_commit(200, basis) == _statements_to_commit(5, basis)


def test_of_two_simultaneous_commits_one_imports(ctx):
    """If another request committed the list a moment ago, is this commit refused whole?"""
    org = factories.organisation()
    upload_row = factories.panel_import(org, mapping={"E-mail": "email"})
    db.session.commit()
    db.session.execute(  # the other request's commit, which this one's copy does not show
        update(PanelImport)
        .where(PanelImport.id == upload_row.id)
        .values(committed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    assert upload_row.committed_at is None and upload_row.content is not None
    with pytest.raises(DomainError, match="imported already"):
        services.commit(upload_row)
    assert db.session.scalar(select(PanelMember.id).filter_by(organisation_id=org.id)) is None
