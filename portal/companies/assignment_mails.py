"""The e-mails of issue 11 (an assignment changed or about to end, role administrators named or
removed, a self-request to evaluate), in the recipient's language; their words are in
``foundation/i18n/mails/companies.<language>.toml`` with the other mails of the roles section,
in the seed's words where it shows the mail ("Des modifications à votre/vos attribution(s) de
rôle … ont été approuvées"), of the same voice elsewhere.
"""

from __future__ import annotations

from foundation.mail_outbox import OutgoingMail
from foundation.mail_templates import compose


def role_changed(
    *,
    to: str,
    language: str,
    role: str,
    change: str,
    validity: str,
    company: str,
    company_number: str,
    approver: str,
    assignments_url: str,
) -> OutgoingMail:
    """To the person whose assignment was changed (seed 001 "Suspendre l'ancien rôle", step 8);
    ``change`` is the line saying what, in the language (``mail.role_change.<action>``)."""
    return compose(
        to,
        "companies.role_changed",
        language,
        role=role,
        change=change,
        validity=validity,
        company=company,
        company_number=company_number,
        approver=approver,
        assignments_url=assignments_url,
    )


def role_ending(
    *, to: str, language: str, role: str, company: str, ends_on: str, assignments_url: str
) -> OutgoingMail:
    """To the person, 14 days before the last day of an assignment."""
    return compose(
        to,
        "companies.role_ending",
        language,
        role=role,
        company=company,
        ends_on=ends_on,
        assignments_url=assignments_url,
    )


def role_administrator_named(
    *, to: str, language: str, company: str, gap: str, management_url: str
) -> OutgoingMail:
    return compose(
        to,
        "companies.role_administrator_named",
        language,
        company=company,
        gap=gap,
        management_url=management_url,
    )


def role_administrator_removed(*, to: str, language: str, company: str, gap: str) -> OutgoingMail:
    return compose(to, "companies.role_administrator_removed", language, company=company, gap=gap)


def self_request_to_evaluate(
    *,
    to: str,
    language: str,
    person: str,
    role: str,
    company: str,
    message: str,
    tasks_url: str,
) -> OutgoingMail:
    """To the company's GAP and role administrators: "Demander soi-même une attribution de
    rôle" put a task in their "Mes tâches ouvertes"; no line for an empty message."""
    return compose(
        to,
        "companies.self_request_to_evaluate",
        language,
        person=person,
        role=role,
        company=company,
        message=message,
        tasks_url=tasks_url,
    )
