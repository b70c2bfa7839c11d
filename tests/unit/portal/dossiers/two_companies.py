"""Two companies' professional spaces side by side, for the tests of what their pages show:
Naïma is "Rédacteur de dossiers" of "Entreprise de test" (A) and "Propriétaire de l'espace" of
"BLA" (B); each company has its own dossiers, documents, notifications and members, so a test
can check that nothing of one appears in the other's pages. Chloé is only a GAP's kind of user:
a role of another application in A, and no Mon Espace role.

Built into any session (the in-memory ``db`` fixture, or a portal database file's engine);
``now`` sets the roles' start a month before, so the real clock of the state tests works too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from foundation.models.account import Account, AccountStatus
from foundation.models.companies import AssignmentStatus, Company, RoleAssignment
from foundation.models.dossiers import (
    AttachmentPurpose,
    Dossier,
    DossierAttachment,
    DossierStatus,
    PersonalItem,
)
from portal.dossiers.places import COMPANY
from portal.spaces import CITIZEN
from tests.unit.portal.companies.conftest import Person

COMPANY_A, NAME_A = "0712345630", "Entreprise de test"
COMPANY_B, NAME_B = "0845059050", "BLA"


# Naïma as tests.unit.portal.visitors logs her in.
NAIMA = Person("85010112345", "Mremi", "Naïma Fatima", "naima@example.be")
EDITH = Person("77120311122", "Editeur", "Edith", "edith@entreprise.test")
GILLES = Person("82050533344", "Gestion", "Gilles", "gilles@bla.test")
CHLOE = Person("79110221605", "Ducoeur", "Chloé Anne", "cdc@ewbs.be")
# A has twelve dossiers (two pages), B two: their titles name their company.
A_DOSSIERS = 12
B_TITLES = ("Prime à l'investissement BLA", "Chèques-entreprises BLA")


@dataclass(frozen=True)
class World:
    a_receipt_dossier: str  # the reference of A's dossier whose receipt is in A's documents
    a_decision: int  # the attachment id of A's decision document
    b_first: str  # the reference of B's first dossier
    naima_own: str  # the reference of Naïma's own citizen dossier


def _company(db: Session, number: str, name: str, now: datetime) -> None:
    db.add(
        Company(
            number=number,
            name=name,
            legal_form="SRL",
            street="Rue de Fer 25",
            zip_code="5000",
            municipality="Namur",
            registered_by="68091717134",
            registered_at=now,
        )
    )


def give(
    db: Session,
    person: Person,
    company: str,
    role_code: str,
    now: datetime,
    *,
    ends_on: date | None = None,
) -> RoleAssignment:
    row = RoleAssignment(
        company_number=company,
        role_code=role_code,
        national_number=person.national_number,
        surname=person.surname,
        first_names=person.first_names,
        email=person.email,
        starts_on=now.date() - timedelta(days=30),
        ends_on=ends_on,
        status=AssignmentStatus.ACTIVE,
        requested_at=now - timedelta(days=31),
    )
    db.add(row)
    db.flush()
    return row


def account(db: Session, person: Person, now: datetime) -> None:
    db.add(
        Account(
            national_number=person.national_number,
            surname=person.surname,
            first_names=person.first_names.split(" ")[0],
            birth_date=date(1985, 1, 1),
            email=person.email,
            status=AccountStatus.ACTIVE,
            created_at=now,
        )
    )


def dossier(
    db: Session,
    *,
    title: str,
    status: DossierStatus,
    at: datetime,
    company: str | None,
    reference: str | None,
    owner: Person = NAIMA,
) -> Dossier:
    row = Dossier(
        reference=reference,
        national_number=owner.national_number,
        space=COMPANY if company else CITIZEN,
        company_number=company,
        title=title,
        status=status,
        created_at=at,
        updated_at=at,
    )
    db.add(row)
    db.flush()
    return row


def item(
    db: Session,
    kind: str,
    title: str,
    at: datetime,
    *,
    company: str | None,
    dossier_id: int | None = None,
    attachment_id: int | None = None,
    owner: Person = NAIMA,
) -> None:
    db.add(
        PersonalItem(
            national_number=owner.national_number,
            space=COMPANY if company else CITIZEN,
            company_number=company,
            kind=kind,
            title=title,
            created_at=at,
            dossier_id=dossier_id,
            attachment_id=attachment_id,
        )
    )


def build(db: Session, now: datetime) -> World:
    """Both companies, their people and what they hold; committed by the caller."""
    _company(db, COMPANY_A, NAME_A, now)
    _company(db, COMPANY_B, NAME_B, now)
    for person in (NAIMA, EDITH, GILLES, CHLOE):
        account(db, person, now)
    give(db, NAIMA, COMPANY_A, "monespace.writer", now)
    give(db, EDITH, COMPANY_A, "monespace.editor", now)
    give(db, CHLOE, COMPANY_A, "emcs.operator", now)  # not a Mon Espace role
    give(db, NAIMA, COMPANY_B, "monespace.space_owner", now)
    give(db, GILLES, COMPANY_B, "monespace.space_manager", now)
    statuses = list(DossierStatus)
    a_rows = [
        dossier(
            db,
            title=f"Aide à l'exportation n° {n:02d}",
            status=statuses[n % len(statuses)],
            at=now - timedelta(hours=n),
            company=COMPANY_A,
            reference=f"ME-2026-{n:06d}",
            owner=EDITH if n % 2 else NAIMA,
        )
        for n in range(1, A_DOSSIERS + 1)
    ]
    b_rows = [
        dossier(
            db,
            title=title,
            status=DossierStatus.SUBMITTED,
            at=now - timedelta(days=n + 1),
            company=COMPANY_B,
            reference=f"ME-2026-{100 + n:06d}",
        )
        for n, title in enumerate(B_TITLES)
    ]
    own = dossier(
        db,
        title="Demande d'allocation d'études 2026-2027",
        status=DossierStatus.CLOSED,
        at=now - timedelta(days=3),
        company=None,
        reference="ME-2026-000200",
    )
    decision = DossierAttachment(
        dossier_id=_id(a_rows[0]),
        purpose=AttachmentPurpose.DECISION,
        file_name="decision.pdf",
        media_type="application/pdf",
        size=4,
        sha256="0" * 64,
        content=b"%PDF",
        added_at=now,
        added_by="administration",
    )
    db.add(decision)
    db.flush()
    assert decision.id is not None
    item(db, "document", "Accusé de réception A", now, company=COMPANY_A, dossier_id=a_rows[1].id)
    item(
        db,
        "document",
        "Décision A",
        now - timedelta(minutes=1),
        company=COMPANY_A,
        dossier_id=a_rows[0].id,
        attachment_id=decision.id,
    )
    item(db, "notification", "Dossier introduit A", now, company=COMPANY_A, dossier_id=a_rows[1].id)
    item(db, "document", "Accusé de réception BLA", now, company=COMPANY_B, dossier_id=b_rows[0].id)
    item(db, "notification", "Complément demandé BLA", now, company=COMPANY_B)
    item(db, "notification", "Dossier clôturé BLA", now, company=COMPANY_B)
    item(db, "document", "Accusé de réception personnel", now, company=None, dossier_id=own.id)
    db.flush()
    return World(_reference(a_rows[1]), decision.id, _reference(b_rows[0]), _reference(own))


def _reference(row: Dossier) -> str:
    assert row.reference is not None
    return row.reference


def _id(row: Dossier) -> int:
    assert row.id is not None
    return row.id
