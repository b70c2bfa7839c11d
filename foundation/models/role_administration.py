"""Role administrators ("administrateurs de l'attribution des rôles"): people the company's GAP
names to manage its role assignments (invite, approve, assign directly, change, stop) without
being GAP themselves.

A row is kept when the person is removed (``removed_at``): the table is the record of who was
named and removed, by whom and when. Names and address are copied, as on the other rows of
"Ma gestion des rôles eGov", because the person may have no account yet.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel


class RoleAdministrator(SQLModel, table=True):
    __tablename__ = "role_administrator"
    # Named once at a time per company: two GAP tabs naming the same person give one row.
    __table_args__ = (
        Index(
            "ux_role_administrator_current",
            "company_number",
            "national_number",
            unique=True,
            sqlite_where=text("removed_at IS NULL"),
            postgresql_where=text("removed_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    company_number: str = Field(foreign_key="company.number", max_length=10, index=True)
    national_number: str = Field(max_length=11, index=True)
    surname: str = Field(max_length=200)
    first_names: str = Field(max_length=200)
    email: str = Field(max_length=320)
    named_by: str = Field(max_length=11)  # the GAP
    named_at: datetime
    removed_by: str | None = Field(default=None, max_length=11)
    removed_at: datetime | None = None
