"""The e-mails a person receives when a digital key is added, removed or its password changed.

They go to the account's address, into the outbox of the caller's unit of work, so they are sent
only if the change commits. A person without an account gets none.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from foundation.clock import BRUSSELS
from foundation.contacts import find_account, full_name
from foundation.mail_outbox import SIGNATURE, OutgoingMail, enqueue
from identity.registry import UnknownKeyError, default_registry

ON_YOUR_BEHALF = (
    "Si vous n'êtes pas à l'origine de ce changement, connectez-vous sans attendre avec votre "
    "carte d'identité électronique, vérifiez vos clés dans « Mes clés numériques » et "
    "contactez-nous."
)


def key_label(kind: str) -> str:
    """The name the key's registry entry gives it in e-mails (the kind for an unknown one)."""
    try:
        return default_registry().get(kind).descriptor.mail_name or kind
    except UnknownKeyError:
        return kind


def _when(moment: datetime) -> str:
    local = moment.astimezone(BRUSSELS)
    return f"le {local:%d/%m/%Y} à {local:%H:%M}"


def _mail(*, to: str, subject: str, paragraphs: list[str]) -> OutgoingMail:
    text = "\n\n".join([*paragraphs, SIGNATURE]) + "\n"
    body = "".join(f"<p>{html.escape(p)}</p>" for p in [*paragraphs, SIGNATURE])
    return OutgoingMail(
        recipient=to,
        subject=subject,
        text_body=text,
        html_body=(
            '<!doctype html><html lang="fr"><body style="font-family:Arial,sans-serif;'
            f'color:#1d2433">{body}</body></html>'
        ),
    )


def key_added_mail(*, to: str, full_name: str, kind: str, when: datetime) -> OutgoingMail:
    return _mail(
        to=to,
        subject="Une clé numérique a été ajoutée à votre compte Mon Espace",
        paragraphs=[
            f"Bonjour {full_name}",
            f"Une clé numérique a été ajoutée à votre compte Mon Espace {_when(when)} : "
            f"{key_label(kind)}. Vous pouvez désormais l'utiliser pour vous connecter.",
            ON_YOUR_BEHALF,
        ],
    )


def key_removed_mail(*, to: str, full_name: str, kind: str, when: datetime) -> OutgoingMail:
    return _mail(
        to=to,
        subject="Une clé numérique a été supprimée de votre compte Mon Espace",
        paragraphs=[
            f"Bonjour {full_name}",
            f"Une clé numérique a été supprimée de votre compte Mon Espace {_when(when)} : "
            f"{key_label(kind)}. Vous ne pouvez plus l'utiliser pour vous connecter.",
            ON_YOUR_BEHALF,
        ],
    )


def keys_removed_together_mail(
    *, to: str, full_name: str, kind: str, going_with: list[str], when: datetime
) -> OutgoingMail:
    """Username + password removed, and the code keys that only worked with it."""
    others = ", ".join(key_label(other) for other in going_with)
    return _mail(
        to=to,
        subject="Des clés numériques ont été supprimées de votre compte Mon Espace",
        paragraphs=[
            f"Bonjour {full_name}",
            f"Une clé numérique a été supprimée de votre compte Mon Espace {_when(when)} : "
            f"{key_label(kind)}. Les clés suivantes ne fonctionnaient qu'avec elle et ont été "
            f"supprimées en même temps : {others}. Vous ne pouvez plus les utiliser pour vous "
            "connecter.",
            ON_YOUR_BEHALF,
        ],
    )


def password_changed_mail(*, to: str, full_name: str, when: datetime) -> OutgoingMail:
    return _mail(
        to=to,
        subject="Le mot de passe de votre compte Mon Espace a changé",
        paragraphs=[
            f"Bonjour {full_name}",
            f"Le nom d'utilisateur ou le mot de passe de votre compte Mon Espace a été modifié "
            f"{_when(when)}.",
            ON_YOUR_BEHALF,
        ],
    )


def password_expiring_mail(
    *, to: str, full_name: str, expires_on: str, offices_url: str
) -> OutgoingMail:
    """Thirty days before username + password expires for want of use (identity.password.expiry)."""
    return _mail(
        to=to,
        subject="Votre nom d'utilisateur et mot de passe Mon Espace vont expirer",
        paragraphs=[
            f"Bonjour {full_name}",
            f"Votre clé numérique « nom d'utilisateur et mot de passe » expire le {expires_on} : "
            "elle n'a servi à aucune connexion depuis près de deux ans.",
            "Pour la garder, identifiez-vous une fois avec elle avant cette date (seule, ou avec "
            "votre code de sécurité : application mobile, SMS, e-mail ou token). Chaque "
            "connexion reporte l'expiration de deux ans. Vous n'avez pas à changer de mot de "
            "passe.",
            "Après cette date, vous pourrez en choisir un nouveau dans « Mes clés numériques » "
            "après une identification avec votre carte eID ; sans eID, rendez-vous dans un "
            f"bureau d'enregistrement local : {offices_url}",
        ],
    )


MailBuilder = Callable[..., OutgoingMail]


def _notify(
    db: Session, national_number: str, now: datetime, build: MailBuilder, **extra: object
) -> bool:
    account = find_account(db, national_number)
    if account is None:
        return False
    mail = build(to=account.email, full_name=full_name(account), when=now, **extra)
    enqueue(db, mail, now=now)
    return True


def notify_key_added(db: Session, *, national_number: str, kind: str, now: datetime) -> bool:
    """Queues the notice; False when the person has no account to write to."""
    return _notify(db, national_number, now, key_added_mail, kind=kind)


def notify_key_removed(db: Session, *, national_number: str, kind: str, now: datetime) -> bool:
    return _notify(db, national_number, now, key_removed_mail, kind=kind)


def notify_keys_removed_together(
    db: Session, *, national_number: str, kind: str, going_with: list[str], now: datetime
) -> bool:
    return _notify(
        db, national_number, now, keys_removed_together_mail, kind=kind, going_with=going_with
    )


def notify_password_changed(db: Session, *, national_number: str, now: datetime) -> bool:
    return _notify(db, national_number, now, password_changed_mail)
