// The one StorageV2 account: Functions host state (AzureWebJobsStorage), the function app's deployment
// package, and the app's own tables and blobs (WijkwachtStorage). Entra ID only: shared keys are
// off, so no connection string with a key exists anywhere.
//
// The app creates its tables and containers at start-up; they are declared here too so the
// deployment package has a home before the first publish, photos/outbox are private from the start,
// and the account shows what the app keeps (tests check these lists against the code).

@description('Azure region of the storage account.')
param location string

@description('Storage account name: 3-24 lower-case letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
])
param skuName string = 'Standard_LRS'

@description('Blob container that holds the function app package (Flex: One Deploy; Elastic Premium: the blob it runs from).')
param deploymentContainerName string = 'app-package'

@description('Further private blob containers to create (the app also creates its own at start-up).')
param containerNames string[] = [
  'outbox'
  'photos'
]

@description('Tables to create (the app also creates its own at start-up; tests check this list against the code).')
param tableNames string[] = []

@description('Days a deleted blob or container can still be restored.')
@minValue(1)
@maxValue(365)
param softDeleteDays int = 7

@description('Origins allowed to upload photos straight to Blob Storage (the static web app), for the CORS rule.')
param corsOrigins string[] = []

@description('Tags put on every resource.')
param tags object

resource storage 'Microsoft.Storage/storageAccounts@2026-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    // The function app is not VNet-integrated, so the account stays reachable over the internet;
    // every request still needs an Entra ID token and an RBAC role.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-04-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    // Wardens' devices PUT photos with a write-only SAS for one blob and read them with a read SAS.
    cors: {
      corsRules: empty(corsOrigins) ? [] : [
        {
          allowedOrigins: corsOrigins
          allowedMethods: [
            'GET'
            'HEAD'
            'PUT'
            'OPTIONS'
          ]
          allowedHeaders: [
            'content-type'
            'x-ms-blob-type'
            'x-ms-version'
            'x-ms-client-request-id'
          ]
          exposedHeaders: [
            'etag'
            'x-ms-request-id'
          ]
          maxAgeInSeconds: 3600
        }
      ]
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-04-01' = [
  for containerName in union([deploymentContainerName], containerNames): {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-04-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-04-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

// Photo uploads are checked and copied to the blob that is served when confirmed (see PhotoStorage); an
// upload nobody confirmed (an abandoned retry) is removed after a day.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2026-04-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'unconfirmed-photo-uploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'photos/incoming/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: 1
                }
              }
            }
          }
        }
      ]
    }
  }
}

output name string = storage.name
output id string = storage.id
output deploymentContainerName string = deploymentContainerName
