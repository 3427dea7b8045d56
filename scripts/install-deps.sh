#!/usr/bin/env bash
# Installs what building and testing Outreach needs, skipping what is there:
# Debian's -dev packages and peers (protoc, h2load), and a Python virtualenv
# in .venv with grpcio, grpcio-tools and aiosmtpd.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  pkg-config libnghttp2-dev libssl-dev libsqlite3-dev zlib1g-dev
  protobuf-compiler nghttp2-client openssl python3-venv
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "install-deps: apt-get install ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q "${missing[@]}" >/dev/null
fi

python_packages=(grpcio grpcio-tools grpcio-health-checking aiosmtpd)
if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python -c 'import grpc, grpc_tools, grpc_health, aiosmtpd' 2>/dev/null; then
  echo "install-deps: pip install ${python_packages[*]}" >&2
  .venv/bin/pip install -q --disable-pip-version-check "${python_packages[@]}"
fi
