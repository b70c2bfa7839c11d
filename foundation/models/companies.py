"""Companies in "Ma gestion des rôles eGov": the registered company, its main access manager
(GAP), the invitations the GAP sends, the role assignments they lead to and their history.

Names and e-mail addresses are copied onto the rows (not joined from ``account``): an invited
person may have no account yet, and the history must still read the same after a name changes.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel


class AssignmentStatus(StrEnum):
    REQUESTED = "requested"  # invitation accepted, waiting for the GAP
    ACTIVE = "active"  # approved; in force from starts_on to ends_on
    REJECTED = "rejected"
    SUSPENDED = "suspended"  # "Arrêter": "Suspendu(e)", can be restarted ("Recommencer")
    DEACTIVATED = "deactivated"  # "Désactiver temporairement"
    STOPPED = "stopped"
    EXPIRED = "expired"  # ends_on passed (the hourly job)


class Company(SQLModel, table=True):
    """A company registered by a legal representative, as the register described it then."""

    __tablename__ = "company"

    number: str = Field(primary_key=True, max_length=10)  # 10 digits, no dots
    name: str = Field(max_length=300)
    legal_form: str = Field(max_length=100)
    street: str = Field(max_length=300)
    zip_code: str = Field(max_length=10)
    municipality: str = Field(max_length=200)
    # The representative who last registered it (checked against the register at that moment).
    registered_by: str = Field(max_length=11)
    registered_at: datetime


class MainAccessManager(SQLModel, table=True):
    """A GAP designation; the current one is the row with no ``replaced_at``."""

    __tablename__ = "main_access_manager"
    # One current GAP per company, even when two representatives confirm at the same moment.
    __table_args__ = (
        Index(
            "ux_main_access_manager_current",
            "company_number",
            unique=True,
            sqlite_where=text("replaced_at IS NULL"),
            postgresql_where=text("replaced_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    company_number: str = Field(foreign_key="company.number", max_length=10, index=True)
    national_number: str = Field(max_length=11, index=True)
    surname: str = Field(max_length=200)
    first_names: str = Field(max_length=200)
    email: str = Field(max_length=320)
    phone: str = Field(max_length=32)
    designated_by: str = Field(max_length=11)  # the legal representative
    designated_at: datetime
    replaced_at: datetime | None = None


class RoleInvitation(SQLModel, table=True):
    __tablename__ = "role_invitation"

    id: str = Field(primary_key=True, max_length=36)  # a UUID: the acceptance link carries it
    company_number: str = Field(foreign_key="company.number", max_length=10, index=True)
    created_by: str = Field(max_length=11)
    valid_from: date
    valid_until: date | None = None  # None: "Illimité"
    message: str = Field(default="", max_length=2000)
    expires_on: date  # last day the link can be accepted
    created_at: datetime
    revoked_at: datetime | None = None


class RoleInvitationRole(SQLModel, table=True):
    __tablename__ = "role_invitation_role"

    invitation_id: str = Field(foreign_key="role_invitation.id", primary_key=True, max_length=36)
    role_code: str = Field(primary_key=True, max_length=64)


class RoleInvitationInvitee(SQLModel, table=True):
    """A named person of an invitation; a link with none is open to whoever has it."""

    __tablename__ = "role_invitation_invitee"

    id: int | None = Field(default=None, primary_key=True)
    invitation_id: str = Field(foreign_key="role_invitation.id", max_length=36, index=True)
    surname: str = Field(max_length=200)
    first_names: str = Field(max_length=200)
    email: str = Field(max_length=320)
    accepted_by: str | None = Field(default=None, max_length=11)
    accepted_at: datetime | None = None


class RoleInvitationTemplate(SQLModel, table=True):
    """An invitation saved "en vue d'une future utilisation"; ``content`` is JSON."""

    __tablename__ = "role_invitation_template"

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=11, index=True)
    name: str = Field(max_length=200)
    description: str = Field(max_length=1000)
    content: str
    created_at: datetime


class RoleAssignment(SQLModel, table=True):
    __tablename__ = "role_assignment"
    # Accepting the same invitation twice (two tabs, a replayed event) cannot create two requests.
    # The overview of a company sorts its thousands of assignments by person or start date, ten
    # a page: these indexes give any page without sorting the whole company.
    __table_args__ = (
        UniqueConstraint("invitation_id", "role_code", "national_number"),
        Index(
            "ix_role_assignment_company_person",
            "company_number",
            text("lower(surname)"),
            text("lower(first_names)"),
        ),
        Index("ix_role_assignment_company_start", "company_number", "starts_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    company_number: str = Field(foreign_key="company.number", max_length=10, index=True)
    role_code: str = Field(max_length=64)
    national_number: str = Field(max_length=11, index=True)
    surname: str = Field(max_length=200)
    first_names: str = Field(max_length=200)
    email: str = Field(max_length=320)
    starts_on: date
    ends_on: date | None = None  # None: "Illimité"
    status: str = Field(max_length=16, index=True)  # an AssignmentStatus value
    invitation_id: str | None = Field(default=None, foreign_key="role_invitation.id", max_length=36)
    requested_at: datetime
    decided_by: str | None = Field(default=None, max_length=11)
    decided_at: datetime | None = None
    reject_reason: str | None = Field(default=None, max_length=2000)
    # The end date the "14 days before" e-mail was sent for: once per end date, again if changed.
    ending_notice_for: date | None = None


class RoleAssignmentHistory(SQLModel, table=True):
    """One line of "Historique de l'attribution de rôle": date, actor, action."""

    __tablename__ = "role_assignment_history"

    id: int | None = Field(default=None, primary_key=True)
    assignment_id: int = Field(foreign_key="role_assignment.id", index=True)
    at: datetime
    actor_national_number: str | None = Field(default=None, max_length=11)  # None: "Automatique"
    actor_name: str = Field(max_length=400)
    action: str = Field(max_length=200)  # the seed's wording, e.g. "Demandé(e)"
    details: str = Field(default="", max_length=2000)  # "Informations supplémentaires"
