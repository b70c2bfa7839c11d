"""The administration's back office, simulated: the agent's pages that take, question and close
the dossiers submitted in Mon Espace, through the portal's API only (HTTP, Bearer token)."""

from simulators.back_office.web import DEFAULT_PORT, BackOfficeSimulator

__all__ = ["DEFAULT_PORT", "BackOfficeSimulator"]
