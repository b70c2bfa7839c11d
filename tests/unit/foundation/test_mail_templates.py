"""Every e-mail of the portal exists in the four languages, each text with the same values and
blocks as the French one, and every sender's builder gives its template exactly the values it
names; what people typed never reads as HTML."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from foundation import mail_templates
from foundation.mail_outbox import OutgoingMail
from foundation.mail_templates import MailTemplate, areas, compose, mail_language, templates
from foundation.settings import SUPPORTED_LANGUAGES
from identity.email_code import mails as email_code_mails
from identity.keys import mails as key_mails
from identity.paper_token import mails as paper_token_mails
from portal.accounts import mails as account_mails
from portal.companies import assignment_mails
from portal.companies import mails as company_mails
from portal.dossiers import mails as dossier_mails

TRANSLATIONS = [language for language in SUPPORTED_LANGUAGES if language != "fr"]
URL = "https://monespace.test/lien?a=1&b=2"
WHEN = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
TO = "naima@example.org"
Build = Callable[[str], OutgoingMail]

# Every builder of every area, called as its sender calls it, for one language.
EVERY_MAIL: dict[str, Build] = {
    "accounts.activation": lambda lang: account_mails.activation_mail(
        to=TO, language=lang, full_name="Naïma Mremi", activate_url=URL, cancel_url=URL
    ),
    "accounts.confirm_account_email": lambda lang: account_mails.confirm_email_mail(
        to=TO,
        language=lang,
        full_name="Naïma Mremi",
        confirm_url=URL,
        template="accounts.confirm_account_email",
    ),
    "accounts.confirm_teaching_email": lambda lang: account_mails.confirm_email_mail(
        to=TO,
        language=lang,
        full_name="Naïma Mremi",
        confirm_url=URL,
        template="accounts.confirm_teaching_email",
    ),
    "accounts.email_changed": lambda lang: account_mails.email_changed_notice(
        to=TO, language=lang, full_name="Naïma Mremi", new_email="n@example.be"
    ),
    "accounts.deletion": lambda lang: account_mails.deletion_notice(
        to=TO, language=lang, full_name="Naïma Mremi", until="22/12/2026"
    ),
    "keys.key_added": lambda lang: key_mails.key_added_mail(
        to=TO, language=lang, full_name="Naïma Mremi", kind="totp", when=WHEN
    ),
    "keys.key_removed": lambda lang: key_mails.key_removed_mail(
        to=TO, language=lang, full_name="Naïma Mremi", kind="sms_code", when=WHEN
    ),
    "keys.password_changed": lambda lang: key_mails.password_changed_mail(
        to=TO, language=lang, full_name="Naïma Mremi", when=WHEN
    ),
    "keys.keys_removed_together": lambda lang: key_mails.keys_removed_together_mail(
        to=TO,
        language=lang,
        full_name="Naïma Mremi",
        kind="password",
        going_with=["totp", "sms_code"],
        when=WHEN,
    ),
    "keys.password_expiring": lambda lang: key_mails.password_expiring_mail(
        to=TO, language=lang, full_name="Naïma Mremi", expires_on="22/12/2026", offices_url=URL
    ),
    "email_code.login_code": lambda lang: email_code_mails.login_code_mail(
        to=TO, language=lang, code="123456"
    ),
    "email_code.registration_code": lambda lang: email_code_mails.registration_code_mail(
        to=TO, language=lang, code="123456"
    ),
    "paper_token.activation": lambda lang: paper_token_mails.activation_mail(
        to=TO, language=lang, full_name="Anna Kowalska", activate_url=URL, valid_until=WHEN
    ),
    "paper_token.token_card": lambda lang: paper_token_mails.token_card_mail(
        to=TO, language=lang, full_name="Anna Kowalska", codes=[(1, "100001"), (12, "100012")]
    ),
    "companies.gap_designated": lambda lang: company_mails.gap_designated(
        to=TO, language=lang, company="E", representative="J-P Dumont", management_url=URL
    ),
    "companies.gap_designation_confirmed": lambda lang: company_mails.gap_designation_confirmed(
        to=TO, language=lang, company="E", gap="Chloé Ducoeur"
    ),
    "companies.gap_replaced": lambda lang: company_mails.gap_replaced(
        to=TO, language=lang, company="E", new_gap="Naïma Mremi"
    ),
    "companies.invitation": lambda lang: company_mails.invitation(
        to=TO, language=lang, company="E", message="Bienvenue", accept_url=URL, assignments_url=URL
    ),
    "companies.request_to_evaluate": lambda lang: company_mails.request_to_evaluate(
        to=TO, language=lang, person="Naïma", roles=["R1", "R2"], company="E", tasks_url=URL
    ),
    "companies.role_granted": lambda lang: company_mails.role_granted(
        to=TO, language=lang, role="R", company="E", assignments_url=URL
    ),
    "companies.role_granted_to_gap": lambda lang: company_mails.role_granted_to_gap(
        to=TO,
        language=lang,
        role="R",
        person="Naïma",
        company="E",
        validity="01/03/2026 - 31/12/2026",
        management_url=URL,
    ),
    "companies.role_rejected": lambda lang: company_mails.role_rejected(
        to=TO, language=lang, role="R", company="E", reason="r", approver="C", assignments_url=URL
    ),
    "companies.role_expired": lambda lang: company_mails.role_expired(
        to=TO, language=lang, role="R", company="E", ended_on="10/03/2026"
    ),
    "companies.role_changed": lambda lang: assignment_mails.role_changed(
        to=TO,
        language=lang,
        role="R",
        change="changed",
        validity="12/06/2017 - 31/12/2026",
        company="E",
        company_number="0845059050",
        approver="Chloé",
        assignments_url=URL,
    ),
    "companies.role_ending": lambda lang: assignment_mails.role_ending(
        to=TO, language=lang, role="R", company="E", ends_on="16/03/2026", assignments_url=URL
    ),
    "companies.role_administrator_named": lambda lang: assignment_mails.role_administrator_named(
        to=TO, language=lang, company="E", gap="Chloé", management_url=URL
    ),
    "companies.role_administrator_removed": (
        lambda lang: assignment_mails.role_administrator_removed(
            to=TO, language=lang, company="E", gap="Chloé"
        )
    ),
    "companies.self_request_to_evaluate": lambda lang: assignment_mails.self_request_to_evaluate(
        to=TO, language=lang, person="Naïma", role="R", company="E", message="m", tasks_url=URL
    ),
    "dossiers.submitted": lambda lang: dossier_mails.submitted(
        to=TO, language=lang, reference="WB-2026-000001", title="T", when=WHEN, dossier_url=URL
    ),
    "dossiers.complement_requested": lambda lang: dossier_mails.complement_requested(
        to=TO, language=lang, reference="WB-1", title="T", message="m", dossier_url=URL
    ),
    "dossiers.closed": lambda lang: dossier_mails.closed(
        to=TO, language=lang, reference="WB-1", title="T", decision="d", dossier_url=URL
    ),
}


def every_template(language: str) -> dict[str, MailTemplate]:
    return {
        f"{area}.{name}": template
        for area in areas()
        for name, template in templates(area, language).items()
    }


def test_every_area_has_its_four_languages_and_a_layout_each() -> None:
    folder = mail_templates.MAIL_DIR
    assert {"accounts", "keys", "email_code", "paper_token", "companies", "dossiers"} <= set(
        areas()
    )
    for area in [*areas(), mail_templates.LAYOUT]:
        for language in SUPPORTED_LANGUAGES:
            assert (folder / f"{area}.{language}.toml").is_file(), (area, language)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_template_exists_in_each_language_with_the_same_values_and_blocks(
    language: str,
) -> None:
    french, translated = every_template("fr"), every_template(language)
    assert set(translated) == set(french)
    for name, template in french.items():
        other = translated[name]
        assert other.placeholders == template.placeholders, name
        assert other.needs == template.needs, name
        assert other.kinds == template.kinds, name


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_translations_are_translated_not_copied(language: str) -> None:
    for name, template in every_template("fr").items():
        other = every_template(language)[name]
        assert other.subject != template.subject, name
    assert mail_templates.signature(language) != mail_templates.signature("fr")


def test_every_template_has_a_builder_and_every_builder_a_template() -> None:
    assert set(EVERY_MAIL) == set(every_template("fr"))


@pytest.fixture
def used(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates the builders asked for, as ``compose`` looks them up."""
    names: list[str] = []
    find = mail_templates.find

    def recording(template: str, language: str) -> MailTemplate:
        names.append(template)
        return find(template, language)

    monkeypatch.setattr(mail_templates, "find", recording)
    return names


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("name", sorted(EVERY_MAIL))
def test_each_builder_gives_its_template_exactly_its_values_in_each_language(
    name: str, language: str, used: list[str]
) -> None:
    mail = EVERY_MAIL[name](language)  # raises TypeError on a missing or an extra value
    assert used == [name]
    assert mail.recipient == TO
    assert mail.subject.strip()
    assert "$" not in mail.subject
    assert "${" not in mail.text_body
    assert mail.text_body.endswith(f"\n\n{mail_templates.signature(language)}\n")
    assert mail.html_body is not None
    assert mail.html_body.startswith(f'<!doctype html><html lang="{language}">')


