"""The e-mails an account receives, in the account's language; their words are in
``foundation/i18n/mails/accounts.<language>.toml`` (``foundation.mail_templates``)."""

from __future__ import annotations

from foundation.mail_outbox import OutgoingMail
from foundation.mail_templates import compose


def activation_mail(
    *, to: str, language: str, full_name: str, activate_url: str, cancel_url: str
) -> OutgoingMail:
    return compose(
        to,
        "accounts.activation",
        language,
        full_name=full_name,
        activate_url=activate_url,
        cancel_url=cancel_url,
    )


def confirm_email_mail(
    *, to: str, language: str, full_name: str, confirm_url: str, template: str
) -> OutgoingMail:
    """``template`` says what the address is for: ``accounts.confirm_account_email`` or
    ``accounts.confirm_teaching_email``."""
    return compose(to, template, language, full_name=full_name, confirm_url=confirm_url)


def email_changed_notice(*, to: str, language: str, full_name: str, new_email: str) -> OutgoingMail:
    return compose(to, "accounts.email_changed", language, full_name=full_name, new_email=new_email)


def deletion_notice(*, to: str, language: str, full_name: str, until: str) -> OutgoingMail:
    return compose(to, "accounts.deletion", language, full_name=full_name, until=until)
