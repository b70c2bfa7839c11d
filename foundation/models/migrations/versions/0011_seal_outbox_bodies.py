"""seal outbox bodies

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 14:30:00.000000

A data migration, written by hand: the bodies of e-mails still waiting in the outbox are sealed
(foundation.models.sealed_text: AES-GCM under a key derived from the server's secret key), and
the bodies of e-mails already delivered are erased; recipient, subject and dates stay. The
columns become TEXT (the sealed values are longer than the clear ones).

The key: ``server_secret`` in the Alembic config's attributes when the caller gives it (tests,
tools), else the portal's own, as revision 0007 reads it; only when there is a body to seal.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

from foundation.models.outbox import HTML_BODY, TEXT_BODY
from foundation.secrets_at_rest import derive_keys, is_sealed, seal
from foundation.settings import get_settings

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

outbox = sa.table(
    "outbox_message",
    sa.column("id", sa.Integer),
    sa.column("text_body", sa.Text),
    sa.column("html_body", sa.Text),
    sa.column("sent_at", sa.DateTime),
)


def upgrade() -> None:
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.alter_column("text_body", existing_type=sa.String(), type_=sa.Text())
        batch_op.alter_column("html_body", existing_type=sa.String(), type_=sa.Text())
    connection = op.get_bind()
    connection.execute(
        outbox.update().where(outbox.c.sent_at.is_not(None)).values(text_body="", html_body=None)
    )
    waiting = connection.execute(
        sa.select(outbox.c.id, outbox.c.text_body, outbox.c.html_body).where(
            outbox.c.sent_at.is_(None)
        )
    ).all()
    if not waiting:
        return
    given = context.config.attributes.get("server_secret")
    keys = derive_keys(given if given is not None else get_settings().resolved_secret_key())

    def sealed(value: str | None, purpose: str) -> str | None:
        if not value or is_sealed(value):
            return value
        return seal(value.encode("utf-8"), associated_data=purpose.encode(), keys=keys)

    for row in waiting:
        connection.execute(
            outbox.update()
            .where(outbox.c.id == row.id)
            .values(
                text_body=sealed(row.text_body, TEXT_BODY),
                html_body=sealed(row.html_body, HTML_BODY),
            )
        )


def downgrade() -> None:
    # Sealed bodies stay sealed (opening them needs the key); the columns go back to VARCHAR.
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.alter_column("html_body", existing_type=sa.Text(), type_=sa.String())
        batch_op.alter_column("text_body", existing_type=sa.Text(), type_=sa.String())
