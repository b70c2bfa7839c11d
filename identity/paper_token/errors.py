"""Errors of the paper token and its activation, with a French message for the person."""

from __future__ import annotations

from typing import ClassVar

from identity.keys.errors import (
    CodeExpiredError,
    DigitalKeyError,
    InvalidCodeError,
    ReplayedCodeError,
)

GO_TO_OFFICE = "Adressez-vous à votre bureau d'enregistrement local pour en obtenir un nouveau."


class RegistrationFieldError(DigitalKeyError):
    """A field of the registration form is missing or wrong (``field`` names it)."""

    MESSAGES: ClassVar[dict[str, str]] = {
        "officer_id": "L'agent d'enregistrement n'est pas identifié.",
        "surname": "Indiquez le nom de la personne.",
        "first_names": "Indiquez le ou les prénoms de la personne.",
        "birth_date": "La date de naissance n'est pas plausible. Vérifiez-la.",
        "document_type": "Choisissez le type de document d'identité présenté.",
        "document_number": (
            "Indiquez le numéro du document d'identité (lettres et chiffres, 3 à 64 caractères)."
        ),
        "email": (
            "Cette adresse e-mail n'est pas valable. Vérifiez-la (par exemple nom@exemple.be)."
        ),
    }

    def __init__(self, field: str) -> None:
        self.field = field
        self.user_message = self.MESSAGES.get(field, DigitalKeyError.user_message)
        super().__init__(f"{field}: {self.user_message}")


class AlreadyRegisteredError(DigitalKeyError):
    def __init__(self, bis_number: str) -> None:
        self.bis_number = bis_number
        self.user_message = (
            f"Ce document d'identité est déjà enregistré (numéro BIS {bis_number}). "
            "Émettez un nouveau code d'activation pour cette personne."
        )
        super().__init__(self.user_message)


class PersonNotFoundError(DigitalKeyError):
    user_message = "Aucune personne enregistrée ne porte ce numéro."


class ActivationCodeFormatError(InvalidCodeError):
    """Not 20 characters of the alphabet: refused without spending an attempt."""

    user_message = (
        "Le code d'activation compte 20 caractères, en 4 groupes de 5 lettres et chiffres "
        "(sans 0, O, 1 ni I). Vérifiez-le et réessayez."
    )


class ActivationLinkError(DigitalKeyError):
    user_message = (
        "Ce lien d'activation n'est pas valable. Ouvrez le lien reçu par e-mail après votre "
        "enregistrement."
    )


class WrongActivationCodeError(InvalidCodeError):
    def __init__(self, tries_left: int) -> None:
        self.tries_left = tries_left
        plural = "essais" if tries_left > 1 else "essai"
        self.user_message = (
            f"Le code d'activation est incorrect. Il vous reste {tries_left} {plural}."
        )
        super().__init__(self.user_message)


class ActivationCodeVoidError(InvalidCodeError):
    user_message = (
        "Ce code d'activation n'est plus valable : il a été mal introduit trois fois. "
        + GO_TO_OFFICE
    )


class ActivationCodeExpiredError(CodeExpiredError):
    user_message = "Ce code d'activation a expiré (il est valable 7 jours). " + GO_TO_OFFICE


class ActivationCodeUsedError(ReplayedCodeError):
    user_message = (
        "Ce code d'activation a déjà été utilisé. Identifiez-vous avec votre nom d'utilisateur, "
        "votre mot de passe et votre token."
    )


class TokenCodeFormatError(InvalidCodeError):
    user_message = "Un code du token compte 6 chiffres. Vérifiez-le et réessayez."


class WrongTokenCodeError(InvalidCodeError):
    def __init__(self, number: int) -> None:
        self.number = number
        self.user_message = (
            f"Ce code ne correspond pas au code n° {number} de votre token. "
            "Vérifiez-le et réessayez."
        )
        super().__init__(self.user_message)


class TokenCodeUsedError(ReplayedCodeError):
    user_message = "Ce code du token a déjà été utilisé. Recommencez votre identification."


class NoTokenCardError(DigitalKeyError):
    user_message = (
        "Vous n'avez pas de token actif. Activez la clé « Code de sécurité via token » avec "
        "votre code d'activation."
    )


class TokenExhaustedError(DigitalKeyError):
    user_message = (
        "Tous les codes de votre token ont été utilisés. Demandez un nouveau token dans "
        "« Mes clés numériques »."
    )


class NoCodeNumberError(DigitalKeyError):
    """The code was entered before a number was asked (a page out of order)."""

    user_message = "Recommencez votre identification : le numéro du code n'a pas été demandé."


class TermsNotAcceptedError(DigitalKeyError):
    user_message = "Pour activer votre clé numérique, acceptez les conditions d'usage."


class LanguageChoiceError(DigitalKeyError):
    user_message = (
        "Choisissez votre préférence linguistique : français, néerlandais, allemand ou anglais."
    )


class KeyChoiceError(DigitalKeyError):
    user_message = (
        "Choisissez la clé numérique à activer : le code de sécurité via application mobile ou "
        "le code de sécurité via token."
    )
