#!/usr/bin/env bash
# Provisions (or updates) the Azure resources of one Wijkwacht environment with the Azure CLI, as
# the release pipeline does; `azd up` does the same through azure.yaml. Shows the what-if first.
#
#   AZURE_RESOURCE_GROUP=rg-wijkwacht-test AZURE_LOCATION=westeurope \
#   WIJKWACHT_MAIL_FROM=wijkwacht@stad.example WIJKWACHT_COORDINATOR_EMAIL=coordinatie@stad.example \
#   scripts/provision.sh            # WHAT_IF_ONLY=1: only show what would change
#
# The Bicep parameters come from environment variables named in infra/main.parameters.json. The
# signed-link secret is kept from the running app (scripts/signed-link-secret.sh) unless
# WIJKWACHT_SIGNED_LINK_SECRET is given.
set -euo pipefail
cd "$(dirname "$0")/.."
rg="${AZURE_RESOURCE_GROUP:?set AZURE_RESOURCE_GROUP to the resource group of the environment}"
location="${AZURE_LOCATION:?set AZURE_LOCATION, e.g. westeurope}"

# staticwebapp.bicep replaces all the site's app settings when an Entra client id is given: without
# its secret, sign-in would break.
if [ -n "${WIJKWACHT_ENTRA_CLIENT_ID:-}" ] && [ -z "${WIJKWACHT_ENTRA_CLIENT_SECRET:-}" ]; then
  echo "provision: WIJKWACHT_ENTRA_CLIENT_ID is set without WIJKWACHT_ENTRA_CLIENT_SECRET" >&2
  exit 1
fi
if [ -z "${WIJKWACHT_SIGNED_LINK_SECRET:-}" ]; then
  WIJKWACHT_SIGNED_LINK_SECRET=$(scripts/signed-link-secret.sh)
  export WIJKWACHT_SIGNED_LINK_SECRET
fi
if [ -n "${GITHUB_ACTIONS:-}" ]; then echo "::add-mask::$WIJKWACHT_SIGNED_LINK_SECRET"; fi

# The filled-in parameters hold the secret: keep them only for this run.
parameters=$(mktemp --suffix=.json)
trap 'rm -f "$parameters"' EXIT
node scripts/expand-parameters.mjs infra/main.parameters.json "$parameters"

if [ "$(az group exists -n "$rg")" != true ]; then
  az group create -n "$rg" -l "$location" --tags application=wijkwacht -o none
fi
echo "What would change in $rg:"
az deployment group what-if -g "$rg" -n main -f infra/main.bicep -p "@$parameters"
if [ -n "${WHAT_IF_ONLY:-}" ]; then
  exit 0
fi
az deployment group create -g "$rg" -n main -f infra/main.bicep -p "@$parameters" \
  --query properties.outputs -o json
