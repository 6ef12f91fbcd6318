"""A consultation's questions and their options, the kinds of question and their scales, and
the content version a change of them raises."""

from datetime import date
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Select, String, event, inspect, select
from sqlalchemy.orm import Mapped, Session, joinedload, mapped_column, relationship

from consult.extensions import db
from consult.surveys.models.consultations import Consultation


class QuestionKind(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    AGREE_SCALE = "agree_scale"
    MATRIX = "matrix"
    RATING = "rating"
    YES_NO = "yes_no"
    NUMBER = "number"
    DATE = "date"
    PHOTO = "photo"
    RANKING = "ranking"
    SHORT_TEXT = "short_text"
    OPEN_TEXT = "open_text"
    INFORMATION = "information"


QUESTION_KIND_LABELS = {
    QuestionKind.SINGLE_CHOICE: _l("Single choice"),
    QuestionKind.MULTIPLE_CHOICE: _l("Multiple choice"),
    QuestionKind.AGREE_SCALE: _l("Agree scale (1-5)"),
    QuestionKind.MATRIX: _l("Statements on the agree scale (matrix)"),
    QuestionKind.RATING: _l("Rating 0-10"),
    QuestionKind.YES_NO: _l("Yes or no"),
    QuestionKind.NUMBER: _l("Number"),
    QuestionKind.DATE: _l("Date"),
    QuestionKind.PHOTO: _l("Photo (from the phone's camera; only the board sees it)"),
    QuestionKind.RANKING: _l("Ranking (order the top items)"),
    QuestionKind.SHORT_TEXT: _l("Short open text"),
    QuestionKind.OPEN_TEXT: _l("Open text"),
    QuestionKind.INFORMATION: _l("Information (text, no answer)"),
}

#: Kinds whose options are the answers to choose from (matrix: its statements; ranking: the
#: items to order).
KINDS_WITH_OPTIONS = {
    QuestionKind.SINGLE_CHOICE,
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.MATRIX,
    QuestionKind.RANKING,
}
#: Kinds whose answer is one number: conditions and results read ``Answer.number``.
NUMBER_KINDS = {
    QuestionKind.AGREE_SCALE,
    QuestionKind.RATING,
    QuestionKind.YES_NO,
    QuestionKind.NUMBER,
}
#: Kinds a later question's condition can refer to, with the values it can test.
CONDITION_KINDS = {
    QuestionKind.SINGLE_CHOICE,
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.AGREE_SCALE,
    QuestionKind.RATING,
    QuestionKind.YES_NO,
}

#: Yes and no, stored as 1 and 0.
YES_NO = {1: _l("Yes"), 0: _l("No")}
#: The eleven points of a rating, 0 (very bad) to 10 (excellent).
RATING_POINTS = range(0, 11)


class DateLimit(StrEnum):
    """A bound of a date question relative to the day it is answered."""

    NOT_FUTURE = "not_future"
    NOT_PAST = "not_past"


DATE_LIMIT_LABELS = {
    DateLimit.NOT_FUTURE: _l("Not in the future (today or earlier)"),
    DateLimit.NOT_PAST: _l("Not in the past (today or later)"),
}


class ConditionOperator(StrEnum):
    """How a condition compares an earlier answer with its values."""

    EQUALS = "equals"
    ANY_OF = "any_of"
    NOT = "not"


CONDITION_LABELS = {
    ConditionOperator.EQUALS: _l("is"),
    ConditionOperator.ANY_OF: _l("is one of"),
    ConditionOperator.NOT: _l("is not"),
}

#: The five points of the agree scale, stored as the numbers 1 to 5.
AGREE_SCALE = {
    1: _l("Strongly disagree"),
    2: _l("Disagree"),
    3: _l("Neither agree nor disagree"),
    4: _l("Agree"),
    5: _l("Strongly agree"),
}


class Question(db.Model):
    """A question, or an information block (kind "information", no answer).

    Questions are shown in ``position`` order, grouped in pages by ``page``. A question with a
    condition is shown only when the earlier ``condition_question``'s answer matches.
    """

    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    #: The page it is on, 1 for the first; pages are numbered without gaps.
    page: Mapped[int] = mapped_column(default=1)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(2000))
    help_text: Mapped[str] = mapped_column(String(500), default="")
    required: Mapped[bool] = mapped_column(default=True)
    #: Choice questions: offer "other, namely ..." with a text box.
    allows_other: Mapped[bool] = mapped_column(default=False)
    #: Multiple choice: at most this many picks; ranking: how many places to fill.
    max_choices: Mapped[int | None]
    #: Number questions: the smallest and largest accepted answer.
    min_value: Mapped[int | None]
    max_value: Mapped[int | None]
    #: Date questions: the earliest and latest accepted day, and a bound relative to the day
    #: of answering (see ``DateLimit``); all optional.
    earliest_on: Mapped[date | None]
    latest_on: Mapped[date | None]
    date_limit: Mapped[str | None] = mapped_column(String(10))
    #: Rating questions: show the Net Promoter Score in the results.
    shows_nps: Mapped[bool] = mapped_column(default=False)
    condition_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL")
    )
    condition_operator: Mapped[str | None] = mapped_column(String(10))
    #: The values the condition tests: option ids or numbers.
    condition_values: Mapped[list[int]] = mapped_column(JSON, default=list)

    consultation: Mapped[Consultation] = relationship(back_populates="questions")
    options: Mapped[list["QuestionOption"]] = relationship(
        back_populates="question", order_by="QuestionOption.position", cascade="all, delete-orphan"
    )
    condition_question: Mapped["Question | None"] = relationship(remote_side=[id])

    @property
    def kind_label(self):
        return QUESTION_KIND_LABELS[QuestionKind(self.kind)]

    @property
    def asks_answer(self) -> bool:
        return self.kind != QuestionKind.INFORMATION

    def __repr__(self) -> str:
        return f"<Question {self.id} {self.kind}>"


def in_order(consultation_id: int) -> Select:
    """A consultation's questions with their options, in the order they are shown (call
    ``.unique()`` on the result: the options are joined)."""
    return (
        select(Question)
        .where(Question.consultation_id == consultation_id)
        .options(joinedload(Question.options))
        .order_by(Question.page, Question.position)
    )


class QuestionOption(db.Model):
    __tablename__ = "question_options"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    label: Mapped[str] = mapped_column(String(200))

    question: Mapped[Question] = relationship(back_populates="options")

    def __repr__(self) -> str:
        return f"<QuestionOption {self.id} {self.label!r}>"


@event.listens_for(Session, "before_flush")
def note_question_changes(session, flush_context, instances) -> None:
    """Raise the content version of every stored consultation whose questions or options are
    added, changed or removed in this flush (in SQL, so two simultaneous edits both count)."""
    consultations = {
        id(consultation): consultation
        for item in (*session.new, *session.deleted, *session.dirty)
        if (consultation := _consultation_changed_by(session, item)) is not None
        and consultation not in session.new
        and consultation not in session.deleted
    }
    for consultation in consultations.values():
        consultation.content_version = Consultation.content_version + 1


def _consultation_changed_by(session, item) -> Consultation | None:
    if not isinstance(item, Consultation | Question | QuestionOption):
        return None
    if item in session.dirty and not session.is_modified(item):
        return None
    if isinstance(item, Consultation):  # a question taken out of its list
        return item if inspect(item).attrs.questions.history.has_changes() else None
    if isinstance(item, QuestionOption):
        item = item.question
    return item.consultation if isinstance(item, Question) else None
