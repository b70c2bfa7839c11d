"""Outside services the identity layer talks to, built from the settings (itsme, the eIDAS
node; the SMS gateway is handed to the SMS key by the key registry)."""

from __future__ import annotations

from functools import lru_cache

from foundation import routes
from foundation.clock import utc_now
from foundation.settings import get_settings
from identity.eidas import EidasConfig, EidasServiceProvider, SamlKeyPair
from identity.itsme import ClientKey, ItsmeConfig, ItsmeRelyingParty


@lru_cache(maxsize=1)
def itsme_relying_party() -> ItsmeRelyingParty:
    """The portal at itsme, as configured; one for the process, so that itsme's discovery
    document and keys are fetched once in a while, not at every login."""
    settings = get_settings()
    return ItsmeRelyingParty(
        ItsmeConfig(
            issuer=settings.itsme_url,
            client_id=settings.itsme_client_id,
            service_code=settings.itsme_service_code,
            redirect_uri=settings.public_origin + routes.ITSME_RETURN,
            client_key=itsme_client_key(),
            timeout=settings.itsme_timeout,
        )
    )


@lru_cache(maxsize=1)
def itsme_client_key() -> ClientKey:
    """The portal's key at itsme (made on first use in the file the settings name)."""
    return ClientKey.load_or_create(get_settings().resolved_itsme_client_key_file())


@lru_cache(maxsize=1)
def eidas_service_provider() -> EidasServiceProvider:
    """The portal at the eIDAS node, as configured; one for the process, so that the node's
    metadata is fetched once in a while, not at every login. The portal's SAML key and
    certificate are made on first use when the files are absent."""
    settings = get_settings()
    key_file, cert_file = settings.resolved_eidas_sp_files()
    encryption_key_file, encryption_cert_file = settings.resolved_eidas_sp_encryption_files()
    return EidasServiceProvider(
        EidasConfig(
            metadata_url=settings.eidas_metadata_url,
            sp_entity_id=settings.resolved_eidas_sp_entity_id(),
            acs_url=settings.public_origin + routes.EIDAS_ACS,
            keys=SamlKeyPair.load_or_create(
                key_file, cert_file, common_name="Mon Espace", now=utc_now()
            ),
            countries=settings.eidas_country_codes(),
            xmlsec_binary=settings.eidas_xmlsec_binary,
            # A pair of its own: a key used for one purpose only (signing, or decrypting).
            encryption_keys=SamlKeyPair.load_or_create(
                encryption_key_file,
                encryption_cert_file,
                common_name="Mon Espace (chiffrement)",
                now=utc_now(),
            ),
            require_encrypted_assertions=settings.eidas_require_encrypted_assertions,
            timeout=settings.eidas_timeout,
        )
    )
