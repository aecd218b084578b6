#!/usr/bin/env bash
# Deploys the built function app package and static site (scripts/build.sh) into the provisioned
# Wijkwacht environment in $AZURE_RESOURCE_GROUP. `azd up` runs it after provisioning (azure.yaml),
# the release pipeline after its infrastructure step, so both deploy the same way. Needs the Azure
# CLI signed in with Contributor on the resource group; with Elastic Premium also Storage Blob Data
# Contributor on the package container (main.bicep grants it to deployerPrincipalId).
set -euo pipefail
cd "$(dirname "$0")/.."
rg="${AZURE_RESOURCE_GROUP:?set AZURE_RESOURCE_GROUP to the resource group of the environment}"
# What to upload (scripts/build.sh makes both; overridable to deploy other builds).
package="${DEPLOY_PACKAGE:-artifacts/functionapp.zip}"
site="${DEPLOY_SITE:-artifacts/site}"

fail() { echo "deploy: $*" >&2; exit 1; }
[ -f "$package" ] && [ -f "$site/index.html" ] || fail "$package or $site/ is missing: run scripts/build.sh first"

func=$(az functionapp list -g "$rg" --query "[0].name" -o tsv)
swa=$(az staticwebapp list -g "$rg" --query "[0].name" -o tsv)
[ -n "$func" ] && [ -n "$swa" ] || fail "no function app or static web app in $rg: provision first (azd up or scripts/provision.sh)"

# Elastic Premium runs from the package blob named in WEBSITE_RUN_FROM_PACKAGE; Flex Consumption has
# no such setting and takes the package through One Deploy.
package_url=$(az functionapp config appsettings list -g "$rg" -n "$func" \
  --query "[?name=='WEBSITE_RUN_FROM_PACKAGE'].value | [0]" -o tsv)
if [[ "$package_url" == https://* ]]; then
  account=${package_url#https://}
  account=${account%%.*}
  blob_path=${package_url#https://*/}
  echo "Uploading the function app package to $account/$blob_path…"
  az storage blob upload --auth-mode login --account-name "$account" \
    --container-name "${blob_path%%/*}" --name "${blob_path#*/}" --file "$package" --overwrite --only-show-errors -o none
  az functionapp restart -g "$rg" -n "$func"
  # The host reads the new function.json files only after a trigger sync.
  az rest --method post -o none \
    --url "https://management.azure.com$(az functionapp show -g "$rg" -n "$func" --query id -o tsv)/syncfunctiontriggers?api-version=2024-11-01"
else
  echo "Deploying the function app package to $func (One Deploy)…"
  az functionapp deployment source config-zip -g "$rg" -n "$func" --src "$package" -o none
fi

echo "Deploying the static site to $swa…"
token=$(az staticwebapp secrets list -n "$swa" -g "$rg" --query properties.apiKey -o tsv)
if [ -n "${GITHUB_ACTIONS:-}" ]; then echo "::add-mask::$token"; fi
# The token goes through the environment, never the command line. The CLI's optional keychain module
# (keytar) is not needed for a token deployment, so its native build is skipped.
# It runs inside the site folder because it looks for staticwebapp.config.json below the working
# directory. It downloads its deployment client (StaticSitesClient) on first use.
(cd "$site" && SWA_CLI_DEPLOYMENT_TOKEN="$token" npm_config_ignore_scripts=true \
  npx --yes @azure/static-web-apps-cli@2.0.10 deploy . --env production --no-use-keychain)

host=$(az staticwebapp show -n "$swa" -g "$rg" --query defaultHostname -o tsv)
echo "Deployed: https://$host/ (function app $func)"
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "url=https://$host/" >> "$GITHUB_OUTPUT"; fi
