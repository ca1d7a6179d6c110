// The hosting plan and the Linux function app that runs LeadIntake as a .NET isolated worker
// (FUNCTIONS_WORKER_RUNTIME / runtime name `dotnet-isolated`, .NET 10; the package is the `dotnet publish`
// output with the worker SDK's functions.metadata, see infra/package.sh).
//
// Plans (see docs/deploy.md, "Choosing a plan"):
// - FlexConsumption (FC1): default. Scale to zero, per-second billing, identity-based deployment
//   storage. dotnet-isolated is Flex's first-class .NET runtime. Runtime is set in functionAppConfig.runtime,
//   not in app settings; FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION must NOT be set.
// - ElasticPremium (EP1..EP3): pre-warmed instances, no cold start, deployment slots. Keeps its
//   code on an Azure Files content share that only accepts an account-key connection string.
// - Dedicated (App Service plan, e.g. P0v3): fixed instances, Always On, slots, no Azure Files.

@description('Region of the resources.')
param location string

@description('Function app name (globally unique host name <name>.azurewebsites.net).')
param name string

@description('App Service plan name.')
param planName string

@allowed([
  'FlexConsumption'
  'ElasticPremium'
  'Dedicated'
])
param hostingPlan string

@description('ElasticPremium: EP1, EP2 or EP3. Dedicated: a Linux App Service SKU such as B1, S1, P0v3, P1v3.')
param planSkuName string

@description('Storage account used by the Functions host (AzureWebJobsStorage) and the app.')
param storageAccountName string

@description('Flex Consumption: blob container holding the deployment package.')
param deploymentContainerName string

@description('Elastic Premium: Azure Files share holding the app content.')
param contentShareName string

@description('''Flex Consumption: .NET version for runtime name `dotnet-isolated` (10.0). Confirm a region offers it with
`az functionapp list-flexconsumption-runtimes --location <region> --runtime dotnet-isolated` — ARM accepts a value the
regional catalog doesn't know and the app then fails only at start.''')
param flexRuntimeVersion string

@description('Flex Consumption: upper bound of instances (cost ceiling).')
@minValue(1)
@maxValue(1000)
param flexMaximumInstanceCount int

@description('Flex Consumption: instance memory size in MB.')
@allowed([
  512
  2048
  4096
])
param flexInstanceMemoryMB int

@description('Elastic Premium: maximum number of instances the plan may scale out to.')
@minValue(1)
@maxValue(100)
param premiumMaximumElasticWorkerCount int = 20

@description('Origins allowed to call the form endpoint from a browser (platform CORS).')
param corsAllowedOrigins string[]

@description('Settings needed when the site is created (host storage, runtime, monitoring). The full set is applied by appsettings.bicep.')
param hostSettings object

param tags object = {}

var isFlex = hostingPlan == 'FlexConsumption'
var isPremium = hostingPlan == 'ElasticPremium'

var planSku = isFlex
  ? {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
  : isPremium
      ? {
          name: planSkuName
          tier: 'ElasticPremium'
        }
      : {
          name: planSkuName
        }

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

// Elastic Premium only: Azure Files has no identity-based access for the content share, so this one
// setting carries an account key (and the storage account must allow shared-key access).
var contentShareSettings = isPremium
  ? [
      {
        name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING'
        value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
      }
      {
        name: 'WEBSITE_CONTENTSHARE'
        value: contentShareName
      }
    ]
  : []

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : isPremium ? 'elastic' : 'linux'
  sku: planSku
  properties: {
    // Linux.
    reserved: true
    maximumElasticWorkerCount: isPremium ? premiumMaximumElasticWorkerCount : null
  }
}

var flexConfig = {
  deployment: {
    storage: {
      // The package goes to this container; the platform reads it with the app's identity
      // (Storage Blob Data Owner on the account, roles.bicep), so no key or SAS is involved.
      type: 'blobContainer'
      value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
      authentication: {
        type: 'SystemAssignedIdentity'
      }
    }
  }
  scaleAndConcurrency: {
    maximumInstanceCount: flexMaximumInstanceCount
    instanceMemoryMB: flexInstanceMemoryMB
  }
  runtime: {
    name: 'dotnet-isolated'
    version: flexRuntimeVersion
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    functionAppConfig: isFlex ? flexConfig : null
    siteConfig: {
      // Elastic Premium and Dedicated on Linux: the .NET 10 isolated stack (Flex takes it from functionAppConfig.runtime).
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|10.0'
      // Flex manages instances itself and documents these site properties as not applicable: leave them unset there.
      alwaysOn: isFlex ? null : hostingPlan == 'Dedicated'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      use32BitWorkerProcess: isFlex ? null : false
      // App Service CORS takes precedence over the app's own CORS handling when set; keep the two lists equal.
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
      appSettings: concat(map(items(hostSettings), s => { name: s.key, value: s.value }), contentShareSettings)
    }
  }
}

// No FTP, no basic-auth publishing: deployments authenticate with Microsoft Entra ID (az CLI login).
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output id string = site.id
output principalId string = site.identity.principalId
output defaultHostName string = site.properties.defaultHostName
