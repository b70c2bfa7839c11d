"""Dossiers and what the administration keeps for a person or a company.

A dossier lives in one space: a person's (``citoyen``, ``enseignement``: ``national_number`` is
its holder) or a company's professional space (``entreprise``: ``company_number`` is its holder
and ``national_number`` the person who created it). Dossiers the administration held before the
portal (seeded records) have no démarche (``procedure_key`` is empty) and can only be read.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, LargeBinary
from sqlmodel import Field, SQLModel


class DossierStatus(StrEnum):
    DRAFT = "draft"  # Brouillon
    SIGNED = "signed"  # Signé
    SUBMITTED = "submitted"  # Introduit
    IN_PROGRESS = "in_progress"  # En cours de traitement
    COMPLEMENT_REQUESTED = "complement_requested"  # Complément demandé
    CLOSED = "closed"  # Clôturé


class AttachmentPurpose(StrEnum):
    FORM = "form"  # a file field of the form
    COMPLEMENT = "complement"  # sent with the answer to a complement request
    DECISION = "decision"  # the administration's decision document


class TeachingStaffMember(SQLModel, table=True):
    """The register of the members of the teaching staff (filled from the administration's data)."""

    __tablename__ = "teaching_staff_member"

    national_number: str = Field(primary_key=True, max_length=11)
    employer: str = Field(max_length=200)


class Dossier(SQLModel, table=True):
    __tablename__ = "dossier"

    id: int | None = Field(default=None, primary_key=True)
    # "ME-2026-000123": what the person, the e-mails and the administration call it.
    reference: str | None = Field(default=None, max_length=20, unique=True)
    national_number: str = Field(max_length=11, index=True)
    space: str = Field(max_length=32)  # citoyen, enseignement or entreprise
    company_number: str | None = Field(default=None, max_length=10, index=True)
    procedure_key: str | None = Field(default=None, max_length=80)
    title: str = Field(max_length=300)
    status: str = Field(max_length=32)  # DossierStatus
    # The form's values (JSON object); the authentic data it was prefilled with, apart, so that
    # read-only fields always show what the source said.
    data: str = Field(default="{}")
    sources: str = Field(default="{}")
    step: str = Field(default="", max_length=80)
    # Bumped by every change: a save from a stale page is refused instead of undoing another's.
    version: int = Field(default=0)
    created_at: datetime | None = None
    updated_at: datetime
    updated_by: str | None = Field(default=None, max_length=11)
    signed_at: datetime | None = None
    signed_by: str | None = Field(default=None, max_length=11)
    submitted_at: datetime | None = None
    closed_at: datetime | None = None
    # The administration's last message: the complement it asks for, or its decision.
    administration_message: str = Field(default="")


class DossierAttachment(SQLModel, table=True):
    __tablename__ = "dossier_attachment"

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    purpose: str = Field(max_length=16)  # AttachmentPurpose
    field_key: str = Field(default="", max_length=80)
    file_name: str = Field(max_length=255)
    media_type: str = Field(max_length=40)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    added_at: datetime
    added_by: str = Field(max_length=32)  # a national number, or "administration"


class DossierReceipt(SQLModel, table=True):
    """The signed PDF of a dossier: the card's PAdES signature over the form's content."""

    __tablename__ = "dossier_receipt"

    dossier_id: int = Field(foreign_key="dossier.id", primary_key=True)
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    certificate: bytes = Field(sa_column=Column(LargeBinary, nullable=False))  # DER
    signer_name: str = Field(max_length=300)
    signer_national_number: str = Field(max_length=11)
    signed_at: datetime


class DossierEvent(SQLModel, table=True):
    """A dossier's history: who did what, when."""

    __tablename__ = "dossier_event"

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    at: datetime
    actor: str = Field(max_length=32)  # a national number, or "administration"
    action: str = Field(max_length=32)
    message: str = Field(default="")


class CompanySpace(SQLModel, table=True):
    """ "Gérer l'espace": a company's professional space settings."""

    __tablename__ = "company_space"

    company_number: str = Field(primary_key=True, max_length=10)
    contact_email: str = Field(default="", max_length=320)
    notify_submitted: bool = True
    notify_complement: bool = True
    notify_closed: bool = True
    updated_by: str | None = Field(default=None, max_length=11)
    updated_at: datetime | None = None


class PersonalItem(SQLModel, table=True):
    """Documents, notifications and communications shown on a dashboard."""

    __tablename__ = "personal_item"

    id: int | None = Field(default=None, primary_key=True)
    national_number: str = Field(max_length=11, index=True)
    space: str = Field(max_length=32)
    # Set for a company's space: its items are the company's, whoever of its people reads them.
    company_number: str | None = Field(default=None, max_length=10, index=True)
    kind: str = Field(max_length=32)  # document, notification or communication
    title: str = Field(max_length=300)
    created_at: datetime
    # A document that is a dossier's receipt or decision opens it from Mes documents.
    dossier_id: int | None = Field(default=None, foreign_key="dossier.id")
    attachment_id: int | None = Field(default=None, foreign_key="dossier_attachment.id")
