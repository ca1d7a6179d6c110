// The storage account shared by the Functions host (AzureWebJobsStorage: leases, keys, timers)
// and by the app (queues and tables of the lead pipeline).

@description('Region of the resources.')
param location string

@description('Storage account name: 3-24 lower-case letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Redundancy. Standard_ZRS where the region offers it is a good production choice.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string = 'Standard_LRS'

@description('''Allow account-key (shared key) and SAS access. Leave false: every client here uses Microsoft Entra ID
(the Functions host through AzureWebJobsStorage__accountName + its managed identity, Flex deployment storage through
the identity, the app through Azure.Identity). Only the Elastic Premium plan needs true, because its Azure Files
content share (WEBSITE_CONTENTAZUREFILECONNECTIONSTRING) accepts nothing but a key-based connection string.''')
param allowSharedKeyAccess bool = false

@description('Blob containers to create (for example the Flex Consumption deployment container).')
param blobContainerNames string[] = []

@description('File shares to create (the Elastic Premium content share).')
param fileShareNames string[] = []

param tags object = {}

// The pipeline's queues. The Functions queue trigger moves a message that failed maxDequeueCount
// times to "<queue>-poison"; the app's standalone runtime does the same. Declared here so that
// permissions and monitoring exist before the first message, although the app creates them too.
var queueNames = [
  'leads-captured'
  'leads-captured-poison'
  'leads-dispatch'
  'leads-dispatch-poison'
]

// The app creates these tables at start as well (create-if-not-exists); declaring them keeps the
// deployment self-describing and lets what-if show them.
var tableNames = [
  'Leads'
  'IntakeKeys'
  'Contacts'
  'SalesReps'
  'Teams'
  'Mail'
]

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
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
    allowSharedKeyAccess: allowSharedKeyAccess
    // The portal and tools default to Entra ID instead of listing keys.
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      services: {
        blob: {
          enabled: true
        }
        file: {
          enabled: true
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = [
  for containerName in blobContainerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2025-01-01' = if (!empty(fileShareNames)) {
  parent: account
  name: 'default'
}

resource shares 'Microsoft.Storage/storageAccounts/fileServices/shares@2025-01-01' = [
  for shareName in fileShareNames: {
    parent: fileService
    name: shareName
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueNames string[] = queueNames
output tableNames string[] = tableNames
