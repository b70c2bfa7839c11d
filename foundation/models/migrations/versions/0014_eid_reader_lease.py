"""eid reader lease

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 10:00:00.000000

The card reader of the server is held by one eID login at a time, with an expiry, in the
database so that several backends share it: a second browser cannot read the card, nor spend
its PIN tries, while another's login is under way (identity.eid.reader_lease).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "eid_reader_lease",
        sa.Column("reader", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("holder_binding", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("reader"),
    )


def downgrade() -> None:
    op.drop_table("eid_reader_lease")
