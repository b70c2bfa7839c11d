"""The simulators of the code keys, itsme and the European login, the company register and the
administration's back office, started together in the demo process.

``start_key_simulators(data_dir)`` starts the SMS gateway (8027), the itsme provider and phones
(8028), the authenticator phone (8029), the trainers' page (8030), the company register (8031),
the back office (8032, calling the portal's API with its token) and the foreign eIDAS node
(8033), all on loopback, and returns a ``KeySimulators`` with their URLs and ``stop()``.
``python -m simulators.key_simulators`` runs them alone (without the portal). See
docs/key-simulators.md.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TypeVar

from foundation import routes
from foundation.demo_clock import demo_clock_for
from foundation.settings import get_settings
from simulators.authenticator.web import AuthenticatorPhone
from simulators.back_office.web import BackOfficeSimulator
from simulators.company_register.web import CompanyRegisterSimulator
from simulators.eidas_node.citizens import LEVEL_NAMES
from simulators.eidas_node.web import EidasNodeSimulator
from simulators.itsme.clients import RegisteredClient, portal_client
from simulators.itsme.web import ItsmeSimulator
from simulators.loopback_web import Clock, LoopbackService
from simulators.sms_gateway.web import DEFAULT_TOKEN, SmsGateway
from simulators.trainers_page import TrainerLink, TrainerSection, TrainersPage, eid_section

DEFAULT_MAILBOX_URL = "http://127.0.0.1:8026"
DEFAULT_PORTAL_URL = "http://127.0.0.1:3000"
_S = TypeVar("_S", bound=LoopbackService)


class KeySimulatorsError(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class KeySimulatorPorts:
    sms: int = 8027
    itsme: int = 8028
    authenticator: int = 8029
    trainers: int = 8030
    company_register: int = 8031
    back_office: int = 8032
    eidas_node: int = 8033

    def named(self) -> list[tuple[int, str]]:
        """(port, what) pairs, for a launcher that checks its ports before starting."""
        return [
            (self.sms, "SMS gateway"),
            (self.itsme, "itsme simulator"),
            (self.authenticator, "authenticator phone"),
            (self.trainers, "trainers' page"),
            (self.company_register, "company register"),
            (self.back_office, "back office"),
            (self.eidas_node, "eIDAS node"),
        ]


@dataclass(slots=True)
class KeySimulators:
    sms: SmsGateway
    itsme: ItsmeSimulator
    authenticator: AuthenticatorPhone
    trainers: TrainersPage
    company_register: CompanyRegisterSimulator
    back_office: BackOfficeSimulator
    eidas_node: EidasNodeSimulator
    sms_token: str

    @property
    def sms_url(self) -> str:
        """The SMS inbox page; the portal posts to ``sms_api_url``."""
        return self.sms.url

    @property
    def sms_api_url(self) -> str:
        return self.sms.api_url

    @property
    def itsme_url(self) -> str:
        """The itsme provider's issuer URL (discovery under /.well-known/) and its phones'
        index page."""
        return self.itsme.url

    @property
    def authenticator_url(self) -> str:
        return self.authenticator.url

    @property
    def trainers_url(self) -> str:
        return self.trainers.url

    @property
    def company_register_url(self) -> str:
        """The register's base URL (API under /api/companies) and its page for trainers."""
        return self.company_register.url

    @property
    def back_office_url(self) -> str:
        """The agent's page: the dossiers to handle."""
        return self.back_office.url

    @property
    def eidas_node_url(self) -> str:
        """The node's page for trainers (its countries and citizens)."""
        return self.eidas_node.url

    @property
    def eidas_metadata_url(self) -> str:
        """The node's SAML metadata, the portal's ``eidas_metadata_url``."""
        return self.eidas_node.metadata_url

    def stop(self) -> None:
        services = (
            self.trainers,
            self.eidas_node,
            self.back_office,
            self.company_register,
            self.authenticator,
            self.itsme,
            self.sms,
        )
        for service in services:
            service.stop()


