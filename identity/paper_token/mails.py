"""The e-mails of the paper token, in the person's language; their words are in
``foundation/i18n/mails/paper_token.<language>.toml`` (``foundation.mail_templates``)."""

from __future__ import annotations

from datetime import datetime

from foundation.clock import BRUSSELS
from foundation.mail_outbox import OutgoingMail
from foundation.mail_templates import compose


def activation_mail(
    *, to: str, language: str, full_name: str, activate_url: str, valid_until: datetime
) -> OutgoingMail:
    local = valid_until.astimezone(BRUSSELS)
    return compose(
        to,
        "paper_token.activation",
        language,
        full_name=full_name,
        activate_url=activate_url,
        date=f"{local:%d/%m/%Y}",
        time=f"{local:%H:%M}",
    )


def token_card_mail(
    *, to: str, language: str, full_name: str, codes: list[tuple[int, str]]
) -> OutgoingMail:
    return compose(to, "paper_token.token_card", language, full_name=full_name, codes=codes)
