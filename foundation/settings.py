"""The one typed settings object of Mon Espace.

Values come from environment variables prefixed ``MONESPACE_`` or from a ``.env`` file in the
working directory; every field has an embedded default that runs the demo on one machine.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SUPPORTED_LANGUAGES = ("fr", "nl", "de", "en")
BACK_OFFICE_TOKEN_LABEL = b"monespace/back-office-token/v1"


class SmtpSecurity(StrEnum):
    NONE = "none"
    STARTTLS = "starttls"
    TLS = "tls"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="MONESPACE_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Field(default=PROJECT_ROOT / "var", description="Where runtime files live.")
    database_url: str = Field(
        default="", description="SQLAlchemy URL; empty means SQLite in data_dir/monespace.db."
    )
    public_origin: str = Field(
        default="http://localhost:3000", description="Origin the browser sees (eID binds to it)."
    )
    port: int = Field(default=3000, ge=1, le=65535, description="Port of the portal.")
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=8025, ge=1, le=65535)
    smtp_security: SmtpSecurity = SmtpSecurity.NONE
    smtp_username: str = ""
    smtp_password: SecretStr = SecretStr("")
    mail_from: str = "Mon Espace <no-reply@monespace.localhost>"
    # The simulated hardware's own test PKI is trusted only in demo mode (make demo, the test
    # stacks): outside it the portal refuses to start with a root whose private key is on disk.
    demo_mode: bool = Field(default=False, description="Demo or test stack (simulated hardware).")
    trust_anchors_dir: Path = Field(
        default=PROJECT_ROOT / "var" / "pki" / "trust-anchors",
        description="Folder of PEM root certificates trusted for eID authentication.",
    )
    eid_reader: str = Field(
        default="", description="PC/SC reader to use for eID login; empty means the first card."
    )
    ocsp_url: str = Field(
        default="", description="OCSP responder for eID certificates; empty: the certificate's."
    )
    sms_gateway_url: str = Field(
        default="http://127.0.0.1:8027", description="SMS provider (POST {url}/api/sms)."
    )
    sms_gateway_token: SecretStr = Field(
        default=SecretStr("demo-sms-token"), description="Bearer token of the SMS provider."
    )
    # itsme is an OpenID provider: its issuer URL (discovery at <url>/.well-known/openid-
    # configuration), the client id and service code given at onboarding, and the portal's own
    # key (private_key_jwt), published at routes.ITSME_CLIENT_JWKS for itsme to read.
    itsme_url: str = Field(
        default="http://127.0.0.1:8028", description="itsme OpenID provider (its issuer)."
    )
    itsme_client_id: str = "monespace"
    itsme_service_code: str = Field(
        default="MONESPACE_LOGIN", description="itsme service code (scope service:<code>)."
    )
    itsme_client_key_file: Path | None = Field(
        default=None,
        description="The portal's itsme signing key (PEM); empty: data_dir/itsme/client-key.pem.",
    )
    itsme_timeout: float = Field(
        default=10.0, gt=0, description="Seconds the portal waits for itsme's server."
    )
    # "Créer votre compte itsme" and the itsme page's "Plus d'info" (seed 004 §2a, §2d): itsme's
    # own page for getting started; "{lang}" becomes the page's language (fr, nl, de, en). Empty:
    # <itsme_url>/get-started, the simulator's page in the demo, so the link works offline.
    itsme_account_url: str = Field(
        default="",
        description="itsme's page for creating an account ({lang}: the page's language).",
    )
    # European login (eIDAS): the portal is a SAML service provider at an eIDAS node, known by
    # its metadata URL (the simulated node in the demo; a national node's in a deployment). The
    # portal's entity id is, by default, the URL of its own metadata (routes.EIDAS_METADATA); its
    # signing key and certificate are made on first run when the files are absent.
    eidas_metadata_url: str = Field(
        default="http://127.0.0.1:8033/metadata",
        description="The eIDAS node's SAML metadata (its entity id, SSO address, signing key).",
    )
    eidas_sp_entity_id: str = Field(
        default="",
        description="The portal's SAML entity id; empty: <public_origin>/_auth/eidas/metadata.",
    )
    eidas_sp_key_file: Path | None = Field(
        default=None,
        description="The portal's SAML signing key (PEM); empty: data_dir/eidas/sp-key.pem.",
    )
    eidas_sp_cert_file: Path | None = Field(
        default=None,
        description="The portal's SAML certificate (PEM); empty: data_dir/eidas/sp-cert.pem.",
    )
    eidas_sp_encryption_key_file: Path | None = Field(
        default=None,
        description="The portal's SAML decryption key (PEM); empty: "
        "data_dir/eidas/sp-encryption-key.pem.",
    )
    eidas_sp_encryption_cert_file: Path | None = Field(
        default=None,
        description="The portal's SAML encryption certificate (PEM), which the node encrypts "
        "assertions for; empty: data_dir/eidas/sp-encryption-cert.pem.",
    )
    # eIDAS nodes encrypt the assertion for the service provider: one in clear is refused unless
    # this is turned off (a node under test that cannot encrypt).
    eidas_require_encrypted_assertions: bool = Field(
        default=True,
        description="Refuse an eIDAS assertion that is not encrypted for the portal's key.",
    )
    eidas_countries: str = Field(
        default="DE,FR,IT,NL",
        description="The countries offered for European login (ISO 3166 codes, comma-separated).",
    )
    eidas_timeout: float = Field(
        default=10.0, gt=0, description="Seconds the portal waits for the node's metadata."
    )
    eidas_xmlsec_binary: str = Field(
        default="/usr/bin/xmlsec1", description="xmlsec1, which checks the XML signatures."
    )
    company_register_url: str = Field(
        default="http://127.0.0.1:8031",
        description="Company register (Banque-Carrefour des Entreprises), read over HTTP.",
    )
    company_register_timeout: float = Field(
        default=5.0, gt=0, description="Seconds the portal waits for the company register."
    )
    back_office_token: SecretStr = Field(
        default=SecretStr(""),
        description=(
            "Bearer token of the administration's back office (/_api/back-office/); "
            "empty: derived from the secret key."
        ),
    )
    default_language: str = "fr"
    # Throttling (identity.throttling; docs/security.md explains the figures). Failures count,
    # successes do not: a person who types a password right is never held back by these.
    login_failures_per_address: int = Field(
        default=30, ge=1, description="Failed logins (per step) one address may make per window."
    )
    login_failures_overall: int = Field(
        default=3000, ge=1, description="Failed logins (per step) on the whole portal per window."
    )
    login_failure_window_minutes: int = Field(
        default=15, ge=1, description="The sliding window of the two limits above, in minutes."
    )
    codes_sent_per_person_per_hour: int = Field(
        default=10, ge=1, description="E-mail or SMS codes sent to one person per hour."
    )
    password_hash_cost: Literal["owasp", "keycloak"] = Field(
        default="owasp",
        description=(
            "Argon2id cost of new password hashes: OWASP's (3 passes, 64 MiB) or Keycloak's "
            "sizing guide's (5 passes, 7 MiB); a hash of the other cost is redone at its next "
            "login."
        ),
    )
    password_hashes_at_once: int = Field(
        default=4, ge=1, description="Argon2 hashes computed at the same time (64 MiB each)."
    )
    password_hash_wait_seconds: float = Field(
        default=5.0, gt=0, description="How long a login waits for a hashing place, then 'busy'."
    )
    trusted_proxy_hops: int = Field(
        default=0,
        ge=0,
        description=(
            "Reverse proxies in front of the portal; 0 trusts no X-Forwarded-For: the client "
            "address is the socket's."
        ),
    )
    secret_key: SecretStr | None = Field(
        default=None, description="Signs cookies and links; generated on first run when unset."
    )

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in SUPPORTED_LANGUAGES:
            raise ValueError(f"default_language must be one of {', '.join(SUPPORTED_LANGUAGES)}")
        return value

    @field_validator("itsme_account_url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        # A link on the pages: a web address or nothing, never javascript: or a local path.
        if value.strip() and not value.strip().lower().startswith(("https://", "http://")):
            raise ValueError("itsme_account_url must be an http(s) address, or empty")
        return value

    @field_validator("public_origin")
    @classmethod
    def _plain_origin(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")) or value.rstrip("/").count("/") > 2:
            raise ValueError("public_origin must look like https://host[:port], with no path")
        return value.rstrip("/")

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'monespace.db').resolve()}"

    def resolved_itsme_client_key_file(self) -> Path:
        return self.itsme_client_key_file or self.data_dir / "itsme" / "client-key.pem"

    def resolved_eidas_sp_entity_id(self) -> str:
        return self.eidas_sp_entity_id or self.public_origin + "/_auth/eidas/metadata"

    def resolved_eidas_sp_files(self) -> tuple[Path, Path]:
        folder = self.data_dir / "eidas"
        return (
            self.eidas_sp_key_file or folder / "sp-key.pem",
            self.eidas_sp_cert_file or folder / "sp-cert.pem",
        )

    def resolved_eidas_sp_encryption_files(self) -> tuple[Path, Path]:
        folder = self.data_dir / "eidas"
        return (
            self.eidas_sp_encryption_key_file or folder / "sp-encryption-key.pem",
            self.eidas_sp_encryption_cert_file or folder / "sp-encryption-cert.pem",
        )

    def eidas_country_codes(self) -> tuple[str, ...]:
        codes = (c.strip().upper() for c in self.eidas_countries.split(","))
        return tuple(c for c in codes if len(c) == 2 and c.isascii() and c.isalpha())

    def resolved_secret_key(self) -> str:
        """The configured secret key, or the one stored in data_dir (made on first use)."""
        if self.secret_key is not None and self.secret_key.get_secret_value():
            return self.secret_key.get_secret_value()
        path = self.data_dir / "secret_key"
        if path.exists():
            return path.read_text(encoding="utf-8").strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        # Created with 0600 from the start so the key is never world-readable.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first: use theirs
            return path.read_text(encoding="utf-8").strip()
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(key)
        return key

    def resolved_back_office_token(self) -> str:
        """The configured token, or one derived from the secret key: each installation has its
        own without anyone choosing it, and the demo hands it to its back office simulator."""
        configured = self.back_office_token.get_secret_value()
        if configured:
            return configured
        secret = self.resolved_secret_key().encode("utf-8")
        return hmac.new(secret, BACK_OFFICE_TOKEN_LABEL, hashlib.sha256).hexdigest()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