def trainer_sections(
    *,
    mailbox_url: str,
    sms: SmsGateway,
    itsme: ItsmeSimulator,
    authenticator: AuthenticatorPhone,
    company_register: CompanyRegisterSimulator,
    back_office: BackOfficeSimulator | None = None,
    portal_url: str | None = None,
    eidas_node: EidasNodeSimulator | None = None,
) -> list[TrainerSection]:
    sections: list[TrainerSection] = []
    if portal_url:
        sections.append(
            TrainerSection("Portail", (TrainerLink("Mon Espace", portal_url, "le portail"),))
        )
        sections.append(
            TrainerSection(
                "Bureau d'enregistrement local (token papier)",
                (
                    TrainerLink(
                        "Back office du bureau",
                        portal_url + routes.REGISTRATION_OFFICE,
                        "enregistrer une personne sans carte belge et lui remettre son code",
                    ),
                ),
                note=(
                    "Insérez la carte d'Hélène Lambert, agente du bureau de Namur "
                    "(python -m simulators.eid insert helene-lambert, PIN 1234), identifiez-vous "
                    "avec la carte eID puis ouvrez le back office. L'e-mail d'activation arrive "
                    "dans la boîte aux lettres."
                ),
            )
        )
    sections += [
        TrainerSection(
            "E-mails",
            (TrainerLink("Boîte aux lettres", mailbox_url, "les e-mails envoyés par le portail"),),
        ),
        TrainerSection(
            "SMS",
            (TrainerLink("SMS reçus", sms.url, "les codes envoyés par SMS, par numéro"),),
        ),
        TrainerSection(
            "itsme",
            tuple(
                TrainerLink(f"Téléphone de {phone.label}", itsme.phone_url(number))
                for number, phone in itsme.phones.items()
            ),
            note="Le téléphone confirme ou refuse les demandes d'identification itsme.",
        ),
        TrainerSection(
            "Application mobile (codes TOTP)",
            (
                TrainerLink(
                    "Application d'authentification",
                    authenticator.url,
                    "ajouter un compte depuis une capture d'écran du code QR, lire les codes",
                ),
            ),
        ),
        TrainerSection(
            "Registre des entreprises (Banque-Carrefour des Entreprises)",
            (
                TrainerLink(
                    "Registre des entreprises",
                    company_register.url,
                    "les entreprises et leurs représentants légaux ; simuler une panne",
                ),
            ),
            note=(
                "Jean-Pierre Dumont (carte jean-pierre-dumont) est le représentant légal de "
                "« Entreprise de test » ; Élise Wauters (carte elise-wauters) celle de "
                "« Boulangerie Wauters », qui n'a pas encore de gestionnaire d'accès principal. "
                "« Dumont Rénovation » est une entreprise arrêtée."
            ),
        ),
    ]
    if eidas_node is not None:
        sections.append(eidas_section(eidas_node))
    if back_office is not None:
        sections.append(back_office_section(back_office))
    sections.append(eid_section())
    return sections


def eidas_section(node: EidasNodeSimulator) -> TrainerSection:
    """The foreign node, and its citizens (each a link to their row of the node's page), as the
    itsme section lists its phones."""
    citizens = tuple(
        TrainerLink(
            f"{citizen.display_name} ({country.name})",
            f"{node.url}/#{citizen.slug}",
            f"niveau {LEVEL_NAMES[citizen.level]}, identifiant {citizen.person_identifier}",
        )
        for country in node.node.countries.values()
        for citizen in country.citizens
    )
    return TrainerSection(
        "Authentification européenne (nœud eIDAS)",
        (
            TrainerLink(
                "Nœud eIDAS de démonstration",
                node.url,
                "les pays, leurs citoyens et les métadonnées SAML du nœud",
            ),
            *citizens,
        ),
        note=(
            "Sur le portail, « Authentification européenne » : choisir le pays, puis, sur la "
            "page du nœud, la personne et « Se connecter » (ou, pour les tests, une autre "
            "réponse : échec, niveau non atteint ; ou « Annuler »). À la première connexion, "
            "un compte est créé avec les nom, prénoms et date de naissance transmis, et un "
            "numéro BIS."
        ),
    )


def back_office_section(back_office: BackOfficeSimulator) -> TrainerSection:
    return TrainerSection(
        "Back-office de l'administration",
        (
            TrainerLink(
                "Back-office de l'administration",
                back_office.url,
                "les dossiers introduits : prendre en charge, demander un complément, "
                "clôturer avec une décision",
            ),
        ),
        note=(
            "La page d'un agent de l'administration : elle lit et traite les dossiers par l'API "
            "du portail. Le demandeur voit chaque étape dans son dossier, ses notifications et "
            "ses e-mails ; la décision arrive dans Mes documents."
        ),
    )


def itsme_portal_client(portal_url: str) -> RegisteredClient:
    """The portal as itsme knows it: its return page and published keys at ``portal_url``, the
    client id and service code of its settings (the demo shares them)."""
    settings = get_settings()
    return portal_client(
        portal_url,
        client_id=settings.itsme_client_id,
        service_code=settings.itsme_service_code,
    )


