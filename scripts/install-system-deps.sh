#!/usr/bin/env bash
# Install the Debian packages the pipeline needs (models/apt-packages.txt; with --test also
# models/apt-packages-test.txt, with --languages also models/apt-languages.txt) if any is
# missing. Idempotent and quiet when all are there; uses sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."
lists=(models/apt-packages.txt)
[ "${1:-}" = "--test" ] && lists+=(models/apt-packages-test.txt)
[ "${1:-}" = "--languages" ] && lists+=(models/apt-languages.txt)
mapfile -t packages < <(cat "${lists[@]}" | grep -v '^\s*#' | sed '/^\s*$/d')
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
