// Links the function app to the static web app as its "bring your own" API backend: the site
// then proxies /api/* (path unchanged, 45 s limit) to the app and adds x-ms-client-principal.
//
// Linking makes Static Web Apps configure App Service Authentication on the function app with an
// identity provider shown as "Azure Static Web Apps (Linked)" (azureStaticWebApps in
// authsettingsV2), which admits only requests proxied by this static web app. The authsettingsV2
// resource below states that configuration explicitly, so a redeploy restores it if someone
// changes it in the portal, and so the intent is reviewable in code.
//
// VERIFY after the first deployment (see README): the clientId the link writes. Public
// deployments report the static web app's default host name (<name>.azurestaticapps.net) as the
// registration clientId, and that is what is used here unless staticWebAppsAuthClientId is set.

@description('Name of the static web app (same resource group).')
param staticWebAppName string

@description('Name of the function app (same resource group).')
param functionAppName string

@description('Region of the function app.')
param functionAppLocation string

@description('Write authsettingsV2 explicitly (true) or leave it entirely to the link (false).')
param manageAuthSettings bool = true

@description('clientId of the azureStaticWebApps provider. Empty: the static web app\'s default host name.')
param staticWebAppsAuthClientId string = ''

resource staticSite 'Microsoft.Web/staticSites@2025-03-01' existing = {
  name: staticWebAppName
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource link 'Microsoft.Web/staticSites/linkedBackends@2025-03-01' = {
  parent: staticSite
  // One backend per static web app; named after the app it points at.
  name: functionApp.name
  properties: {
    backendResourceId: functionApp.id
    region: functionAppLocation
  }
}

resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = if (manageAuthSettings) {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
    }
    httpSettings: {
      requireHttps: true
      routes: {
        apiPrefix: '/.auth'
      }
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureStaticWebApps: {
        enabled: true
        registration: {
          clientId: empty(staticWebAppsAuthClientId) ? staticSite.properties.defaultHostname : staticWebAppsAuthClientId
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
  // Written after the link so this explicit configuration is the last word.
  dependsOn: [
    link
  ]
}

output linkName string = link.name
