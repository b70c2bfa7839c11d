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

APT_PACKAGES=(pcscd vsmartcard-vpcd python3-virtualsmartcard libpcsclite-dev swig chromium opensc opensc-pkcs11 oathtool fonts-dejavu-core)

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
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        -o DPkg::Lock::Timeout=600 "${missing[@]}"
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
