"""A simulated company register (Banque-Carrefour des Entreprises): companies over HTTP."""

from simulators.company_register.data import Company, Representative, load_companies
from simulators.company_register.web import DEFAULT_PORT, CompanyRegisterSimulator

__all__ = [
    "DEFAULT_PORT",
    "Company",
    "CompanyRegisterSimulator",
    "Representative",
    "load_companies",
]
