"""eidas login, used assertions and european persons

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 21:57:56.264963

European login (#14): the logins under way and their checked outcomes (kept under a one-time
ticket, since the node's answer arrives by a cross-site POST without the portal's cookies), the
assertions already used (a copy is refused until it expires), and the European persons known by
their eIDAS PersonIdentifier with the BIS number made for them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "eidas_assertion",
        sa.Column("assertion_id", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("assertion_id"),
    )
    with op.batch_alter_table("eidas_assertion", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eidas_assertion_expires_at"), ["expires_at"], unique=False
        )

    op.create_table(
        "eidas_login",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("request_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("browser_binding", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ticket_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("error_detail", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("person_identifier", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("family_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("given_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("asserted_level", sa.Integer(), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("request_id"),
        sa.UniqueConstraint("ticket_hash"),
    )
    with op.batch_alter_table("eidas_login", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_eidas_login_expires_at"), ["expires_at"], unique=False)

    op.create_table(
        "european_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "person_identifier", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False
        ),
        sa.Column("register_number", sqlmodel.sql.sqltypes.AutoString(length=11), nullable=False),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("family_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("given_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("european_person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_european_person_person_identifier"), ["person_identifier"], unique=True
        )
        batch_op.create_index(
            batch_op.f("ix_european_person_register_number"), ["register_number"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("european_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_european_person_register_number"))
        batch_op.drop_index(batch_op.f("ix_european_person_person_identifier"))

    op.drop_table("european_person")
    with op.batch_alter_table("eidas_login", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eidas_login_expires_at"))

    op.drop_table("eidas_login")
    with op.batch_alter_table("eidas_assertion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eidas_assertion_expires_at"))

    op.drop_table("eidas_assertion")
