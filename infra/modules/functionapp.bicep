// The hosting plan and the function app. The app is a Functions *custom handler*: the host
// starts the executable named in host.json (defaultExecutablePath) and forwards HTTP, Service Bus
// and timer invocations to it. There is no worker SDK, so the runtime is 'custom'.
//
// Two plans (docs/decisions/hosting-plan.md says why Elastic Premium is the default):
//
// - Elastic Premium (Linux): the combination Static Web Apps documents for a linked backend. The
//   storage account has no shared keys, so there is no Azure Files content share; the app runs
//   from the package blob (WEBSITE_RUN_FROM_PACKAGE = its URL), read with the managed identity
//   ("Create an app without Azure Files" in the Functions storage documentation). scripts/deploy.sh
//   uploads the package there and restarts the app.
// - Flex Consumption: runtime from functionAppConfig, package from the blob container through
//   One Deploy. Never add FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION,
//   WEBSITE_RUN_FROM_PACKAGE, WEBSITE_CONTENTSHARE, WEBSITE_CONTENTAZUREFILECONNECTIONSTRING,
//   WEBSITE_TIME_ZONE, TZ or SCM_DO_BUILD_DURING_DEPLOYMENT for Flex: it rejects or ignores them.
//
// Timers run in UTC on both plans (no WEBSITE_TIME_ZONE on either, so they behave the same).

@description('Azure region of the plan and the app (with Flex Consumption: a region that offers it).')
param location string

@description('Function app name: globally unique, at most 32 characters (the host id is derived from it).')
@maxLength(32)
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity (picked by DefaultAzureCredential and the host connections).')
param identityClientId string

@description('Name of the storage account (host storage, deployment package and app data).')
param storageAccountName string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Fully qualified Service Bus namespace, e.g. <name>.servicebus.windows.net.')
param serviceBusFullyQualifiedNamespace string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Hosting plan: ElasticPremium (documented as a Static Web Apps linked backend) or FlexConsumption.')
@allowed([
  'ElasticPremium'
  'FlexConsumption'
])
param hostingPlan string = 'ElasticPremium'

@description('Elastic Premium size (EP1: 1 core, 3.5 GB).')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param elasticPremiumSku string = 'EP1'

@description('Blob name of the deployment package in the deployment container (Elastic Premium runs from it).')
param packageBlobName string = 'functionapp.zip'

@description('Flex runtime name. "custom" is the custom-handler stack; "dotnet-isolated" is the documented fallback (the host still runs the custom handler from host.json).')
@allowed([
  'custom'
  'dotnet-isolated'
])
param runtimeName string = 'custom'

@description('Flex runtime version ("1.0" for custom; check with az functionapp list-flexconsumption-runtimes).')
param runtimeVersion string = '1.0'

@description('Upper bound on instances the plan scales out to (Elastic Premium: at most 100).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Allow basic-auth (publishing profile) deployments to the SCM site. Off: deploy with an Entra ID sign-in (az CLI).')
param allowScmBasicAuth bool = false

@description('App settings the Wijkwacht handler reads; see main.bicep for their meaning.')
param wijkwachtSettings object

@description('Tags put on every resource.')
param tags object

resource storage 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

var isFlex = hostingPlan == 'FlexConsumption'
var elasticMaximumWorkers = min(maximumInstanceCount, 100)
var packageUrl = '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}/${packageBlobName}'

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex
    ? {
        name: 'FC1'
        tier: 'FlexConsumption'
      }
    : {
        name: elasticPremiumSku
        tier: 'ElasticPremium'
      }
  properties: {
    // Linux.
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : elasticMaximumWorkers
  }
}

// Settings derived from the resources. A literal array (not a loop) because some values are
// known only during the deployment.
var derivedSettings = [
  // Host storage over the managed identity (timer locks, trigger state, diagnostics).
  { name: 'AzureWebJobsStorage__accountName', value: storage.name }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  // serviceBusTrigger bindings use "connection": "ServiceBusConnection" (the host receives); the handler's
  // Service Bus SDK sender reads the same namespace and clientId (AMQP over TLS, port 5671).
  { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: serviceBusFullyQualifiedNamespace }
  { name: 'ServiceBusConnection__credential', value: 'managedidentity' }
  { name: 'ServiceBusConnection__clientId', value: identityClientId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
  // The handler's own storage clients (same account) use DefaultAzureCredential, which picks the
  // user-assigned identity through AZURE_CLIENT_ID.
  { name: 'WijkwachtStorage__accountName', value: storage.name }
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
]

// Elastic Premium takes its runtime from app settings and runs from the package blob, read with the
// identity; no Azure Files settings (they need a shared key, which the storage account refuses).
var premiumSettings = isFlex
  ? []
  : [
      { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
      { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'custom' }
      { name: 'WEBSITE_RUN_FROM_PACKAGE', value: packageUrl }
      { name: 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID', value: identityId }
    ]

var handlerSettings = [
  for setting in items(wijkwachtSettings): {
    name: setting.key
    value: setting.value
  }
]

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Static Web Apps cannot proxy to a network-isolated backend, so the app stays public;
    // App Service Authentication (backend-link.bicep) refuses calls that did not come through SWA.
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Elastic Premium: the custom stack has an empty linuxFxVersion (Functions stacks API), one
      // instance always warm, scale-out bounded like Flex's maximumInstanceCount.
      linuxFxVersion: isFlex ? null : ''
      minimumElasticInstanceCount: isFlex ? null : 1
      functionAppScaleLimit: isFlex ? null : elasticMaximumWorkers
      appSettings: concat(derivedSettings, premiumSettings, handlerSettings)
    }
    functionAppConfig: !isFlex ? null : {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: allowScmBasicAuth
  }
}

output name string = functionApp.name
output id string = functionApp.id
output location string = functionApp.location
output defaultHostname string = functionApp.properties.defaultHostName
output hostingPlan string = hostingPlan
