"""What the dossier services refuse, one class per reason.

Texts are ``error.<ClassName>`` (or ``error.<ClassName>.<field>``) in the dossiers catalogues
(``foundation/i18n/catalogs/dossiers.<lang>.json``); ``{roles}`` in a refusal names the roles
that would allow the action.
"""

from __future__ import annotations


class DossierError(Exception):
    field: str | None = None

    def __init__(self, detail: str = "", *, field: str | None = None) -> None:
        super().__init__(detail or type(self).__name__)
        if field is not None:
            self.field = field


class DossierSessionEndedError(DossierError):
    """The session has ended: identify yourself again."""


class EidRequiredError(DossierError):
    """Initiating, signing and submitting need a login with the eID card (seed 003)."""


class SubstantialLevelRequiredError(DossierError):
    """Dossiers hold personal data: a key of at least the substantial level is needed."""


class DossierNotFoundError(DossierError):
    """No such dossier in this space (or not one this person may see: the same answer)."""


class SpaceNotAllowedError(DossierError):
    """This person has no access to that space."""


class RoleRequiredError(DossierError):
    """The person's roles in the company do not allow this action; ``roles`` names those that
    would, and ``field`` is the action (a variant of the text per action)."""

    def __init__(self, field: str, roles: str) -> None:
        super().__init__(f"{field} needs {roles}", field=field)
        self.roles = roles


class ProcedureNotForSpaceError(DossierError):
    """This démarche cannot be started from this space."""


class WrongStatusError(DossierError):
    """The dossier's state does not allow this action (any more)."""


class StaleDossierError(DossierError):
    """The dossier changed since the page was opened (another window, another person)."""


class FormIncompleteError(DossierError):
    """The form still has fields to correct before it can be signed."""

    def __init__(self, detail: dict[str, object]) -> None:
        # ``detail``: field key → FieldProblem, shown beside each field, not in this text.
        super().__init__(", ".join(detail))
        self.problems = detail


class AttachmentRefusedError(DossierError):
    """A file that cannot be attached; ``problem`` (a form-engine FieldProblem) says why, in the
    words shown beside the field."""

    def __init__(self, detail: object, *, field: str) -> None:
        # ``detail`` is the FieldProblem: its own words, not a value put into this class's text.
        super().__init__(str(detail), field=field)
        self.problem = detail


class AttachmentNotFoundError(DossierError):
    """No such file in this dossier."""


class ComplementAnswerEmptyError(DossierError):
    """An answer to a complement request needs a message or a file."""

    field = "message"


class SpaceSettingsError(DossierError):
    """A setting of the company's space that cannot be saved."""

    field = "contact_email"
