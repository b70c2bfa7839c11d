"""session browser binding and user agent

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 16:20:00.000000

A login is bound to the browser that started it (a hash of its pre-login cookie): the ticket
that turns a login into a session cookie, and the eID challenge, do nothing in another browser
(login CSRF). The browser's User-Agent is kept for "Mes sessions".
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("browser_binding", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch_op.add_column(
            sa.Column("user_agent", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True)
        )
    with op.batch_alter_table("eid_challenge", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("browser_binding", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("eid_challenge", schema=None) as batch_op:
        batch_op.drop_column("browser_binding")
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.drop_column("user_agent")
        batch_op.drop_column("browser_binding")
