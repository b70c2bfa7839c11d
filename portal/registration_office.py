"""The back office of a local registration office, as its page runs it: the visit first (any
account state, an officer may have none), then, in the unit of work that registers, the officer
gate of ``identity.paper_token`` (an appointed officer, logged in with a high-level key)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.engine import Engine

from foundation import routes
from foundation.settings import get_settings
from identity import paper_token
from identity.paper_token.errors import RegistrationFieldError
from identity.paper_token.officers import Desk, desk_for
from portal.visits import ANY_ACCOUNT, entered


@dataclass(frozen=True, slots=True)
class PersonForm:
    """What the officer copied from the identity document (the date as an <input type=date>)."""

    surname: str
    first_names: str
    birth_date: str  # YYYY-MM-DD
    document_type: str
    document_number: str
    email: str


@dataclass(frozen=True, slots=True)
class IssuedCode:
    """The slip the officer prints and hands over: the code is shown this once."""

    name: str
    bis_number: str
    email: str
    activation_code: str
    expires_at: datetime


def activation_link() -> paper_token.ActivationLink:
    return paper_token.ActivationLink(get_settings().public_origin, routes.TOKEN_ACTIVATION)


def desk(session_id: str | None, *, now: datetime, bind: Engine | None = None) -> Desk:
    """What the page shows the person: their office, if any, and whether their login is strong
    enough to register anyone."""
    with entered(session_id, now=now, accepted=ANY_ACCOUNT, bind=bind) as inside:
        return desk_for(
            inside.db, national_number=inside.visit.national_number, level=inside.visit.level
        )


def register(
    session_id: str | None,
    form: PersonForm,
    *,
    now: datetime,
    language: str | None = None,
    link: paper_token.ActivationLink | None = None,
    bind: Engine | None = None,
) -> IssuedCode:
    """Registers the person and issues their activation code (``NotAnOfficerError``,
    ``OfficerLoginTooWeakError`` or a field's error otherwise); the activation e-mail is in
    ``language``, the office page's."""
    with entered(session_id, now=now, accepted=ANY_ACCOUNT, bind=bind) as inside:
        return _slip(
            paper_token.register_person(
                inside.db,
                officer_id=inside.visit.national_number,
                officer_level=inside.visit.level,
                surname=form.surname,
                first_names=form.first_names,
                birth_date=_birth_date(form.birth_date),
                document_type=form.document_type,
                document_number=form.document_number,
                email=form.email,
                link=link or activation_link(),
                now=now,
                language=language,
            )
        )


def reissue(
    session_id: str | None,
    bis_number: str,
    *,
    now: datetime,
    link: paper_token.ActivationLink | None = None,
    bind: Engine | None = None,
) -> IssuedCode:
    """A new code for someone already registered (lost, expired or blocked after 3 tries)."""
    with entered(session_id, now=now, accepted=ANY_ACCOUNT, bind=bind) as inside:
        return _slip(
            paper_token.issue_activation_code(
                inside.db,
                officer_id=inside.visit.national_number,
                officer_level=inside.visit.level,
                bis_number="".join(c for c in bis_number if c.isdigit()),
                link=link or activation_link(),
                now=now,
            )
        )


def _slip(registration: paper_token.Registration) -> IssuedCode:
    person = registration.person
    return IssuedCode(
        name=f"{person.first_names} {person.surname}",
        bis_number=person.bis_number,
        email=person.email,
        activation_code=registration.activation_code,
        expires_at=registration.expires_at,
    )


def _birth_date(text: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise RegistrationFieldError("birth_date") from None
