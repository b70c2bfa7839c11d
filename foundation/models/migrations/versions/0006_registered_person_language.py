"""registered person language

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 08:12:43.018322
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Rows registered before this revision keep French, the default of the portal.
    with op.batch_alter_table("registered_person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "language",
                sqlmodel.sql.sqltypes.AutoString(length=2),
                nullable=False,
                server_default="fr",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("registered_person", schema=None) as batch_op:
        batch_op.drop_column("language")
