"""dossier event actor length

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 19:10:00.000000

``dossier_event.actor`` is a national number (11 digits) or "administration" (14 letters), the
back office's actions: SQLite never enforced the declared 11, PostgreSQL refused every action of
the back office ("value too long for type character varying(11)").
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("dossier_event", schema=None) as batch_op:
        batch_op.alter_column(
            "actor", existing_type=sa.String(length=11), type_=sa.String(length=32)
        )


def downgrade() -> None:
    with op.batch_alter_table("dossier_event", schema=None) as batch_op:
        batch_op.alter_column(
            "actor", existing_type=sa.String(length=32), type_=sa.String(length=11)
        )
