"""The e-mails of "Ma gestion des rôles eGov" about designations, invitations and decisions, in
the recipient's language; their words, in the seeds' voice ("Madame, Monsieur, … votre
attribution de rôle … est octroyée."), are in ``foundation/i18n/mails/companies.<language>.toml``
(``foundation.mail_templates``). Role and company names are data, shown as they are."""

from __future__ import annotations

from foundation.mail_outbox import OutgoingMail
from foundation.mail_templates import compose


def gap_designated(
    *, to: str, language: str, company: str, representative: str, management_url: str
) -> OutgoingMail:
    """To the new GAP."""
    return compose(
        to,
        "companies.gap_designated",
        language,
        company=company,
        representative=representative,
        management_url=management_url,
    )


def gap_designation_confirmed(*, to: str, language: str, company: str, gap: str) -> OutgoingMail:
    """To the legal representative who designated someone else."""
    return compose(to, "companies.gap_designation_confirmed", language, company=company, gap=gap)


def gap_replaced(*, to: str, language: str, company: str, new_gap: str) -> OutgoingMail:
    """To the GAP someone else replaces."""
    return compose(to, "companies.gap_replaced", language, company=company, new_gap=new_gap)


def invitation(
    *,
    to: str,
    language: str,
    company: str,
    message: str,
    accept_url: str,
    assignments_url: str,
) -> OutgoingMail:
    """To each person named in an invitation (seed 001, step 19); no line for an empty
    message."""
    return compose(
        to,
        "companies.invitation",
        language,
        company=company,
        message=message,
        accept_url=accept_url,
        assignments_url=assignments_url,
    )


def request_to_evaluate(
    *, to: str, language: str, person: str, roles: list[str], company: str, tasks_url: str
) -> OutgoingMail:
    """To the GAP, once an invitation is accepted: a task waits in "Mes tâches ouvertes"."""
    return compose(
        to,
        "companies.request_to_evaluate",
        language,
        person=person,
        roles=", ".join(roles),
        company=company,
        tasks_url=tasks_url,
    )


def role_granted(
    *, to: str, language: str, role: str, company: str, assignments_url: str
) -> OutgoingMail:
    """To the person who receives the role."""
    return compose(
        to,
        "companies.role_granted",
        language,
        role=role,
        company=company,
        assignments_url=assignments_url,
    )


def role_granted_to_gap(
    *,
    to: str,
    language: str,
    role: str,
    person: str,
    company: str,
    validity: str,
    management_url: str,
) -> OutgoingMail:
    """To the GAP who approved: the same news, about the person."""
    return compose(
        to,
        "companies.role_granted_to_gap",
        language,
        role=role,
        person=person,
        company=company,
        validity=validity,
        management_url=management_url,
    )


def role_rejected(
    *,
    to: str,
    language: str,
    role: str,
    company: str,
    reason: str,
    approver: str,
    assignments_url: str,
) -> OutgoingMail:
    return compose(
        to,
        "companies.role_rejected",
        language,
        role=role,
        company=company,
        reason=reason,
        approver=approver,
        assignments_url=assignments_url,
    )


def role_expired(*, to: str, language: str, role: str, company: str, ended_on: str) -> OutgoingMail:
    return compose(
        to, "companies.role_expired", language, role=role, company=company, ended_on=ended_on
    )
