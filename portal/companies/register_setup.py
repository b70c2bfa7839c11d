"""The company register the portal reads, built from the settings (URL and timeout)."""

from __future__ import annotations

from foundation.settings import get_settings
from portal.companies.register import CompanyRegister, HttpCompanyRegister


def company_register() -> CompanyRegister:
    settings = get_settings()
    return HttpCompanyRegister(settings.company_register_url, settings.company_register_timeout)
