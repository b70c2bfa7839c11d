"""Settings of the demo launcher alone (the portal's own settings are in foundation.settings)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from simulators.pcsc.stack import DEFAULT_BASE_PORT
from simulators.pki.test_pki import DEFAULT_OCSP_PORT


class DemoSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MONESPACE_DEMO_", extra="ignore")

    mailbox_port: int = Field(default=8026, ge=1, le=65535)
    # Private: pcscd in its own namespace (tests). Shared: the machine's /run/pcscd, so that
    # OpenSC and any PC/SC program see the virtual readers (the default for trainers).
    pcsc_private: bool = False
    pcsc_base_port: int = Field(default=DEFAULT_BASE_PORT, ge=1024, le=65000)
    ocsp_port: int = Field(default=DEFAULT_OCSP_PORT, ge=1024, le=65535)
    # SMS gateway, itsme, authenticator phone, trainers' page, company register and the
    # administration's back office take six ports from here.
    key_simulators_port: int = Field(default=8027, ge=1024, le=65000)
    # The simulated foreign eIDAS node; 0: the port after the key simulators' six (8033). The
    # portal the launcher starts is pointed at it (MONESPACE_EIDAS_METADATA_URL).
    eidas_node_port: int = Field(default=0, ge=0, le=65535)

    @property
    def resolved_eidas_node_port(self) -> int:
        return self.eidas_node_port or self.key_simulators_port + 6

    # `make demo-scaled` (simulators.stack.scaled): the backends behind nginx take ports from
    # here; PostgreSQL and Redis run on their own ports, beside any server of the machine's.
    backends_port: int = Field(default=8041, ge=1024, le=65000)
    postgres_port: int = Field(default=8049, ge=1024, le=65535)
    redis_port: int = Field(default=8050, ge=1024, le=65535)
