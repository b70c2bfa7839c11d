"""The paper token as a digital key (substantial), for people without a Belgian card: its login
asks for one numbered code of the card. It is activated with the code a registration office
issues (``identity.paper_token.activation``), not from Mes clés numériques."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from identity.assurance import LevelOfAssurance
from identity.key_protocol import CodeNotResendableError, CodePrompt, LoginPage
from identity.keys.kinds import KeyKind
from identity.keys.records import RecordKey
from identity.paper_token.card import pick_code_number, verify_token_code
from identity.registry import KeyDescriptor, KeyGroup

PAPER_TOKEN_KEY = KeyDescriptor(
    kind=KeyKind.PAPER_TOKEN,
    group=KeyGroup.CODE_AND_PASSWORD,
    level=LevelOfAssurance.SUBSTANTIAL,
    order=4,
    login_page=LoginPage.CODE,
)


class PaperTokenSecondStep:
    """The card holds the codes: the page asks for the one with the number picked."""

    def prepare(
        self, db: Session, *, attempt_id: str, national_number: str, now: datetime
    ) -> CodePrompt:
        number = pick_code_number(
            db, attempt_id=attempt_id, national_number=national_number, now=now
        )
        return CodePrompt("codelogin.prompt.paper_token", str(number))

    def verify(
        self, db: Session, *, attempt_id: str, national_number: str, code: str, now: datetime
    ) -> None:
        verify_token_code(
            db, attempt_id=attempt_id, national_number=national_number, code=code, now=now
        )

    def resend(
        self, db: Session, *, attempt_id: str, national_number: str, now: datetime
    ) -> CodePrompt:
        raise CodeNotResendableError("the codes are on the card: none is sent")


class PaperTokenKey(RecordKey):
    def __init__(self) -> None:
        super().__init__(PAPER_TOKEN_KEY)
        self.second_step = PaperTokenSecondStep()
