"""Errors of the one-time codes sent by e-mail or SMS, with a French message for the person."""

from __future__ import annotations

from identity.keys.errors import (
    CodeExpiredError,
    DigitalKeyError,
    InvalidCodeError,
    ReplayedCodeError,
)


class CodeFormatError(InvalidCodeError):
    """Not 6 digits: refused without spending an attempt (it cannot be the right code)."""

    user_message = "Le code de sécurité compte 6 chiffres. Vérifiez-le et réessayez."


class WrongCodeError(InvalidCodeError):
    """Wrong code; the same code can still be tried ``tries_left`` times (the catalogue's
    ``{n}``)."""

    def __init__(self, tries_left: int) -> None:
        self.tries_left = tries_left
        plural = "essais" if tries_left > 1 else "essai"
        self.user_message = (
            f"Le code introduit est incorrect. Il vous reste {tries_left} {plural} avec ce code."
        )
        super().__init__(self.user_message)


class TooManyAttemptsError(InvalidCodeError):
    """The code was mistyped too often and no longer works."""

    user_message = (
        "Le code a été mal introduit trop de fois et n'est plus valable. Demandez un nouveau code."
    )


class OneTimeCodeExpiredError(CodeExpiredError):
    user_message = "Ce code a expiré (il est valable 10 minutes). Demandez un nouveau code."


class CodeAlreadyUsedError(ReplayedCodeError):
    user_message = "Ce code a déjà été utilisé. Demandez un nouveau code."


class NoCodeError(DigitalKeyError):
    """No code was sent for this login or enrolment (or a newer one replaced it)."""

    user_message = "Aucun code n'a été envoyé pour cette demande. Demandez un nouveau code."


class CodeResendTooSoonError(DigitalKeyError):
    def __init__(self, seconds_left: int) -> None:
        self.seconds_left = seconds_left
        plural = "secondes" if seconds_left > 1 else "seconde"
        self.user_message = (
            "Un code vient de vous être envoyé. Patientez encore "
            f"{seconds_left} {plural} avant d'en demander un nouveau."
        )
        super().__init__(self.user_message)


class SendLimitError(DigitalKeyError):
    user_message = (
        "Vous avez demandé le nombre maximal de codes. Recommencez votre identification "
        "depuis le début, ou réessayez dans une heure."
    )


class NoDestinationError(DigitalKeyError):
    """The key has no address or number to send to (should not happen for an active key)."""

    user_message = (
        "Aucune adresse n'est enregistrée pour cette clé numérique. Activez-la à nouveau dans "
        "« Mes clés numériques »."
    )
