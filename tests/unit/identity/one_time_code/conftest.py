"""A person with an account and their login attempts (tests/unit/identity/code_people.py)."""

from tests.unit.identity.code_people import account, start_attempt  # noqa: F401