def test_the_french_texts_are_the_ones_the_journeys_read() -> None:
    activation = EVERY_MAIL["accounts.activation"]("fr")
    assert activation.subject == "Activez votre compte Mon Espace"
    assert activation.text_body.startswith("Bonjour Naïma Mremi\n\n")
    assert f"Activer mon compte Mon Espace : {URL}\n" in activation.text_body
    assert "Annuler l'activation du compte Mon Espace" in (activation.html_body or "")
    card = EVERY_MAIL["paper_token.token_card"]("fr")
    assert "n°  1 : 100001\nn° 12 : 100012" in card.text_body
    code = EVERY_MAIL["email_code.login_code"]("fr")
    assert "Votre code de sécurité : 123456\n" in code.text_body


def test_a_value_is_text_in_html_and_a_link_is_quoted() -> None:
    mail = company_mails.invitation(
        to=TO,
        language="en",
        company="A&B <SA>",
        message='<script>alert("x")</script>',
        accept_url=URL,
        assignments_url=URL,
    )
    assert mail.html_body is not None
    assert "<script>" not in mail.html_body
    assert "&lt;script&gt;" in mail.html_body
    assert "A&amp;B &lt;SA&gt;" in mail.html_body
    assert 'href="https://monespace.test/lien?a=1&amp;b=2"' in mail.html_body
    assert 'Personal message: <script>alert("x")</script>' in mail.text_body
    assert f"Log in: {URL}" in mail.text_body


