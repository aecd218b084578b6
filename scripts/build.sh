#!/usr/bin/env bash
# Builds what a deployment uploads, without touching Azure:
#   artifacts/functionapp.zip   the function app package (scripts/publish.sh)
#   artifacts/site/             the static site: static-web/ with its vendored libraries, without its tests
# Used by azd (preprovision hook), the release pipeline and a hand deployment.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_npm
node scripts/copy-vendor.mjs
scripts/publish.sh
if [ ! -f artifacts/functionapp.zip ]; then
  echo "build: artifacts/functionapp.zip was not made; install zip (apt-get install zip) and run again." >&2
  exit 1
fi

rm -rf artifacts/site
cp -r static-web artifacts/site
# The front end's unit tests are not part of the site.
rm -rf artifacts/site/tests
echo "Built artifacts/functionapp.zip and artifacts/site/"
