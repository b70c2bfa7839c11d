"""Login attempts of a person with an account (tests/unit/identity/code_people.py)."""

from tests.unit.identity.code_people import start_attempt  # noqa: F401
