// Data-plane role assignments for the function app's user-assigned identity. Deploying this needs
// Microsoft.Authorization/roleAssignments/write (Owner, User Access Administrator or
// Role Based Access Control Administrator) on the resource group.

@description('Principal (object) id of the user-assigned managed identity.')
param principalId string

@description('Name of the storage account in this resource group.')
param storageAccountName string

@description('Name of the Service Bus namespace in this resource group.')
param serviceBusNamespaceName string

// Built-in role definition ids (the same in every tenant).
var storageRoles = {
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}
var serviceBusRoles = {
  'Azure Service Bus Data Sender': '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  'Azure Service Bus Data Receiver': '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
}

resource storage 'Microsoft.Storage/storageAccounts@2026-04-01' existing = {
  name: storageAccountName
}

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName
}

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(storageRoles): {
    name: guid(storage.id, principalId, role.value)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: principalId
      principalType: 'ServicePrincipal'
      description: 'Wijkwacht function app: ${role.key}'
    }
  }
]

resource serviceBusAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(serviceBusRoles): {
    name: guid(namespace.id, principalId, role.value)
    scope: namespace
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: principalId
      principalType: 'ServicePrincipal'
      description: 'Wijkwacht function app: ${role.key}'
    }
  }
]

@description('Principal (object) id of whoever deploys the app package (a user for azd, the pipeline\'s service principal). Empty: none.')
param deployerPrincipalId string = ''

@description('Kind of that principal.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string = 'User'

@description('Blob container of the deployment package.')
param deploymentContainerName string = 'app-package'

// Elastic Premium runs from a package blob that scripts/deploy.sh uploads with an Entra ID sign-in
// (no keys): the deployer may write blobs in that one container, nothing else.
resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' existing = {
  name: '${storageAccountName}/default/${deploymentContainerName}'
}

var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource deployerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(deploymentContainer.id, deployerPrincipalId, storageBlobDataContributor)
  scope: deploymentContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    description: 'Wijkwacht deployer: uploads the function app package'
  }
}
