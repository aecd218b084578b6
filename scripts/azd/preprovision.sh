#!/usr/bin/env sh
# azd preprovision hook (azure.yaml): asks once for the choices a city must make, keeps them in the azd
# environment (.azure/<env>/.env, git-ignored), makes the signed-link secret and the resource group,
# and builds the packages, so a broken build stops `azd up` before Azure is touched.
set -eu
cd "$(dirname "$0")/../.."

ask() { # ask NAME "question": keeps an existing value, otherwise prompts and stores the answer.
  eval "current=\${$1:-}"
  if [ -z "$current" ]; then
    printf '%s ' "$2"
    read -r current
    [ -n "$current" ] || { echo "preprovision: $1 is required" >&2; exit 1; }
    azd env set "$1" "$current"
  fi
}
ask WIJKWACHT_MAIL_FROM "Mailbox the app sends mail as (Mail__From), e.g. wijkwacht@stad.example:"
ask WIJKWACHT_COORDINATOR_EMAIL "Mailbox that receives escalations, e.g. coordinatie@stad.example:"
if [ -z "${WIJKWACHT_HOSTING_PLAN:-}" ]; then
  azd env set WIJKWACHT_HOSTING_PLAN ElasticPremium
  echo "Hosting plan: ElasticPremium (azd env set WIJKWACHT_HOSTING_PLAN FlexConsumption to change; see docs/decisions/hosting-plan.md)."
fi
if [ -z "${WIJKWACHT_SIGNED_LINK_SECRET:-}" ]; then
  # Kept in the azd environment: redeploying with another secret would invalidate every link sent.
  azd env set WIJKWACHT_SIGNED_LINK_SECRET "$(openssl rand -base64 32)"
fi
if [ -z "${AZURE_RESOURCE_GROUP:-}" ]; then
  AZURE_RESOURCE_GROUP="rg-${AZURE_ENV_NAME}"
  azd env set AZURE_RESOURCE_GROUP "$AZURE_RESOURCE_GROUP"
fi
if [ "$(az group exists -n "$AZURE_RESOURCE_GROUP")" != true ]; then
  az group create -n "$AZURE_RESOURCE_GROUP" -l "$AZURE_LOCATION" --tags application=wijkwacht "azd-env-name=$AZURE_ENV_NAME" -o none
fi

bash scripts/build.sh
