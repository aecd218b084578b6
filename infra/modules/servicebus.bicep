// Service Bus namespace (Standard: duplicate detection needs it) with Entra ID only (local/SAS
// auth disabled) and the app's work queues. Messages carry ids, not documents (claim check).
//
// Note: requiresDuplicateDetection cannot be changed on an existing queue; changing it means
// deleting and recreating the queue.

@description('Azure region of the namespace.')
param location string

@description('Namespace name: 6-50 letters, digits and hyphens, starting with a letter, globally unique.')
@minLength(6)
@maxLength(50)
param name string

@description('Queues to create; all get the same delivery settings.')
param queueNames string[]

@description('How long an unconsumed message lives before it is dead-lettered (ISO 8601 duration).')
param messageTimeToLive string = 'P14D'

@description('Tags put on every resource.')
param tags object

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource queues 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = [
  for queueName in queueNames: {
    parent: namespace
    name: queueName
    properties: {
      lockDuration: 'PT1M'
      maxDeliveryCount: 5
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: 'PT10M'
      deadLetteringOnMessageExpiration: true
      defaultMessageTimeToLive: messageTimeToLive
      requiresSession: false
      enablePartitioning: false
    }
  }
]

// serviceBusEndpoint is 'https://<name>.servicebus.windows.net:443/'; keep only the host name so
// the template works in every Azure cloud without a hard-coded DNS suffix.
var fullyQualifiedNamespace = split(split(namespace.properties.serviceBusEndpoint, '/')[2], ':')[0]

output name string = namespace.name
output id string = namespace.id
output fullyQualifiedNamespace string = fullyQualifiedNamespace
