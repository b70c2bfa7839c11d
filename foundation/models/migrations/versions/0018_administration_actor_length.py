"""administration actor length

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 19:10:00.000000

``dossier_event.actor`` and ``dossier_attachment.added_by`` hold a national number (11 digits)
or "administration" (14 letters) for the back office's actions and decisions: SQLite never
enforced the declared 11, PostgreSQL refused every action of the back office ("value too long for
type character varying(11)").
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (("dossier_event", "actor"), ("dossier_attachment", "added_by"))


def upgrade() -> None:
    for table, column in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                column, existing_type=sa.String(length=11), type_=sa.String(length=32)
            )


def downgrade() -> None:
    for table, column in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                column, existing_type=sa.String(length=32), type_=sa.String(length=11)
            )
