"""A deployment chooses the argon2id cost of its password hashes (MONESPACE_PASSWORD_HASH_COST):
new hashes carry it, and a hash of the other cost is redone at its next login."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from identity.password.hashing import DEFAULT_HASHER_SETTINGS, password_hasher
hashed = password_hasher(DEFAULT_HASHER_SETTINGS).hash("correct horse battery staple")
print(hashed.split("$")[3])
"""


def parameters_of_a_new_hash(cost: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "MONESPACE_PASSWORD_HASH_COST"}
    if cost is not None:
        env["MONESPACE_PASSWORD_HASH_COST"] = cost
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_owasp_by_default() -> None:
    assert parameters_of_a_new_hash(None) == "m=65536,t=3,p=1"


def test_keycloak_when_chosen() -> None:
    assert parameters_of_a_new_hash("keycloak") == "m=7168,t=5,p=1"
