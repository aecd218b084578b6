// Azure Static Web App (Standard: needed for a linked backend and for Entra ID as a custom
// identity provider). Content is deployed separately (SWA CLI or the GitHub action) with the
// deployment token; no repository is connected here.

@description('Region of the static web app (Static Web Apps is offered in a few regions only).')
@allowed([
  'westeurope'
  'centralus'
  'eastus2'
  'westus2'
  'eastasia'
])
param location string

@description('Name of the static web app.')
param name string

@description('Entra ID application (client) id used by the "azureActiveDirectory" provider in staticwebapp.config.json. Empty: leave the SWA app settings alone.')
param entraClientId string = ''

@description('Client secret of that Entra ID application. Only used when entraClientId is set.')
@secure()
param entraClientSecret string = ''

@description('Tags put on every resource.')
param tags object

resource staticSite 'Microsoft.Web/staticSites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    allowConfigFileUpdates: true
    // Pull-request (staging) environments cannot use a linked backend; their /api calls fail.
    stagingEnvironmentPolicy: 'Enabled'
    buildProperties: {
      skipGithubActionWorkflowGeneration: true
    }
  }
}

// Names of the SWA app settings that staticwebapp.config.json references
// (registration.clientIdSettingName / clientSecretSettingName of "azureActiveDirectory").
var entraSettingNames = {
  clientId: 'ENTRA_CLIENT_ID'
  clientSecret: 'ENTRA_CLIENT_SECRET'
}

// Replaces ALL app settings of the static web app, so it is only deployed when asked for.
resource entraSettings 'Microsoft.Web/staticSites/config@2025-03-01' = if (!empty(entraClientId)) {
  parent: staticSite
  name: 'appsettings'
  properties: {
    '${entraSettingNames.clientId}': entraClientId
    '${entraSettingNames.clientSecret}': entraClientSecret
  }
}

output name string = staticSite.name
output id string = staticSite.id
output defaultHostname string = staticSite.properties.defaultHostname
