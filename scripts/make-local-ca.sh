#!/usr/bin/env bash
# Creates a throwaway CA and a server certificate for localhost and 127.0.0.1
# signed by it, for local SMTP or gRPC servers with verification on.
#
#   scripts/make-local-ca.sh DIR [DAYS]
#
# Writes DIR/ca.pem (trust this, e.g. SMTP_CA_FILE), DIR/ca.key,
# DIR/server.pem and DIR/server.key (P-256 keys). Existing files are replaced.
set -euo pipefail

dir="${1:?usage: make-local-ca.sh DIR [DAYS]}"
days="${2:-30}"
mkdir -p "$dir"
curve=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)

openssl req -x509 "${curve[@]}" -keyout "$dir/ca.key" -out "$dir/ca.pem" -days "$days" \
  -subj "/CN=Outreach Local CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -new "${curve[@]}" -keyout "$dir/server.key" -out "$dir/server.csr" \
  -subj "/CN=localhost" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' \
  > "$dir/server.ext"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
  -CAcreateserial -out "$dir/server.pem" -days "$days" -extfile "$dir/server.ext" 2>/dev/null
rm -f "$dir/server.csr" "$dir/server.ext" "$dir/ca.srl"
chmod 600 "$dir/ca.key" "$dir/server.key"
