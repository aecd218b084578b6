#!/usr/bin/env bash
# Prints the secret that signs partner and citizen links for the environment in $AZURE_RESOURCE_GROUP:
# the one the deployed function app already uses, so a redeployment keeps every link sent so far
# valid, or a new random one (base64 of 32 bytes) for a first deployment. Needs the Azure CLI signed in.
set -euo pipefail
rg="${AZURE_RESOURCE_GROUP:?set AZURE_RESOURCE_GROUP}"

func=""
if az group exists -n "$rg" | grep -qx true; then
  func=$(az functionapp list -g "$rg" --query "[0].name" -o tsv)
fi
secret=""
if [ -n "$func" ]; then
  secret=$(az functionapp config appsettings list -g "$rg" -n "$func" \
    --query "[?name=='SignedLinks__Keys__0__Secret'].value | [0]" -o tsv)
fi
if [ -z "$secret" ]; then
  secret=$(openssl rand -base64 32)
fi
printf '%s\n' "$secret"
