"""The organiser's event form and the public sign-up form (one choice per round)."""

from datetime import datetime

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from consult.events.models import PAYMENT_LABELS

SESSIONS_HELP = _l(
    "One session per line: round | title | capacity, e.g. “1 | Wonen en zorg | 25”. Sessions "
    "in the same round run at the same time; each participant chooses one per round."
)
PRICES_HELP = _l("One kind of participant per line: name | price in euros, e.g. “Huurder | 50”.")


def euros(cents: int) -> str:
    """An amount in the reader's notation: "50,00" in Dutch, "50.00" in English."""
    return format_decimal(cents / 100, "#,##0.00")


def _lines(text: str, parts: int) -> list[list[str]]:
    rows = [line.split("|") for line in (text or "").splitlines() if line.strip()]
    if any(len(row) != parts for row in rows):
        raise ValidationError(_("Every line needs %(count)d parts separated by |.", count=parts))
    return [[part.strip() for part in row] for row in rows]


def parse_sessions(text: str) -> list[tuple[int, str, int]]:
    """(round, title, capacity) per line. :raises ValidationError: on a malformed line."""
    rows = _lines(text, 3)  # outside the try: a ValidationError is a ValueError too
    try:
        sessions = [(int(r), title, int(c)) for r, title, c in rows]
    except ValueError:
        raise ValidationError(_("Round and capacity must be whole numbers.")) from None
    if not sessions:
        raise ValidationError(_("Add at least one session."))
    if any(not 1 <= r <= 20 or c < 1 or not title for r, title, c in sessions):
        raise ValidationError(
            _("Rounds go from 1 to 20, capacity is at least 1, titles are needed.")
        )
    return sessions


def parse_prices(text: str) -> list[tuple[str, int]]:
    """(label, cents) per line. :raises ValidationError: on a malformed line."""
    rows = _lines(text, 2)
    try:
        prices = [(label, round(float(p.replace(",", ".")) * 100)) for label, p in rows]
    except ValueError:
        raise ValidationError(_("A price is an amount in euros, such as 50 or 12,50.")) from None
    if any(cents < 0 or not label for label, cents in prices):
        raise ValidationError(_("Every kind needs a name and a price of 0 or more."))
    return prices


class EventForm(FlaskForm):
    title = StringField(
        _l("Title"), validators=[DataRequired(_l("Enter a title.")), Length(max=200)]
    )
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    day = DateField(_l("Date"), validators=[DataRequired(_l("Enter the date."))])
    starts = TimeField(_l("Starts at"), validators=[DataRequired(_l("Enter the start time."))])
    ends = TimeField(_l("Ends at"), validators=[DataRequired(_l("Enter the end time."))])
    place = StringField(_l("Place (address)"), validators=[Optional(), Length(max=300)])
    online_url = URLField(_l("Online link"), validators=[Optional(), Length(max=500)])
    programme = TextAreaField(_l("Programme"), validators=[Optional(), Length(max=5000)])
    sessions = TextAreaField(_l("Sessions"), description=SESSIONS_HELP)
    prices = TextAreaField(_l("Prices per kind of participant"), description=PRICES_HELP)
    retention_days = IntegerField(
        _l("Erase the registrations this many days after the event"),
        default=90,
        validators=[NumberRange(0, 730, _l("Between 0 and 730 days."))],
    )

    def validate_sessions(self, field):
        parse_sessions(field.data)

    def validate_prices(self, field):
        parse_prices(field.data)

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.ends.data <= self.starts.data:
            self.ends.errors.append(_("The end comes after the start."))
            return False
        if not (self.place.data or self.online_url.data):
            self.place.errors.append(_("Enter an address or an online link."))
            return False
        return True

    def details(self) -> dict:
        """What the organiser entered, as ``services.create_event`` takes it."""
        return {
            "event": {
                "title": self.title.data.strip(),
                "description": self.description.data or "",
                "programme": self.programme.data or "",
                "starts_at": datetime.combine(self.day.data, self.starts.data),
                "ends_at": datetime.combine(self.day.data, self.ends.data),
                "place": self.place.data or None,
                "online_url": self.online_url.data or None,
                "retention_days": self.retention_days.data,
            },
            "sessions": parse_sessions(self.sessions.data) if "sessions" in self else None,
            "prices": parse_prices(self.prices.data) if "prices" in self else None,
        }


def edit_form(event, **kwargs) -> EventForm:
    """The event form for changing the details; the sessions and prices stay as they are,
    since people may have signed up for them."""
    data = {
        "title": event.title,
        "description": event.description,
        "programme": event.programme,
        "day": event.starts_at.date(),
        "starts": event.starts_at.time(),
        "ends": event.ends_at.time(),
        "place": event.place,
        "online_url": event.online_url,
        "retention_days": event.retention_days,
    }
    form = EventForm(data=data, **kwargs)
    del form.sessions
    del form.prices
    return form


def round_field(number: int) -> str:
    return f"round_{number}"


class SignUpForm(FlaskForm):
    name = StringField(
        _l("Name"), validators=[DataRequired(_l("Enter your name.")), Length(max=200)]
    )
    email = EmailField(
        _l("E-mail address"),
        validators=[
            DataRequired(_l("Enter your e-mail address.")),
            Email(_l("Enter a valid e-mail address.")),
            Length(max=254),
        ],
    )
    affiliation = StringField(_l("Organisation"), validators=[Optional(), Length(max=200)])
    kind = SelectField(_l("Kind of participant"))
    remarks = TextAreaField(
        _l("Remarks"),
        description=_l("Dietary needs, accessibility, anything we should know."),
        validators=[Optional(), Length(max=2000)],
    )


def sign_up_form(event, member=None, **kwargs) -> SignUpForm:
    """The sign-up form of ``event``: a radio group per round, a choice of kind if priced;
    without name and address for a panel member, whose own are used."""

    class EventSignUpForm(SignUpForm):
        pass

    for sessions in event.rounds:
        number = sessions[0].round
        label = _l("Round %(number)d", number=number) if len(event.rounds) > 1 else _l("Session")
        field = RadioField(
            label,
            choices=[SelectChoice(str(s.id), s.title) for s in sessions],
            validators=[DataRequired(_l("Choose a session."))],
        )
        setattr(EventSignUpForm, round_field(number), field)
    form = EventSignUpForm(**kwargs)
    form.kind.choices = [
        SelectChoice(str(k.id), f"{k.label} (€ {euros(k.price_cents)})") for k in event.prices
    ]
    if not event.prices:
        del form.kind
    if member is not None:
        del form.name
        del form.email
    return form


def sign_up_details(form, event, locale: str) -> tuple[dict, dict]:
    """The person's details and their choice per round, from a valid sign-up form."""
    kinds = {str(k.id): k for k in event.prices}
    sessions = {str(s.id): s for s in event.sessions}
    details = {
        # An invited member signs up with the name and address the panel has for them.
        "name": form.name.data.strip() if "name" in form else "",
        "email": form.email.data if "email" in form else "",
        "affiliation": form.affiliation.data,
        "remarks": form.remarks.data,
        "kind": kinds.get(form.kind.data) if "kind" in form else None,
        "locale": locale,
    }
    choices = {}
    for group in event.rounds:
        chosen = sessions.get(form[round_field(group[0].round)].data)
        if chosen is not None:
            choices[group[0].round] = chosen
    return details, choices


class PaymentForm(FlaskForm):
    payment = SelectField(
        _l("Payment"), choices=[SelectChoice(p.value, label) for p, label in PAYMENT_LABELS.items()]
    )
    reference = StringField(_l("Reference or note"), validators=[Optional(), Length(max=100)])
