"""The agent's pages: the cases in a table, a case with what the person filed, its files and
history, and only the buttons its state allows."""

from __future__ import annotations

import re

from simulators.back_office.pages import (
    ASK_COMPLEMENT,
    CLOSE,
    GENERATE,
    TAKE,
    case_page,
    cases_page,
)
from tests.unit.simulators.back_office.case_data import a_case


def buttons(html: str) -> list[str]:
    return re.findall(r"<button[^>]*>([^<]+)</button>", html)


def test_the_list_links_each_case_with_brussels_time() -> None:
    line = {
        "reference": "ME-2026-000042",
        "title": "Allocation d'études supérieures",
        "status": "submitted",
        "status_label": "Introduit",
        "holder": "86031414204",
        "holder_name": "Naïma Samira Mremi",
        "submitted_at": "2026-02-28T09:30:00+00:00",
    }
    html = cases_page([line]).decode()
    assert "<h1>Back-office de l&#x27;administration — Dossiers à traiter</h1>" in html
    assert '<a href="/dossiers/ME-2026-000042">ME-2026-000042</a>' in html
    assert "28/02/2026 à 10:30" in html
    assert "1 dossier à traiter" in html


def test_an_empty_list_says_so() -> None:
    assert "Aucun dossier à traiter." in cases_page([]).decode()


def test_a_submitted_case_can_only_be_taken() -> None:
    html = case_page(a_case("submitted")).decode()
    assert buttons(html) == [TAKE]
    assert "BE71 0961" in html
    assert "attestation &lt;inscription&gt;.pdf" in html
    assert '<a href="/dossiers/ME-2026-000042/pieces/7">' in html
    assert '<a href="/dossiers/ME-2026-000042/accuse">' in html
    assert "244 Ko" in html
    assert "Introduction du dossier" in html


def test_a_case_in_progress_can_be_questioned_or_closed() -> None:
    html = case_page(a_case("in_progress")).decode()
    assert buttons(html) == [ASK_COMPLEMENT, CLOSE]
    assert '<label for="message">' in html
    assert '<label for="decision">' in html
    assert f'<label for="source-generate" style="display:inline">{GENERATE}</label>' in html
    assert 'value="generate" checked' in html


def test_a_closed_case_offers_nothing() -> None:
    html = case_page(a_case("closed", administration_message="Accordée.")).decode()
    assert buttons(html) == []
    assert "Accordée." in html


def test_what_the_agent_typed_comes_back_with_the_refusal() -> None:
    html = case_page(
        a_case("in_progress"),
        error="Indiquez la décision et joignez le document de décision.",
        typed={"decision": "Refus <motivé>", "document_source": "upload"},
    ).decode()
    assert 'role="alert">Indiquez la décision' in html
    assert "Refus &lt;motivé&gt;</textarea>" in html
    assert 'value="upload" checked' in html