def test_an_empty_optional_value_leaves_its_line_out() -> None:
    for language in SUPPORTED_LANGUAGES:
        with_message = EVERY_MAIL["companies.invitation"](language)
        without = company_mails.invitation(
            to=TO, language=language, company="E", message=" ", accept_url=URL, assignments_url=URL
        )
        assert without.text_body.count("\n\n") == with_message.text_body.count("\n\n") - 1


def test_a_line_break_in_a_value_does_not_reach_the_subject() -> None:
    mail = company_mails.role_granted(
        to=TO, language="fr", role="R\r\nBcc: x@evil.test", company="E", assignments_url=URL
    )
    assert "\n" not in mail.subject
    assert "\r" not in mail.subject


def test_a_link_must_be_a_web_address() -> None:
    with pytest.raises(ValueError, match="not a web address"):
        account_mails.activation_mail(
            to=TO,
            language="fr",
            full_name="N",
            activate_url="javascript:alert(1)",
            cancel_url=URL,
        )


def test_a_missing_or_an_extra_value_is_refused() -> None:
    with pytest.raises(TypeError, match=r"missing \['code'\]"):
        compose(TO, "email_code.login_code", "fr")
    with pytest.raises(TypeError, match=r"not in the template \['extra'\]"):
        compose(TO, "email_code.login_code", "fr", code="1", extra="2")


def test_the_language_is_the_first_choice_the_portal_speaks() -> None:
    assert mail_language(None, "xx", "de", "nl") == "de"
    assert mail_language(None, "") == "fr"  # the portal's default
    assert compose(TO, "email_code.login_code", "es", code="1").subject == (
        "Votre code de sécurité Mon Espace"
    )


def test_a_malformed_template_is_refused_with_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mail_templates, "MAIL_DIR", tmp_path)
    mail_templates.templates.cache_clear()
    try:
        (tmp_path / "area.fr.toml").write_text(
            '[one]\nsubject = "S"\nbody = ["Costs 5 $ only"]\n', "utf-8"
        )
        with pytest.raises(ValueError, match=r"area\.fr\.toml \[one\]: a lone \$"):
            templates("area", "fr")
        mail_templates.templates.cache_clear()
        (tmp_path / "area.fr.toml").write_text(
            '[one]\nsubject = "S"\nbody = [{ image = "x.png" }]\n', "utf-8"
        )
        with pytest.raises(ValueError, match="not a block a mail can have"):
            templates("area", "fr")
    finally:
        mail_templates.templates.cache_clear()


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_registered_key_has_a_name_in_the_mails(language: str) -> None:
    from foundation.i18n.catalog import catalog
    from identity.registry import default_registry

    kinds = [key.descriptor.kind for key in default_registry().ordered()]
    assert [k for k in kinds if f"mail.key.{k}" not in catalog(language)] == []
    assert key_mails.key_label("password", language) == catalog(language)["mail.key.password"]
    assert key_mails.key_label("not_a_key", language) == "not_a_key"


def test_every_mail_of_the_portal_goes_through_the_templates() -> None:
    """No module writes a mail by hand: a new e-mail gets a template in the four languages."""
    from foundation.settings import PROJECT_ROOT

    allowed = {Path("foundation/mail_templates.py"), Path("foundation/mail_outbox.py")}
    by_hand = [
        path.relative_to(PROJECT_ROOT)
        for folder in ("foundation", "identity", "portal", "state", "monespace_app")
        for path in (PROJECT_ROOT / folder).rglob("*.py")
        if "OutgoingMail(" in path.read_text("utf-8")
        and path.relative_to(PROJECT_ROOT) not in allowed
    ]
    assert by_hand == []
