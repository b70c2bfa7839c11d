"""A person with an account (tests/unit/identity/key_holder.py)."""

from tests.unit.identity.key_holder import account  # noqa: F401
