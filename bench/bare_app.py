"""The bare baselines of the load bench: a Flask page, and a write of one sent questionnaire.

No Consult code: plain Flask and SQLAlchemy, as anyone would write them. ``GET /`` is the
framework's ceiling for a page. ``POST /write`` stores what one Consult send stores, in one
transaction: a response row, then one answer row per posted field (a number where the value
is one, else text), in tables of Consult's shape and indexes (``responses``, ``answers``)
under their own names, in the database named by ``BENCH_DATABASE_URL``. Served by gunicorn:
``gunicorn --chdir bench 'bare_app:app'``; the bench creates the tables first
(``create_tables``), so workers never race to do it.
"""

import datetime
import os
import uuid

from flask import Flask, redirect, request
from sqlalchemy import ForeignKey, Index, String, Text, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class BareResponse(Base):
    __tablename__ = "bare_responses"
    __table_args__ = (Index("ix_bare_responses_counts", "consultation_id", "channel", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[int] = mapped_column(index=True)
    consultation_id: Mapped[int]
    channel: Mapped[str] = mapped_column(String(20))
    submitted_on: Mapped[datetime.date]
    member_id: Mapped[int | None] = mapped_column(index=True)


class BareAnswer(Base):
    __tablename__ = "bare_answers"
    __table_args__ = (
        Index("ix_bare_answers_counts", "question_id", "option_id", "number", "response_id"),
        Index("ix_bare_answers_respondents", "question_id", "response_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bare_responses.id"), index=True)
    question_id: Mapped[int]
    option_id: Mapped[int | None]
    number: Mapped[int | None]
    text: Mapped[str | None] = mapped_column(Text)


def engine_for(url: str):
    """An engine with Consult's SQLite settings (WAL, foreign keys, a busy timeout)."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def set_pragmas(dbapi_connection, _record):
            for pragma in ("foreign_keys=ON", "busy_timeout=10000", "journal_mode=WAL"):
                dbapi_connection.execute(f"PRAGMA {pragma}")
            dbapi_connection.execute("PRAGMA synchronous=NORMAL")

    return engine


def create_tables(url: str) -> None:
    engine = engine_for(url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    engine.dispose()


app = Flask(__name__)
engine = engine_for(os.environ.get("BENCH_DATABASE_URL", "sqlite://"))


@app.get("/")
def bare_page():
    return "<!doctype html><title>bare</title><p>Hello</p>"


@app.post("/write")
def bare_write():
    response = BareResponse(
        id=uuid.uuid4(),
        organisation_id=1,
        consultation_id=1,
        channel="invitation",
        submitted_on=datetime.date.today(),
        member_id=None,
    )
    answers = [
        BareAnswer(
            response_id=response.id,
            question_id=int(name.removeprefix("q")),
            number=int(value) if value.isdigit() else None,
            text=None if value.isdigit() else value,
        )
        for name, value in request.form.items()
    ]
    with Session(engine) as session, session.begin():
        session.add(response)
        session.flush()  # the response first, as Consult writes it; its answers refer to it
        session.add_all(answers)
    return redirect("/thanks")
