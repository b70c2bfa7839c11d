"""The card and the company the dossiers' forms are prefilled from in the unit tests."""

from __future__ import annotations

from datetime import date

from identity.eid.identity_file import Address, Identity
from portal.companies.register import CompanyStatus, RegisteredCompany

CARD = Identity(
    card_number="592123456789",
    chip_number=b"\x01",
    card_valid_from=date(2022, 3, 1),
    card_valid_until=date(2032, 3, 1),
    issuing_municipality="Namur",
    national_number="85073003328",
    surname="Mremi",
    given_names="Naïma Samira",
    third_name_initial="",
    nationality="Belge",
    birth_place="Namur",
    birth_date=date(1985, 7, 30),
    sex="F",
    noble_condition="",
    document_type="1",
    special_status="0",
    photo_digest=b"",
)
HOME = Address(street="Rue de Fer 12", zip_code="5000", municipality="Namur")
REGISTERED = RegisteredCompany(
    number="0845059050",
    name="Boulangerie Dupont",
    legal_form="SRL",
    street="Rue de l'Ange 4",
    zip_code="5000",
    municipality="Namur",
    status=CompanyStatus.ACTIVE,
    representatives=(),
)
