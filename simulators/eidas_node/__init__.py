"""The simulated foreign eIDAS node: a SAML 2.0 identity provider with a country selection and
a login page per country, whose citizens are data (``citizens.toml``)."""

from simulators.eidas_node.citizens import Citizen, Country, load_countries
from simulators.eidas_node.web import DEFAULT_PORT, EidasNodeSimulator

__all__ = ["DEFAULT_PORT", "Citizen", "Country", "EidasNodeSimulator", "load_countries"]
