"""What one digital key answers about itself: the shape every entry of the registry has.

Like django-allauth's ``mfa/<method>/internal`` modules, each key (``identity/<key>/key.py``)
implements this once: how it is enrolled from "Mes clés numériques" (the recent-strong-login rule
inside), how the code of a login is asked for and checked, where its row lives and whether it can
be removed, and which wizard the page shows. Pages, State and services ask the registry for these
and never branch on key names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from sqlmodel import Session

from foundation.models.session import UserSession


class LoginPage(StrEnum):
    """Where the key chooser's link leads."""

    CODE = "code"  # the shared page: username + password, then the key's own code if it has one
    OWN = "own"  # a page of the key's own (the eID reader, itsme's phone)


class KeyViewStatus(StrEnum):
    ACTIVE = "ACTIVE"
    LOCKED = "LOCKED"


@dataclass(frozen=True, slots=True)
class KeyView:
    """One key of a person as "Mes clés numériques" shows it."""

    kind: str
    status: KeyViewStatus
    since: datetime
    expires: datetime | None


class KeyStore(Protocol):
    """Where a person's key of this kind is kept."""

    def view(self, db: Session, national_number: str) -> KeyView | None:
        """The person's key as Mes clés shows it; None when they have none."""
        ...

    def remove(self, db: Session, national_number: str) -> None:
        """Deletes the key and ends the logins half-way through it; ``KeyNotEnrolledError`` when
        there is none (the caller checks that the key is removable and tells the person)."""
        ...


@dataclass(frozen=True, slots=True)
class CodePrompt:
    """What the code page says: which instruction, and a detail (masked address, code number)."""

    prompt_key: str
    detail: str = ""
    can_resend: bool = False


class CodeNotResendableError(LookupError):
    """The key's codes are not sent (an app computes them, a card holds them)."""


class SecondStep(Protocol):
    """The code asked for after username + password, one signature for every code key."""

    def prepare(
        self, db: Session, *, attempt_id: str, national_number: str, now: datetime
    ) -> CodePrompt: ...

    def verify(
        self, db: Session, *, attempt_id: str, national_number: str, code: str, now: datetime
    ) -> None:
        """Accepts the code or raises a ``DigitalKeyError``; the caller finishes the attempt."""
        ...

    def resend(
        self, db: Session, *, attempt_id: str, national_number: str, now: datetime
    ) -> CodePrompt:
        """A new code for the same attempt; ``CodeNotResendableError`` for keys that send none."""
        ...


@dataclass(frozen=True, slots=True)
class EnrolmentRequest:
    """What adding a key from Mes clés takes, whichever the key: the session (the person, and the
    proof of a recent strong login), what the person typed, and the clock."""

    session: UserSession
    now: datetime
    destination: str = ""  # where a registration code goes (an e-mail address, a mobile number)
    code: str = ""  # the registration code, or the app's first code
    secret: str = ""  # what ``start`` gave, kept server-side between the two steps
    account_name: str = ""  # how an authenticator app labels the key


@dataclass(frozen=True, slots=True)
class EnrolmentStarted:
    destination: str = ""  # as kept (trimmed, normalised)
    secret: str = ""  # server-side only, never sent to the browser
    qr_src: str = ""
    secret_text: str = ""  # the secret as the person types it into an app


class Enrolment(Protocol):
    """Adding the key in two steps; both refuse without a recent strong login
    (``StrongLoginRequiredError``)."""

    def start(self, db: Session, request: EnrolmentRequest) -> EnrolmentStarted: ...

    def confirm(self, db: Session, request: EnrolmentRequest) -> None: ...


class WizardStepName(StrEnum):
    """The screens an activation wizard is made of; the page knows how to show each."""

    CONTACT = "contact"
    INSTALL = "install"
    ACTIVATE = "activate"  # a secret to scan, then the app's first code
    DESTINATION = "destination"  # where the registration code goes
    CODE = "code"  # the registration code
    CREDENTIALS = "credentials"
    CONFIRMATION = "confirmation"


@dataclass(frozen=True, slots=True)
class WizardStep:
    name: WizardStepName
    label_key: str  # catalogue key of the stepper's label


@dataclass(frozen=True, slots=True)
class DestinationField:
    """How the destination step asks where the registration code goes."""

    text_key: str
    label_key: str
    input_type: str  # the HTML input type, also its autocomplete: "email", "tel"
    prefill_account_email: bool = False
    # What the person should know of the key's risks before choosing it ("" for none).
    warning_key: str = ""


@dataclass(frozen=True, slots=True)
class Wizard:
    """The activation wizard of Mes clés numériques (texts are catalogue keys)."""

    title_key: str
    steps: tuple[WizardStep, ...]
    done_title_key: str = "credentials.saved"
    done_text_key: str = ""
    destination: DestinationField | None = None
    code_text_key: str = ""
    # The wizard of username + password itself: its credentials step always asks, where the
    # other wizards skip it for a person who already has them.
    sets_credentials: bool = False
    # The enrolment starts as the wizard opens (a secret to show), not on a destination typed.
    starts_on_open: bool = False

    @property
    def step_names(self) -> list[str]:
        return [step.name.value for step in self.steps]

    def label_of(self, name: WizardStepName) -> str:
        return next(step.label_key for step in self.steps if step.name is name)

    def catalogue_keys(self) -> set[str]:
        keys = {self.title_key, self.done_title_key, self.code_text_key, self.done_text_key}
        keys |= {step.label_key for step in self.steps}
        if self.destination is not None:
            keys |= {self.destination.text_key, self.destination.label_key}
        return keys - {""}


# The steps every wizard ends with.
CREDENTIALS_STEP = WizardStep(WizardStepName.CREDENTIALS, "totp.step.credentials")
CONFIRMATION_STEP = WizardStep(WizardStepName.CONFIRMATION, "totp.step.confirmation")
