#!/usr/bin/env bash
# Build the docs site and take a screenshot of the generated criteria reference page
# (highlighted spec code, the 47 indicators in the table of contents) with headless
# Chromium: docs/assets/criteria-reference.png. Needs `pip install ".[docs]"` and Debian's
# chromium package.
set -euo pipefail
cd "$(dirname "$0")/.."
site="$(mktemp -d)/site"
NO_MKDOCS_2_WARNING=1 mkdocs build --strict --quiet --site-dir "$site"
python3 -m http.server 8765 --bind 127.0.0.1 --directory "$site" > /dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$(mktemp -d)" --window-size=1280,3300 \
  --screenshot=docs/assets/criteria-reference.png \
  http://127.0.0.1:8765/reference/criteria-1300/ 2> /dev/null
echo "docs/assets/criteria-reference.png"
