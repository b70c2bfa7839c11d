"""One error class per way an eID authentication can fail.

Each carries ``user_message`` (French, the portal's first language; safe to show on a page, the
portal may translate by error type) and ``detail`` (English, for the logs and the developer).
"""

from __future__ import annotations

from typing import ClassVar


class EidAuthenticationError(Exception):
    """Base of every server-side eID authentication failure."""

    user_message: ClassVar[str] = (
        "L'identification avec votre carte d'identité a échoué. Recommencez l'identification."
    )

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class MalformedTokenError(EidAuthenticationError):
    user_message = "La réponse du lecteur de carte est illisible. Recommencez l'identification."


class WrongOriginError(EidAuthenticationError):
    user_message = (
        "La demande d'identification ne provient pas de ce site. "
        "Recommencez l'identification depuis Mon Espace."
    )


class ChallengeExpiredError(EidAuthenticationError):
    """The nonce is unknown to the server or its 5 minutes are over."""

    user_message = "La demande d'identification a expiré. Recommencez l'identification."


class ReplayedChallengeError(EidAuthenticationError):
    user_message = (
        "Cette demande d'identification a déjà été utilisée. Recommencez l'identification."
    )


class CertificateExpiredError(EidAuthenticationError):
    user_message = (
        "Le certificat de votre carte d'identité est expiré. "
        "Demandez une nouvelle carte à votre commune."
    )


class CertificateNotYetValidError(EidAuthenticationError):
    user_message = (
        "Le certificat de votre carte d'identité n'est pas encore valable. "
        "Réessayez plus tard ou adressez-vous à votre commune."
    )


class CertificatePurposeError(EidAuthenticationError):
    user_message = (
        "Le certificat présenté ne permet pas de s'identifier. "
        "Utilisez le certificat d'authentification de votre carte d'identité belge."
    )


class CertificateNotTrustedError(EidAuthenticationError):
    user_message = (
        "Le certificat de votre carte n'a pas été émis par une autorité reconnue par Mon Espace."
    )


class CertificateRevokedError(EidAuthenticationError):
    user_message = (
        "Le certificat de votre carte d'identité a été révoqué. Adressez-vous à votre commune."
    )


class RevocationUnknownError(EidAuthenticationError):
    user_message = (
        "La validité de votre carte d'identité ne peut pas être vérifiée pour le moment. "
        "Réessayez dans quelques minutes."
    )


class InvalidSignatureError(EidAuthenticationError):
    user_message = (
        "La signature de votre carte n'a pas pu être vérifiée. Recommencez l'identification."
    )


class TrustAnchorsUnavailableError(EidAuthenticationError):
    """The configured trust-anchor folder is missing, empty or unreadable (a set-up fault)."""

    user_message = (
        "L'identification par carte d'identité est momentanément indisponible. "
        "Réessayez plus tard ou choisissez une autre clé numérique."
    )
