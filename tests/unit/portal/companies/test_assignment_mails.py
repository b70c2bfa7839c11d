"""The e-mails of issue 11 greet and sign as the seeds do, and what people typed (a requester's
message, a name) never reads as HTML."""

from __future__ import annotations

import html

import pytest

from foundation.mail_outbox import OutgoingMail
from foundation.mail_templates import signature
from portal.companies import assignment_mails

URL = "https://monespace.test/roles/mes-attributions?a=1&b=2"
EVERY_MAIL = [
    assignment_mails.role_changed(
        to="a@b.be",
        language="fr",
        role="Rédacteur de dossiers",
        change="L'attribution de rôle a été suspendue",
        validity="12/06/2017 - Permanent",
        company="BLA",
        company_number="0845059050",
        approver="Chloé Ducoeur",
        assignments_url=URL,
    ),
    assignment_mails.role_ending(
        to="a@b.be", language="fr", role="R", company="E", ends_on="16/03/2026", assignments_url=URL
    ),
    assignment_mails.role_administrator_named(
        to="a@b.be", language="fr", company="E", gap="Chloé", management_url=URL
    ),
    assignment_mails.role_administrator_removed(
        to="a@b.be", language="fr", company="E", gap="Chloé"
    ),
    assignment_mails.self_request_to_evaluate(
        to="a@b.be", language="fr", person="Naïma", role="R", company="E", message="", tasks_url=URL
    ),
]


@pytest.mark.parametrize("mail", EVERY_MAIL, ids=lambda m: m.subject)
def test_every_mail_greets_and_signs_as_the_seeds_do(mail: OutgoingMail) -> None:
    assert mail.text_body.startswith("Madame, Monsieur,\n\n")
    assert mail.text_body.endswith(f"Sincères salutations,\n\n{signature('fr')}\n")
    assert mail.html_body is not None
    assert html.escape(signature("fr"), quote=False) in mail.html_body


def test_change_mail_has_the_seeds_lines() -> None:
    body = EVERY_MAIL[0].text_body
    assert (
        "Des modifications à votre/vos attribution(s) de rôle Rédacteur de dossiers pour "
        "l'application Ma Gestion des rôles e-Gov ont été approuvées :"
    ) in body
    for line in (
        "L'attribution de rôle a été suspendue",
        "Rôle : Rédacteur de dossiers",
        "Durée de validité : 12/06/2017 - Permanent",
        "Entreprise : « BLA », 0845059050",
        "Approbateur : Chloé Ducoeur",
    ):
        assert f"\n{line}\n" in body


def test_request_without_message_says_nothing_of_one() -> None:
    assert "Message personnel" not in EVERY_MAIL[4].text_body


def test_requesters_message_is_escaped_in_html() -> None:
    mail = assignment_mails.self_request_to_evaluate(
        to="a@b.be",
        language="fr",
        person="<b>Naïma</b>",
        role="R",
        company="A&B",
        message='<img src=x onerror="alert(1)">',
        tasks_url=URL,
    )
    assert mail.html_body is not None
    assert "<img" not in mail.html_body
    assert "&lt;b&gt;Naïma&lt;/b&gt;" in mail.html_body
    assert "Message personnel : <img" in mail.text_body
