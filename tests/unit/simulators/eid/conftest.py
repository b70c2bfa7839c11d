"""Cards built in memory (tests/unit/simulators/eid/cards.py)."""

from tests.unit.simulators.eid.cards import ec_card, pki_dir, rsa_card, unit_pki  # noqa: F401