def start_key_simulators(
    data_dir: Path,
    *,
    ports: KeySimulatorPorts | None = None,
    host: str = "127.0.0.1",
    sms_token: str = DEFAULT_TOKEN,
    mailbox_url: str = DEFAULT_MAILBOX_URL,
    portal_url: str | None = None,
    back_office_token: str = "",
    clock: Clock | None = None,
    demo_clock_dir: Path | None = None,
    eidas_service_providers: tuple[str, ...] | None = None,
) -> KeySimulators:
    """Starts the seven services; SMS, enrolled accounts, itsme's signing key and the eIDAS
    node's key are kept under ``data_dir``. The back office calls the portal at ``portal_url``
    (the local demo's when None) with ``back_office_token``, the portal's ``back_office_token``
    setting; itsme sends the browser back to that portal and reads its public keys there; the
    eIDAS node answers the service providers of ``eidas_service_providers`` (metadata URLs; by
    default that portal's, at ``routes.EIDAS_METADATA``), reading their metadata there.

    The trainers' page moves the demo clock of ``demo_clock_dir`` (by default ``data_dir``, the
    demo's data folder, which the portal shares); the simulators date by ``clock``, by default
    that same demo clock (foundation.demo_clock.demo_clock_for), so that the phones' codes and
    itsme's tokens agree with the portal's time.

    A port already in use raises KeySimulatorsError, with nothing left running.
    """
    ports = ports or KeySimulatorPorts()
    clock_dir = demo_clock_dir or data_dir
    clock = clock or demo_clock_for(clock_dir)
    created: list[LoopbackService] = []

    def listening(what: str, port: int, make: Callable[[], _S]) -> _S:
        try:
            service = make()
        except OSError as error:
            raise KeySimulatorsError(
                f"port {port} ({what}) is already in use or cannot be bound on {host}: {error}"
            ) from error
        created.append(service)
        return service

    try:
        sms = listening(
            "SMS gateway",
            ports.sms,
            lambda: SmsGateway(data_dir / "sms-gateway", host, ports.sms, sms_token, clock=clock),
        )
        itsme = listening(
            "itsme simulator",
            ports.itsme,
            lambda: ItsmeSimulator(
                host,
                ports.itsme,
                clock,
                key_dir=data_dir / "itsme-provider",
                clients=(itsme_portal_client(portal_url or DEFAULT_PORTAL_URL),),
            ),
        )
        authenticator = listening(
            "authenticator phone",
            ports.authenticator,
            lambda: AuthenticatorPhone(
                host, ports.authenticator, clock, store_dir=data_dir / "authenticator"
            ),
        )
        company_register = listening(
            "company register",
            ports.company_register,
            lambda: CompanyRegisterSimulator(host, ports.company_register),
        )
        back_office = listening(
            "back office",
            ports.back_office,
            lambda: BackOfficeSimulator(
                portal_url or DEFAULT_PORTAL_URL,
                back_office_token,
                host,
                ports.back_office,
                clock=clock,
            ),
        )
        eidas_node = listening(
            "eIDAS node",
            ports.eidas_node,
            lambda: EidasNodeSimulator(
                host,
                ports.eidas_node,
                clock,
                key_dir=data_dir / "eidas-node",
                service_providers=eidas_service_providers
                or ((portal_url or DEFAULT_PORTAL_URL) + routes.EIDAS_METADATA,),
            ),
        )
        sections = trainer_sections(
            mailbox_url=mailbox_url,
            sms=sms,
            itsme=itsme,
            authenticator=authenticator,
            company_register=company_register,
            back_office=back_office,
            portal_url=portal_url,
            eidas_node=eidas_node,
        )
        trainers = listening(
            "trainers' page",
            ports.trainers,
            lambda: TrainersPage(sections, host, ports.trainers, clock_dir=clock_dir),
        )
        for service in created:
            service.start()
    except BaseException:
        for service in created:
            service.stop()
        raise
    return KeySimulators(
        sms, itsme, authenticator, trainers, company_register, back_office, eidas_node, sms_token
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m simulators.key_simulators",
        description=(
            "Run the SMS gateway, itsme phones, authenticator phone, trainers' page, "
            "company register, the administration's back office and the eIDAS node."
        ),
    )
    parser.add_argument("--data-dir", type=Path, default=Path("var/key-simulators"))
    parser.add_argument("--sms-token", default=DEFAULT_TOKEN)
    parser.add_argument(
        "--portal-url", default=None, help="the portal the back office calls (its settings')"
    )
    arguments = parser.parse_args(argv)
    settings = get_settings()
    try:
        simulators = start_key_simulators(
            arguments.data_dir,
            sms_token=arguments.sms_token,
            portal_url=arguments.portal_url or settings.public_origin,
            back_office_token=settings.resolved_back_office_token(),
            eidas_service_providers=(settings.resolved_eidas_sp_entity_id(),),
        )
    except KeySimulatorsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    stop = threading.Event()

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    print(
        f"  SMS (boîte de réception)       {simulators.sms_url}\n"
        f"  itsme (téléphones)             {simulators.itsme_url}\n"
        f"  application d'authentification {simulators.authenticator_url}\n"
        f"  page des formateurs            {simulators.trainers_url}\n"
        f"  registre des entreprises       {simulators.company_register_url}\n"
        f"  back-office administration     {simulators.back_office_url}\n"
        f"  nœud eIDAS (européens)         {simulators.eidas_node_url}\n"
        "Ctrl-C pour arrêter.",
        flush=True,
    )
    stop.wait()
    simulators.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
