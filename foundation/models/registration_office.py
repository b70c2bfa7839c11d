"""Registration officers of the local registration offices (BEL), who issue paper tokens."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class RegistrationOfficer(SQLModel, table=True):
    __tablename__ = "registration_officer"

    national_number: str = Field(primary_key=True, max_length=11)
    office: str = Field(max_length=200)
