#!/usr/bin/env bash
# Installs everything Mon Espace needs on a fresh Debian machine, and nothing twice:
# Debian packages (PC/SC stack, virtual card driver, Chromium), the virtual environment
# from requirements.lock, bun from the npm registry. Each step is skipped when its inputs
# have not changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
STAMPS="$ROOT/var/stamps"
mkdir -p "$STAMPS"

# postgresql, redis-server and nginx run the scaled stack (simulators/stack/scaled.py) in a
# folder of the project's; the install does not start their system services (see below).
# xmlsec1 checks and makes the XML signatures of eIDAS (pysaml2 calls it).
APT_PACKAGES=(pcscd vsmartcard-vpcd python3-virtualsmartcard libpcsclite-dev swig chromium opensc opensc-pkcs11 oathtool fonts-dejavu-core
    postgresql redis-server nginx xmlsec1)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else echo "error: root (or sudo) is needed to install: ${APT_PACKAGES[*]}" >&2; exit 1
    fi
}

# 1. Debian packages.
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -q -o DPkg::Lock::Timeout=600
    # Debian starts a package's service on install (nginx on port 80, PostgreSQL's and Redis's
    # own): a policy-rc.d that refuses, for the time of the install, leaves the machine's
    # services as they were. An existing policy is left alone.
    own_policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        own_policy=/usr/sbin/policy-rc.d
        printf '#!/bin/sh\nexit 101\n' | as_root tee "$own_policy" >/dev/null
        as_root chmod 755 "$own_policy"
    fi
    status=0
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        -o DPkg::Lock::Timeout=600 "${missing[@]}" || status=$?
    [ -z "$own_policy" ] || as_root rm -f "$own_policy"
    [ "$status" -eq 0 ] || exit "$status"
fi

# 2. Python virtual environment, pinned by requirements.lock.
PY=${PYTHON:-python3}
venv_key=$(cat requirements.lock pyproject.toml scripts/bootstrap.sh | sha256sum | cut -c1-16)
if [ ! -x .venv/bin/python ] || [ "$(cat "$STAMPS/venv" 2>/dev/null)" != "$venv_key" ]; then
    say "Installing Python packages into .venv"
    [ -x .venv/bin/python ] || "$PY" -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check -r requirements.lock
    .venv/bin/pip install -q --disable-pip-version-check --no-deps -e .
    # Debian ships virtualsmartcard outside any default path.
    site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    echo /usr/lib/python3/site-packages/virtualsmartcard > "$site/debian-virtualsmartcard.pth"
    echo "$venv_key" > "$STAMPS/venv"
fi

# 3. bun, from the npm registry (Reflex would otherwise download it from the web).
bun_key=$(sha256sum tools/bun/package-lock.json | cut -c1-16)
if [ ! -x .tools/bun/node_modules/bun/bin/bun.exe ] || [ "$(cat "$STAMPS/bun" 2>/dev/null)" != "$bun_key" ]; then
    say "Installing bun from the npm registry"
    mkdir -p .tools/bun
    cp tools/bun/package.json tools/bun/package-lock.json .tools/bun/
    (cd .tools/bun && npm ci --no-audit --no-fund --loglevel=error)
    echo "$bun_key" > "$STAMPS/bun"
fi
mkdir -p .tools/bin
ln -sf ../bun/node_modules/bun/bin/bun.exe .tools/bin/bun
