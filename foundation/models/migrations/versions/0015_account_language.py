"""account language

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 09:00:00.000000

The language of the person's pages, kept on the account: the e-mails the portal writes to the
person are in it (foundation.mail_templates). Accounts made before this revision keep French,
the portal's default, until their holder opens a page in another language.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "language",
                sqlmodel.sql.sqltypes.AutoString(length=2),
                nullable=False,
                server_default="fr",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_column("language")
