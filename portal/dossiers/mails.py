"""The dossiers' e-mails, in the recipient's language (``notices.recipients`` says whose); their
words are in ``foundation/i18n/mails/dossiers.<language>.toml`` (``foundation.mail_templates``).
The administration's message and decision are its own words, as written."""

from __future__ import annotations

from datetime import datetime

from foundation.clock import BRUSSELS
from foundation.mail_outbox import OutgoingMail
from foundation.mail_templates import compose


def submitted(
    *,
    to: str,
    language: str,
    reference: str,
    title: str,
    when: datetime,
    dossier_url: str,
) -> OutgoingMail:
    """The acknowledgement: the administration has received the dossier."""
    local = when.astimezone(BRUSSELS)
    return compose(
        to,
        "dossiers.submitted",
        language,
        reference=reference,
        title=title,
        date=f"{local:%d/%m/%Y}",
        time=f"{local:%H:%M}",
        dossier_url=dossier_url,
    )


def complement_requested(
    *, to: str, language: str, reference: str, title: str, message: str, dossier_url: str
) -> OutgoingMail:
    return compose(
        to,
        "dossiers.complement_requested",
        language,
        reference=reference,
        title=title,
        message=message,
        dossier_url=dossier_url,
    )


def closed(
    *, to: str, language: str, reference: str, title: str, decision: str, dossier_url: str
) -> OutgoingMail:
    return compose(
        to,
        "dossiers.closed",
        language,
        reference=reference,
        title=title,
        decision=decision,
        dossier_url=dossier_url,
    )
