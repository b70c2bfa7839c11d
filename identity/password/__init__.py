"""Username + password: a key of its own (level low) and the first factor of every code key."""

from identity.password.credentials import (
    check_credentials,
    delete_credentials,
    set_credentials,
    set_own_credentials,
    unlock_credentials,
    username_of,
)
from identity.password.expiry import (
    DORMANT_AFTER,
    NOTICE_BEFORE,
    expiry_from,
    renew_on_login,
    warn_expiring_credentials,
)
from identity.password.hashing import (
    DEFAULT_HASHER_SETTINGS,
    KEYCLOAK_HASHER_SETTINGS,
    PasswordHasherSettings,
)
from identity.password.key import PASSWORD_KEY, PasswordKey
from identity.password.login_attempts import (
    LOGIN_ATTEMPT_LIFETIME,
    finish_login,
    pending_login,
    pending_person,
    purge_login_attempts,
    start_login,
)

__all__ = [
    "DEFAULT_HASHER_SETTINGS",
    "DORMANT_AFTER",
    "KEYCLOAK_HASHER_SETTINGS",
    "LOGIN_ATTEMPT_LIFETIME",
    "NOTICE_BEFORE",
    "PASSWORD_KEY",
    "PasswordHasherSettings",
    "PasswordKey",
    "check_credentials",
    "delete_credentials",
    "expiry_from",
    "finish_login",
    "pending_login",
    "pending_person",
    "purge_login_attempts",
    "renew_on_login",
    "set_credentials",
    "set_own_credentials",
    "start_login",
    "unlock_credentials",
    "username_of",
    "warn_expiring_credentials",
]
