"""The small eID PKI of the authentication tests (tests/unit/identity/eid/auth/card_pki.py)."""

from tests.unit.identity.eid.auth.conftest import pki, revocation  # noqa: F401
