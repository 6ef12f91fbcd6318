"""The load bench's data, made by the Consult code of a given checkout (run as a process).

  load_seed.py ROOT URL fresh N   empties the database, migrates it, makes one organisation
                                  with a published consultation of 12 questions over three
                                  pages and N invited members; prints their link tokens
  load_seed.py ROOT URL more N    N more members of that organisation, invited; their tokens
  load_seed.py ROOT URL stats     PostgreSQL: per table the blocks read (buffer hits and
                                  reads, table and indexes), rows read by sequential scans
                                  and dead rows so far; nothing on SQLite
  load_seed.py ROOT URL stored    prints the responses stored, the invitations spent and
                                  the answers stored

ROOT's ``consult`` is imported (checked), so the bench can seed an older commit's checkout
with that commit's own migrations and services.
"""

import importlib
import sys
from datetime import timedelta
from pathlib import Path

ORGANISATION = "Huurdersvereniging Bench"
SECRET_KEY = "bench-only-secret"
#: Twelve questions of eight kinds; a new page starts at the second and the sixth.
QUESTIONS = [
    ("SINGLE_CHOICE", "Welke post is belangrijk?", {"options": ["Schoonmaak", "Groen", "Licht"]}),
    ("AGREE_SCALE", "De afrekening is duidelijk.", {}),
    ("OPEN_TEXT", "Opmerkingen?", {"required": False}),
    ("MULTIPLE_CHOICE", "Wat moet beter?", {"options": ["Isolatie", "Ventilatie", "Geluid"]}),
    ("RATING", "Welk cijfer geeft u?", {"new_page": True}),
    ("YES_NO", "Heeft u een balkon?", {}),
    ("NUMBER", "Hoeveel personen?", {"min_value": 0, "max_value": 12}),
    ("SHORT_TEXT", "In welke straat?", {}),
    ("AGREE_SCALE", "Ik woon hier graag.", {"new_page": True}),
    ("SINGLE_CHOICE", "Komt u naar de avond?", {"options": ["Ja", "Nee", "Weet ik niet"]}),
    ("AGREE_SCALE", "De buurt is veilig.", {}),
    ("OPEN_TEXT", "Nog iets?", {"required": False}),
]


def found(*names: str):
    """The first of these dotted names this checkout has: the bench seeds older commits too
    (``--compare``), and modules have moved between them (newest first)."""
    for name in names:
        module, _, attribute = name.rpartition(".")
        try:
            return getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError):
            continue
    raise ImportError(f"none of {names} in this checkout")


def fresh(tenants: int, language: str = "") -> list[str]:
    from flask_migrate import upgrade
    from sqlalchemy import text

    from consult.extensions import db
    from consult.organisations.services import find_or_create_organisation
    from consult.surveys import builder
    from consult.surveys import services as surveys

    today = found("consult.core.clock.today", "consult.surveys.services.today")()
    kinds = found(
        "consult.surveys.models.questions.QuestionKind", "consult.surveys.models.QuestionKind"
    )

    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
    upgrade()
    org = find_or_create_organisation(ORGANISATION)
    survey = surveys.create_consultation(
        org, "Woonplezier", "Wat vindt u?", today - timedelta(days=1), today + timedelta(days=14)
    )
    for kind, text_, settings in QUESTIONS:
        builder.add_question(survey, kinds[kind], text_, **settings)
    survey.publish()
    if language:
        translate(survey, language)
    return more(tenants, survey)


def translate(survey, language: str) -> None:
    """A complete translation of every text into ``language`` (the answer page in a
    translation: ``answer_load.py --language``); each text is as long as the source."""
    from consult.surveys import translations

    translations.add_language(survey, language)
    texts = {s.key: f"ترجمة {s.text}" for s in translations.texts_of(survey)}
    translations.save_translation(survey, language, texts)


def more(tenants: int, survey=None) -> list[str]:
    from sqlalchemy import func, select

    from consult.core.tokens import derive_token
    from consult.extensions import db
    from consult.invitations.models import Invitation
    from consult.panel.models import PanelMember

    consultation = found(
        "consult.surveys.models.consultations.Consultation", "consult.surveys.models.Consultation"
    )
    add_member = found(
        "consult.membership.services.add_member", "consult.panel.services.add_member"
    )
    invite_panel = found(
        "consult.invitations.inviting.invite_panel", "consult.invitations.services.invite_panel"
    )
    purpose = found("consult.invitations.links.PURPOSE", "consult.invitations.services.PURPOSE")

    survey = survey or db.session.scalars(select(consultation)).one()
    org = survey.organisation
    known = db.session.scalar(select(func.count()).select_from(PanelMember))
    for number in range(known, known + tenants):
        email = f"huurder{number:05d}@example.nl"
        add_member(org, email, None, [], basis_note="members' meeting decision")
    last = db.session.scalar(select(func.max(Invitation.id))) or 0
    invite_panel(survey)
    new = select(Invitation.token_salt).where(Invitation.id > last).order_by(Invitation.id)
    salts = db.session.scalars(new).all()
    db.session.commit()
    return [derive_token(purpose, salt) for salt in salts]


def stored() -> list[int]:
    from sqlalchemy import func, select

    from consult.extensions import db
    from consult.invitations.models import Invitation

    answer = found("consult.surveys.models.responses.Answer", "consult.surveys.models.Answer")
    response = found("consult.surveys.models.responses.Response", "consult.surveys.models.Response")
    from consult.core.anonymity import unseal
    from consult.invitations.models import Participation
    from consult.surveys.holding import sealed_purpose
    from consult.surveys.models.responses import HeldResponse

    answers = db.session.scalar(select(func.count()).select_from(answer))
    responses = db.session.scalar(select(func.count()).select_from(response))
    spent = db.session.scalar(
        select(func.count()).select_from(Invitation).where(Invitation.used_on.is_not(None))
    ) + db.session.scalar(select(func.count()).select_from(Participation))
    # An anonymous consultation holds its latest responses sealed until a block is complete.
    for consultation_id, blob in db.session.execute(
        select(HeldResponse.consultation_id, HeldResponse.payload)
    ):
        responses += 1
        answers += len(unseal(sealed_purpose(consultation_id), blob)["answers"])
    return [responses, spent, answers]


def stats() -> list[str]:
    from sqlalchemy import text

    from consult.extensions import db

    if db.engine.dialect.name != "postgresql":
        return []
    rows = db.session.execute(
        text(
            "SELECT s.relname, coalesce(heap_blks_hit + heap_blks_read, 0)"
            " + coalesce(idx_blks_hit + idx_blks_read, 0), coalesce(seq_tup_read, 0), n_dead_tup"
            " FROM pg_stat_user_tables s JOIN pg_statio_user_tables io USING (relid)"
        )
    )
    return [" ".join(map(str, row)) for row in rows]


def main(root: str, url: str, command: str, count: str = "0", language: str = "") -> None:
    sys.path.insert(0, root)
    import consult

    if not Path(consult.__file__).resolve().is_relative_to(Path(root).resolve()):
        raise SystemExit(f"consult imported from {consult.__file__}, not from {root}")
    app = consult.create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET_KEY})
    with app.app_context():
        if command in ("stored", "stats"):
            lines = stored() if command == "stored" else stats()
        else:
            lines = fresh(int(count), language) if command == "fresh" else more(int(count))
        from consult.extensions import db

        db.engine.dispose()
    print("\n".join(str(line) for line in lines))


if __name__ == "__main__":
    main(*sys.argv[1:])
