// Wijkwacht: everything one environment needs, in one resource group.
//
//   azd up            (azure.yaml: prompts for the few choices, provisions, deploys)
//
// infra/main.parameters.json reads its values from environment variables (${NAME} or
// ${NAME=default}); scripts/expand-parameters.mjs fills them in for the Azure CLI and the pipeline.
// See infra/README.md for prerequisites, the pipeline and the checks after a first deploy.
targetScope = 'resourceGroup'

// ---------- parameters ----------

@description('Short prefix for resource names: lower-case letters, digits and hyphens, starting with a letter (3-12 characters).')
@minLength(3)
@maxLength(12)
param namePrefix string = 'wijkwacht'

@description('Region of all resources except the static web app (with hostingPlan FlexConsumption: a region that offers it).')
param location string = resourceGroup().location

@description('Region of the static web app (Static Web Apps runs in a few regions only; its content is served globally).')
@allowed([
  'westeurope'
  'centralus'
  'eastus2'
  'westus2'
  'eastasia'
])
param staticWebAppLocation string = 'westeurope'

@description('Tags put on every resource.')
param tags object = {
  application: 'wijkwacht'
}

@description('Sender address of the mails the app sends (Mail__From).')
param mailFrom string

@description('Secret of the key that signs partner and citizen links (SignedLinks__Keys__0__Secret): base64 of 32 random bytes, e.g. `openssl rand -base64 32`. Rotate by passing the old key as previousSignedLinkKeyId/previousSignedLinkSecret and a new one here.')
@secure()
param signedLinkSecret string

@description('Id of the signed-link key (SignedLinks__Keys__0__Id); change it whenever the secret changes.')
param signedLinkKeyId string = 'key-1'

@description('During a key rotation: the id of the previous key, still accepted for the links it signed (SignedLinks__Keys__1__Id). Leave empty once those links have expired.')
param previousSignedLinkKeyId string = ''

@description('During a key rotation: the secret of the previous key (SignedLinks__Keys__1__Secret).')
@secure()
param previousSignedLinkSecret string = ''

@description('Where escalations go: the coordination mailbox of the wardens / prevention service (FollowUp__CoordinatorEmail).')
param coordinatorEmail string

@description('Days the municipality closes every year besides the Belgian public holidays, as MM-dd (WorkingDays__RecurringClosingDays__N). The City of Brussels: 2 January, 11 July, 27 September, 15 November, 26 December.')
param recurringClosingDays array = [
  '01-02'
  '07-11'
  '09-27'
  '11-15'
  '12-26'
]

@description('The public address of the site, for links in e-mails (App__PublicUrl). Empty: the static web app\'s default hostname.')
param publicUrl string = ''

@description('Hosting plan of the function app. ElasticPremium is the plan Static Web Apps documents for a linked backend; FlexConsumption is cheaper but not (yet) on that list: see docs/decisions/hosting-plan.md.')
@allowed([
  'ElasticPremium'
  'FlexConsumption'
])
param hostingPlan string = 'ElasticPremium'

