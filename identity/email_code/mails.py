"""The e-mails of the e-mail code key, in the person's language; their words are in
``foundation/i18n/mails/email_code.<language>.toml`` (``foundation.mail_templates``)."""

from __future__ import annotations

from foundation.mail_outbox import OutgoingMail
from foundation.mail_templates import compose


def login_code_mail(*, to: str, language: str, code: str) -> OutgoingMail:
    return compose(to, "email_code.login_code", language, code=code)


def registration_code_mail(*, to: str, language: str, code: str) -> OutgoingMail:
    return compose(to, "email_code.registration_code", language, code=code)
