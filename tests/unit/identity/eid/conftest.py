"""Simulated cards built in memory, for the reader and the parsers (simulators/eid/cards.py)."""

from tests.unit.simulators.eid.cards import ec_card, rsa_card, unit_pki  # noqa: F401
