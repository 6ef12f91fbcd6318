"""Everything held about a member, for their own download (AVG/GDPR art. 15 and 20)."""

from flask_babel import gettext as _
from sqlalchemy import select

from consult.audit import services as audit
from consult.audit.models import AuditEntry
from consult.extensions import db
from consult.invitations import participation
from consult.invitations.models import Invitation
from consult.mail.models import OutboxMessage
from consult.panel.models import PrivacyStatement
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.questions import Question, QuestionOption
from consult.surveys.models.responses import Answer, Response


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def own_data(member) -> dict:
    """The member's data as plain JSON-ready values; the download itself is audited."""
    organisation = member.organisation
    privacy = db.session.scalar(
        select(PrivacyStatement).where(
            PrivacyStatement.organisation_id == organisation.id,
            PrivacyStatement.version == member.privacy_version,
        )
    )
    invitations = db.session.scalars(
        select(Invitation).where(Invitation.member_id == member.id).order_by(Invitation.id)
    ).all()
    subject = f"member {member.id}"
    log = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.organisation_id == organisation.id, AuditEntry.subject == subject)
        .order_by(AuditEntry.id)
    ).all()
    mails = db.session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.organisation_id == organisation.id,
            OutboxMessage.recipient == member.email,
        )
        .order_by(OutboxMessage.id)
    ).all()
    audit.record(organisation, "member.exported_own_data", subject, actor="member (own page)")
    return {
        "organisation": organisation.name,
        "member": {
            "email": member.email,
            "name": member.name,
            "status": member.status,
            "language": member.locale,
            "added": _iso(member.created_at),
            "joined": _iso(member.joined_at),
            "left": _iso(member.left_at),
            "paused_until": _iso(member.paused_until),
            "address_refused": _iso(member.bounced_at),
            "last_active_on": _iso(member.last_active_on),
        },
        "segments": {s.value.dimension.name: s.value.label for s in member.segments},
        "basis": {
            "kind": member.join_basis,
            "note": member.basis_note,
            "consented_at": _iso(member.consented_at),
            "privacy_version": member.privacy_version,
            "privacy_text": privacy.text if privacy else None,
        },
        "invitations": [
            {
                "consultation": invitation.consultation.title,
                "invited": _iso(invitation.created_at),
                "mail_sent": _iso(invitation.sent_at),
                "opened_on": _iso(invitation.opened_on),
                "answered_on": _iso(invitation.used_on),  # no day in an anonymous one
                "answered": participation.spent(invitation),
            }
            for invitation in invitations
        ],
        "answers": _identified_answers(member)
        or _("Answers are stored without any link to you, so they cannot be shown here."),
        "mails": [
            {"kind": m.kind, "queued": _iso(m.created_at), "status": m.status} for m in mails
        ],
        "log": [{"when": _iso(e.created_at), "what": e.action} for e in log],
    }


def _identified_answers(member) -> list[dict]:
    """The member's answers in identified consultations (anonymous ones are not linked)."""
    rows = db.session.execute(
        select(
            Response.submitted_on, Consultation.title, Question.text, Answer, QuestionOption.label
        )
        .join(Consultation, Consultation.id == Response.consultation_id)
        .join(Answer, Answer.response_id == Response.id)
        .join(Question, Question.id == Answer.question_id)
        .outerjoin(QuestionOption, QuestionOption.id == Answer.option_id)
        .where(Response.member_id == member.id)
        .order_by(Response.submitted_on, Question.page, Question.position, Answer.id)
    )
    return [
        {
            "consultation": title,
            "answered_on": _iso(submitted_on),
            "question": question,
            "answer": " ".join(
                str(part) for part in (label, answer.number, answer.text) if part is not None
            ),
        }
        for submitted_on, title, question, answer, label in rows
    ]
