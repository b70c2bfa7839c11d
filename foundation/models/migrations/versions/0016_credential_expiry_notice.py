"""credential expiry notice

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 14:00:00.000000

Username + password expires after two years without a login that used it
(identity.password.expiry): ``credential.expiry_notice_for`` is the expiry the person was warned
of by e-mail, thirty days before, once per date. Rows set before this rule had no expiry: they
get two years from this upgrade, as if last used now, so that no key expires without its notice.
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DORMANT_AFTER = timedelta(days=730)  # identity.password.expiry, as of this revision


def upgrade() -> None:
    with op.batch_alter_table("credential", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("expiry_notice_for", sa.DateTime(timezone=True), nullable=True)
        )
    credential = sa.table("credential", sa.column("expires_at", sa.DateTime(timezone=True)))
    op.execute(
        credential.update()
        .where(credential.c.expires_at.is_(None))
        .values(expires_at=datetime.now(UTC) + DORMANT_AFTER)
    )


def downgrade() -> None:
    with op.batch_alter_table("credential", schema=None) as batch_op:
        batch_op.drop_column("expiry_notice_for")
