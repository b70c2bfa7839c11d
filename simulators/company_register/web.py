"""The simulated company register (Banque-Carrefour des Entreprises) on loopback.

API (what the portal's ``portal.companies.register.HttpCompanyRegister`` reads):
- ``GET /api/companies/<number>`` (10 digits, or as typed: dots, ``BE``) → 200 the company as JSON;
  404 ``unknown_company``; 400 ``invalid_number`` for a number that fails its check.
- ``GET /api/companies[?representative=<national number>]`` → the companies (of that person).
- ``GET /api/simulation`` / ``POST /api/simulation`` JSON ``{"delay_seconds": 0-120,
  "unavailable": bool}``: slows the two routes above, or makes them answer 503.
Page: ``GET /[?q=…]`` lists and searches the companies; ``POST /simulation`` (form) sets the outage.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs

from portal.companies.company_number import CompanyNumberError, parse_company_number
from portal.companies.national_number import NationalNumberError, parse_national_number
from simulators.company_register.data import COMPANIES_FILE, Company, load_companies
from simulators.company_register.page import register_page
from simulators.loopback_web import LoopbackService, SimulatorHandler, query_param

DEFAULT_PORT = 8031
MAX_DELAY = 120.0
_COMPANY_PREFIX = "/api/companies/"


@dataclass(slots=True)
class Simulation:
    """How the API misbehaves on purpose; the page itself always answers at once."""

    delay_seconds: float = 0.0
    unavailable: bool = False

    def to_json(self) -> dict[str, float | bool]:
        return {"delay_seconds": self.delay_seconds, "unavailable": self.unavailable}


def _delay(value: object) -> float | None:
    """Seconds between 0 and MAX_DELAY, from JSON or a form; None when it is not that."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if 0 <= seconds <= MAX_DELAY else None


def make_handler(
    companies: dict[str, Company], simulation: Simulation, stopping: threading.Event
) -> type[SimulatorHandler]:
    listed = list(companies.values())

    class CompanyRegisterHandler(SimulatorHandler):
        server_version = "MonEspaceCompanyRegister/1"

        def on_get(self) -> None:
            path = self.url_path
            if path == "/":
                self._page()
            elif path == "/api/simulation":
                self.send_json(HTTPStatus.OK, simulation.to_json())
            elif path == "/api/companies" or path.startswith(_COMPANY_PREFIX):
                # Wait, then answer: an Event wakes the waiting threads when the service stops.
                stopping.wait(simulation.delay_seconds)
                if simulation.unavailable:
                    self.send_error_json(
                        HTTPStatus.SERVICE_UNAVAILABLE, "unavailable", "register unavailable"
                    )
                elif path == "/api/companies":
                    self._companies_of(query_param(self.url_query, "representative"))
                else:
                    self._company(path.removeprefix(_COMPANY_PREFIX))
            else:
                self.not_found()

        def on_post(self) -> None:
            if self.url_path == "/api/simulation":
                payload = self.read_json_object('{"delay_seconds": …, "unavailable": …}')
                if payload is None:
                    return
                delay = _delay(payload.get("delay_seconds", 0))
                unavailable = payload.get("unavailable", False)
                if delay is None or not isinstance(unavailable, bool):
                    self.send_error_json(
                        HTTPStatus.BAD_REQUEST,
                        "invalid_simulation",
                        f"delay_seconds: 0 to {MAX_DELAY:g}; unavailable: true or false",
                    )
                    return
                simulation.delay_seconds, simulation.unavailable = delay, unavailable
                self.send_json(HTTPStatus.OK, simulation.to_json())
            elif self.url_path == "/simulation":
                form = parse_qs(self.read_body(4096).decode("utf-8", "replace"))
                delay = _delay((form.get("delay") or ["0"])[0] or "0")
                if delay is None:
                    self._page(
                        HTTPStatus.BAD_REQUEST,
                        error=f"Le délai est un nombre de secondes entre 0 et {MAX_DELAY:g}.",
                    )
                    return
                simulation.delay_seconds = delay
                simulation.unavailable = form.get("unavailable") == ["on"]
                self.redirect("/")
            else:
                self.not_found()

        def _page(self, status: HTTPStatus = HTTPStatus.OK, *, error: str = "") -> None:
            body = register_page(
                listed,
                query_param(self.url_query, "q"),
                delay_seconds=simulation.delay_seconds,
                unavailable=simulation.unavailable,
                error=error,
            )
            self.send_page(status, body)

        def _company(self, typed: str) -> None:
            try:
                number = parse_company_number(typed)
            except CompanyNumberError as error:
                self.send_error_json(HTTPStatus.BAD_REQUEST, "invalid_number", str(error))
                return
            company = companies.get(number)
            if company is None:
                self.send_error_json(
                    HTTPStatus.NOT_FOUND, "unknown_company", f"no company {number}"
                )
            else:
                self.send_json(HTTPStatus.OK, company.to_json())

        def _companies_of(self, representative: str | None) -> None:
            if not representative:
                self.send_json(HTTPStatus.OK, [c.to_json() for c in listed])
                return
            try:
                person = parse_national_number(representative)
            except NationalNumberError as error:
                self.send_error_json(HTTPStatus.BAD_REQUEST, "invalid_national_number", str(error))
                return
            self.send_json(
                HTTPStatus.OK,
                [
                    c.to_json()
                    for c in listed
                    if any(r.national_number == person for r in c.representatives)
                ],
            )

    return CompanyRegisterHandler


class CompanyRegisterSimulator(LoopbackService):
    """The register on ``http://host:port``, serving the companies of ``companies_file``."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        *,
        companies_file: Path = COMPANIES_FILE,
    ) -> None:
        self.companies = load_companies(companies_file)
        self.simulation = Simulation()
        self._stopping = threading.Event()
        handler = make_handler(self.companies, self.simulation, self._stopping)
        super().__init__(handler, host=host, port=port)

    def stop(self) -> None:
        self._stopping.set()  # no request stays asleep in a simulated delay
        super().stop()
