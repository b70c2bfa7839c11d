"""The company register (Banque-Carrefour des Entreprises) the portal reads, and its outages."""

from __future__ import annotations

import contextlib
import urllib.parse
from collections.abc import Iterator
from typing import Any

from monespace_testing._http import JsonService


class CompanyRegister:
    """Look companies up as the portal does, and make the register slow or down for a while
    (``outage()``; the fixture puts it back to normal after each test)."""

    def __init__(self, url: str, *, option: str = "--monespace-company-register-url") -> None:
        self._service = JsonService(url, name="company register", option=option, timeout=130)

    @property
    def url(self) -> str:
        """The register's page (companies, search, 'Simuler une panne')."""
        return self._service.url

    def company(self, number: str) -> dict[str, Any]:
        """The company (``0712.345.630``, ``BE0712345630`` or 10 digits): ``number``,
        ``display_number``, ``name``, ``legal_form``, ``address``, ``status``,
        ``representatives``. ServiceError 404 for an unknown one."""
        company: dict[str, Any] = self._service.get(
            "/api/companies/" + urllib.parse.quote(number, safe="")
        )
        return company

    def companies(self, representative: str | None = None) -> list[dict[str, Any]]:
        """Every company, or those whose legal representative has that national number."""
        query = f"?representative={urllib.parse.quote(representative)}" if representative else ""
        companies: list[dict[str, Any]] = self._service.get(f"/api/companies{query}")
        return companies

    def simulate(self, *, delay_seconds: float = 0, unavailable: bool = False) -> None:
        """From now on the register waits ``delay_seconds`` (0-120) before each answer, or
        answers 503 when ``unavailable``; ``simulate()`` puts it back to normal."""
        self._service.post(
            "/api/simulation", {"delay_seconds": delay_seconds, "unavailable": unavailable}
        )

    def simulation(self) -> dict[str, Any]:
        """``{"delay_seconds", "unavailable"}`` now."""
        simulation: dict[str, Any] = self._service.get("/api/simulation")
        return simulation

    @contextlib.contextmanager
    def outage(self, *, delay_seconds: float = 0, unavailable: bool = True) -> Iterator[None]:
        """The register down (or slow) inside the ``with`` block only."""
        self.simulate(delay_seconds=delay_seconds, unavailable=unavailable)
        try:
            yield
        finally:
            self.simulate()
