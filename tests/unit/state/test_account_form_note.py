"""The account form's note on the prefilled identity: a Belgian corrects it at their commune
(seed 004 §4), a European at their own country's identification service, which the portal
only copies (#14)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from foundation.clock import utc_now
from foundation.i18n.catalog import catalog
from state.account_form_state import AccountFormState
from tests.unit.portal.visitors import log_in
from tests.unit.state.conftest import Tab, fire


@pytest.mark.parametrize(
    ("key_kind", "note"),
    [
        ("eid", "account.prefilled_note"),
        ("itsme", "account.prefilled_note"),
        ("eidas", "eidas.prefilled_note"),
    ],
)
def test_the_note_names_where_the_identity_is_corrected(
    engine: Engine, key_kind: str, note: str
) -> None:
    page = Tab(log_in(engine, at=utc_now(), key_kind=key_kind)).page(AccountFormState)
    assert fire(page, "load") is None
    assert page.prefilled_note_key == note
    for language in ("fr", "nl", "de", "en"):
        assert catalog(language)[note]
