#!/usr/bin/env sh
# azd postprovision hook (azure.yaml): deploys the function app package and the static site with the
# same script as the release pipeline.
set -eu
cd "$(dirname "$0")/../.."
bash scripts/deploy.sh
