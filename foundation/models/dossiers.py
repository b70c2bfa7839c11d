"""What the administration keeps for a person, by national number: it outlives the account."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class TeachingStaffMember(SQLModel, table=True):
    """The register of the members of the teaching staff (filled from the administration's data)."""

    __tablename__ = "teaching_staff_member"

    national_number: str = Field(primary_key=True, max_length=11)
    employer: str = Field(max_length=200)


class Dossier(SQLModel, table=True):
    __tablename__ = "dossier"

    id: int | None = Field(default=None, primary_key=True)
    national_number: str = Field(max_length=11, index=True)
    space: str = Field(max_length=32)  # citizen or teaching
    title: str = Field(max_length=300)
    status: str = Field(max_length=100)
    updated_at: datetime


class PersonalItem(SQLModel, table=True):
    """Documents, notifications and communications shown on a dashboard."""

    __tablename__ = "personal_item"

    id: int | None = Field(default=None, primary_key=True)
    national_number: str = Field(max_length=11, index=True)
    space: str = Field(max_length=32)
    kind: str = Field(max_length=32)  # document, notification or communication
    title: str = Field(max_length=300)
    created_at: datetime
