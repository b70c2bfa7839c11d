"""throttling: sliding-window slots and counters

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 09:00:00.000000

Limits on login and code attempts per client address and overall, on codes sent per person, and
the failures of usernames nobody holds, kept in the database so that several backends share them
(identity.throttling).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "throttle_slot",
        sa.Column("bucket", sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("bucket", "slot"),
    )
    with op.batch_alter_table("throttle_slot", schema=None) as batch_op:
        batch_op.create_index(
            "ix_throttle_slot_bucket_expires_at", ["bucket", "expires_at"], unique=False
        )
    op.create_table(
        "throttle_counter",
        sa.Column("bucket", sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("bucket"),
    )
    with op.batch_alter_table("throttle_counter", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_throttle_counter_expires_at"), ["expires_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("throttle_counter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_throttle_counter_expires_at"))
    op.drop_table("throttle_counter")
    with op.batch_alter_table("throttle_slot", schema=None) as batch_op:
        batch_op.drop_index("ix_throttle_slot_bucket_expires_at")
    op.drop_table("throttle_slot")
