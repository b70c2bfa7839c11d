"""The e-mails of the roles section: the seeds' greeting, the portal's signature, and what
people typed (a GAP's message, a reason) never read as HTML."""

from __future__ import annotations

import html

import pytest

from foundation.mail_outbox import OutgoingMail
from foundation.mail_templates import signature
from portal.companies import mails

URL = "https://monespace.test/roleinvitation/accept?invitation=1&x=2"
EVERY_MAIL = [
    mails.gap_designated(
        to="a@b.be",
        language="fr",
        company="Entreprise de test",
        representative="J-P Dumont",
        management_url=URL,
    ),
    mails.gap_designation_confirmed(
        to="a@b.be", language="fr", company="Entreprise de test", gap="Chloé"
    ),
    mails.gap_replaced(to="a@b.be", language="fr", company="Entreprise de test", new_gap="Naïma"),
    mails.invitation(
        to="a@b.be",
        language="fr",
        company="Entreprise de test",
        message="",
        accept_url=URL,
        assignments_url=URL,
    ),
    mails.request_to_evaluate(
        to="a@b.be",
        language="fr",
        person="Naïma",
        roles=["Rédacteur de dossiers"],
        company="E",
        tasks_url=URL,
    ),
    mails.role_granted(
        to="a@b.be", language="fr", role="Rédacteur de dossiers", company="E", assignments_url=URL
    ),
    mails.role_granted_to_gap(
        to="a@b.be",
        language="fr",
        role="R",
        person="N",
        company="E",
        validity="v",
        management_url=URL,
    ),
    mails.role_rejected(
        to="a@b.be",
        language="fr",
        role="R",
        company="E",
        reason="r",
        approver="C",
        assignments_url=URL,
    ),
    mails.role_expired(to="a@b.be", language="fr", role="R", company="E", ended_on="10/03/2026"),
]


@pytest.mark.parametrize("mail", EVERY_MAIL, ids=lambda m: m.subject)
def test_every_mail_greets_and_signs_as_the_seeds_do(mail: OutgoingMail) -> None:
    assert mail.text_body.startswith("Madame, Monsieur,\n\n")
    assert mail.text_body.endswith(f"Sincères salutations,\n\n{signature('fr')}\n")
    assert mail.html_body is not None
    assert html.escape(signature("fr"), quote=False) in mail.html_body
    assert '<html lang="fr">' in mail.html_body


def test_invitation_without_message_says_nothing_of_one() -> None:
    assert "Message personnel" not in EVERY_MAIL[3].text_body


def test_typed_message_is_escaped_in_html_and_links_are_quoted() -> None:
    mail = mails.invitation(
        to="a@b.be",
        language="fr",
        company="A&B <SA>",
        message='<script>alert("x")</script>',
        accept_url=URL,
        assignments_url=URL,
    )
    assert mail.html_body is not None
    assert "<script>" not in mail.html_body
    assert "&lt;script&gt;" in mail.html_body
    assert "A&amp;B &lt;SA&gt;" in mail.html_body
    assert 'href="https://monespace.test/roleinvitation/accept?invitation=1&amp;x=2"' in (
        mail.html_body
    )
    assert f"S'identifier : {URL}" in mail.text_body


def test_rejection_reason_is_escaped_in_html() -> None:
    mail = mails.role_rejected(
        to="a@b.be",
        language="fr",
        role="R",
        company="E",
        reason="<b>non</b>",
        approver="C",
        assignments_url=URL,
    )
    assert mail.html_body is not None
    assert "&lt;b&gt;non&lt;/b&gt;" in mail.html_body
    assert "Raison : <b>non</b>" in mail.text_body
