"""seal totp secrets and key code hashes

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 09:00:00.000000

A data migration, written by hand: TOTP secrets stored in clear (base32) are encrypted with
AES-GCM and bound to their row, and code hashes of the former scheme (salted SHA-256) are wrapped
in an HMAC, both under keys derived from the server's secret key (foundation.secrets_at_rest).

The key: ``server_secret`` in the Alembic config's attributes when the caller gives it (tests,
tools), else the portal's own, read through the settings exactly as the portal reads it
(MONESPACE_SECRET_KEY, or data_dir/secret_key). It is read only when there is a row to convert,
so a new database never needs it.
"""

import base64
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

from foundation.secrets_at_rest import AtRestKeys, derive_keys, is_sealed
from foundation.settings import get_settings
from identity.one_time_code.hashing import is_keyed, wrap_legacy_hash
from identity.totp.secret import opened_secret, sealed_secret, secret_bytes

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOTP = "totp"
digital_key = sa.table(
    "digital_key",
    sa.column("id", sa.Integer),
    sa.column("national_number", sa.String),
    sa.column("kind", sa.String),
    sa.column("secret", sa.String),
)
CODE_TABLES = [
    sa.table(name, sa.column("id", sa.Integer), sa.column("code_hash", sa.String))
    for name in ("one_time_code", "activation_code", "paper_token_code")
]


def _keys() -> AtRestKeys:
    given = context.config.attributes.get("server_secret")
    return derive_keys(given if given is not None else get_settings().resolved_secret_key())


def _totp_rows(connection: sa.Connection) -> list[sa.Row[tuple[int, str, str]]]:
    return list(
        connection.execute(
            sa.select(digital_key.c.id, digital_key.c.national_number, digital_key.c.secret).where(
                digital_key.c.kind == TOTP, digital_key.c.secret.is_not(None)
            )
        ).all()
    )


def upgrade() -> None:
    connection = op.get_bind()
    clear = [row for row in _totp_rows(connection) if not is_sealed(row.secret)]
    legacy = {
        table: [
            row
            for row in connection.execute(sa.select(table.c.id, table.c.code_hash)).all()
            if not is_keyed(row.code_hash)
        ]
        for table in CODE_TABLES
    }
    if not clear and not any(legacy.values()):
        return
    keys = _keys()
    for row in clear:
        try:
            secret_bytes(row.secret)
        except ValueError:
            raise RuntimeError(f"digital_key {row.id}: the TOTP secret is not base32") from None
        sealed = sealed_secret(row.secret, national_number=row.national_number, keys=keys)
        connection.execute(
            digital_key.update().where(digital_key.c.id == row.id).values(secret=sealed)
        )
    for table, rows in legacy.items():
        for row in rows:
            connection.execute(
                table.update()
                .where(table.c.id == row.id)
                .values(code_hash=wrap_legacy_hash(row.code_hash, keys=keys))
            )


def downgrade() -> None:
    # TOTP secrets go back to base32 in clear. Code hashes cannot be unwrapped (an HMAC is one-way):
    # the code before this revision finds no match for them, so cards and pending codes made
    # before the downgrade stop working (a new paper token card, a new code).
    connection = op.get_bind()
    sealed = [row for row in _totp_rows(connection) if is_sealed(row.secret)]
    if not sealed:
        return
    keys = _keys()
    for row in sealed:
        key = opened_secret(row.secret, national_number=row.national_number, keys=keys)
        clear = base64.b32encode(key).decode("ascii").rstrip("=")
        connection.execute(
            digital_key.update().where(digital_key.c.id == row.id).values(secret=clear)
        )