@description('Elastic Premium size, when hostingPlan is ElasticPremium.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param elasticPremiumSku string = 'EP1'

@description('Object id of the user or service principal that deploys the app package (azd passes the signed-in user, the pipeline its own principal). It may write the package container only. Empty: grant nothing.')
param deployerPrincipalId string = ''

@description('Kind of deployerPrincipalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string = 'User'

@description('Flex runtime name of the function app; "custom" for the custom handler ("dotnet-isolated" is the documented fallback).')
@allowed([
  'custom'
  'dotnet-isolated'
])
param functionRuntimeName string = 'custom'

@description('Flex runtime version; "1.0" for custom (list with az functionapp list-flexconsumption-runtimes).')
param functionRuntimeVersion string = '1.0'

@description('Upper bound on function app instances (Elastic Premium: at most 100).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per function app instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Allow basic-auth publishing to the function app\'s SCM site (publishing profiles). Off: deploy with an Entra ID sign-in.')
param allowScmBasicAuth bool = false

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Write the function app\'s authsettingsV2 (Azure Static Web Apps provider, 401 for everything else) explicitly, after the link.')
param manageBackendAuthSettings bool = true

@description('clientId of the azureStaticWebApps auth provider on the function app. Empty: the static web app\'s default host name (see README, verify).')
param staticWebAppsAuthClientId string = ''

@description('Entra ID application (client) id for sign-in on the static web app. Empty: SWA app settings are not managed here.')
param entraClientId string = ''

@description('Client secret of that Entra ID application (pass on the command line or from Key Vault, never in a parameters file).')
@secure()
param entraClientSecret string = ''

// ---------- names ----------

var suffix = uniqueString(resourceGroup().id)
var compactPrefix = toLower(replace(namePrefix, '-', ''))
var names = {
  logAnalytics: '${namePrefix}-log-${suffix}'
  appInsights: '${namePrefix}-appi-${suffix}'
  identity: '${namePrefix}-id-${suffix}'
  storage: 'st${take(compactPrefix, 9)}${suffix}'
  serviceBus: '${namePrefix}-sb-${suffix}'
  plan: '${namePrefix}-plan-${suffix}'
  functionApp: '${namePrefix}-func-${suffix}'
  staticWebApp: '${namePrefix}-swa-${suffix}'
}

var forwardingQueue = 'dossier-forwarding'
var followUpQueue = 'follow-up-steps'
var outboxContainer = 'outbox'

// App settings the handler reads (besides the storage, Service Bus, identity and telemetry
// settings that functionapp.bicep derives from the resources).
var wijkwachtSettings = {
  Messaging__Transport: 'ServiceBus'
  ForwardingQueue: forwardingQueue
  FollowUpQueue: followUpQueue
  // NCRONTAB with seconds, evaluated in UTC (no WEBSITE_TIME_ZONE on either plan).
  FollowUpSweepSchedule: '0 */1 * * * *'
  FollowUpReconcileSchedule: '0 30 2 * * *'
  RetentionSweepSchedule: '0 15 3 * * *'
  Retention__Months: '12'
  // The officers' Outlook calendars through Graph (Calendars.ReadWrite application permission; see infra/README.md).
  Calendar__Transport: 'Graph'
  // Deadlines come from each partner's service level in working days; FollowUp__ReminderDelay stays unset.
  FollowUp__ForwardingCheckDelay: '00:10:00'
  FollowUp__SweepBatchSize: '500'
  FollowUp__SecondReminderAfterWorkingDays: '1'
  FollowUp__EscalateAfterWorkingDays: '1'
  FollowUp__CoordinatorEmail: coordinatorEmail
  Webhooks__MaxAttempts: '6'
  Webhooks__FirstRetryDelay: '00:01:00'
  App__PublicUrl: empty(publicUrl) ? 'https://${staticWebApp.outputs.defaultHostname}' : publicUrl
  App__PartnerLinkLifetime: '90.00:00:00'
  Mail__From: mailFrom
  // Microsoft Graph sendMail as the managed identity (Mail.Send application permission; see infra/README.md).
  Mail__Transport: 'Graph'
  SignedLinks__Keys__0__Id: signedLinkKeyId
  SignedLinks__Keys__0__Secret: signedLinkSecret
  // The real Functions host fires the triggers in Azure; the dev-only local trigger host stays off.
  LocalTriggerHost__Enabled: 'false'
  // An observation joins an open dossier of its category this close and this recent.
  Linking__RadiusMeters: '50'
  Linking__Window: '3.00:00:00'
  // The neighbourhood team meets on this weekday of this week of the month (agenda).
  NeighbourhoodTeam__MeetingWeekOfMonth: '1'
  NeighbourhoodTeam__MeetingDay: 'Tuesday'
  // Anonymous endpoints (booking, partner page, reference data): requests per client address and in total.
  RateLimiting__PublicPermitsPerMinute: '120'
  RateLimiting__PublicTotalPermitsPerMinute: '6000'
  // Appointments with the neighbourhood officer.
  Bookings__MinimumNotice: '02:00:00'
  Bookings__HorizonDays: '30'
  Bookings__DailyMaximum: '8'
  Bookings__SlotStepMinutes: '15'
  Bookings__Office__Minutes: '20'
  Bookings__Office__BufferMinutes: '10'
  Bookings__Home__Minutes: '45'
  Bookings__Home__TravelMinutes: '20'
  Bookings__Home__BufferMinutes: '10'
  Bookings__Phone__Minutes: '15'
  Bookings__Phone__BufferMinutes: '5'
  Bookings__ReminderBefore: '1.00:00:00'
  Bookings__LinkLifetimeAfterAppointment: '30.00:00:00'
}

var previousKeySettings = empty(previousSignedLinkKeyId) ? {} : {
  SignedLinks__Keys__1__Id: previousSignedLinkKeyId
  SignedLinks__Keys__1__Secret: previousSignedLinkSecret
}

var closingDaySettings = toObject(range(0, length(recurringClosingDays)), i => 'WorkingDays__RecurringClosingDays__${i}', i => recurringClosingDays[i])


// ---------- resources ----------

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    retentionInDays: logRetentionInDays
    tags: tags
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    name: names.identity
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: names.storage
    deploymentContainerName: 'app-package'
    // Storage/StorageSetup.cs: Tables.All and Containers.All (tests/…/Infra checks they agree).
    containerNames: [
      outboxContainer
      'config'
      'photos'
    ]
    tableNames: [
      'Observations'
      'ObservationIndex'
      'Agenda'
      'SentMail'
      'Dossiers'
      'DossierIndex'
      'DossierLocations'
      'FollowUpDue'
      'Partners'
      'LinkRevocations'
      'AuditTrail'
      'WebhookDeliveries'
      'Bookings'
      'BookingIndex'
      'PersonalData'
      'CalendarEvents'
      'SavedFilters'
    ]
    corsOrigins: [
      empty(publicUrl) ? 'https://${staticWebApp.outputs.defaultHostname}' : publicUrl
    ]
    tags: tags
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    location: location
    name: names.serviceBus
    queueNames: [
      forwardingQueue
      followUpQueue
    ]
    tags: tags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
    deploymentContainerName: storage.outputs.deploymentContainerName
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    name: names.functionApp
    planName: names.plan
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    hostingPlan: hostingPlan
    elasticPremiumSku: elasticPremiumSku
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    appInsightsName: monitoring.outputs.appInsightsName
    runtimeName: functionRuntimeName
    runtimeVersion: functionRuntimeVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    allowScmBasicAuth: allowScmBasicAuth
    wijkwachtSettings: union(wijkwachtSettings, closingDaySettings, previousKeySettings)
    tags: tags
  }
  // The host reads its storage (and the package container) as it starts: grant the roles first.
  dependsOn: [
    roles
  ]
}

module staticWebApp 'modules/staticwebapp.bicep' = {
  name: 'staticwebapp'
  params: {
    location: staticWebAppLocation
    name: names.staticWebApp
    entraClientId: entraClientId
    entraClientSecret: entraClientSecret
    tags: tags
  }
}

module backendLink 'modules/backend-link.bicep' = {
  name: 'backend-link'
  params: {
    staticWebAppName: staticWebApp.outputs.name
    functionAppName: functionApp.outputs.name
    functionAppLocation: functionApp.outputs.location
    manageAuthSettings: manageBackendAuthSettings
    staticWebAppsAuthClientId: staticWebAppsAuthClientId
  }
}

// ---------- outputs (names and host names only; no keys or connection strings) ----------

output functionAppName string = functionApp.outputs.name
output hostingPlan string = functionApp.outputs.hostingPlan
output functionAppDefaultHostname string = functionApp.outputs.defaultHostname
output staticWebAppName string = staticWebApp.outputs.name
output staticWebAppHostname string = staticWebApp.outputs.defaultHostname
output storageAccountName string = storage.outputs.name
output serviceBusNamespace string = serviceBus.outputs.name
output serviceBusFullyQualifiedNamespace string = serviceBus.outputs.fullyQualifiedNamespace
