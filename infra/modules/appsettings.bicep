// Applies the complete app-settings set of the function app. This resource REPLACES all settings:
// a setting added by hand (portal, az functionapp config appsettings set) disappears on the next
// deployment unless it is added to main.bicep.

param functionAppName string

@description('All settings, name → value. Key Vault references are plain strings @Microsoft.KeyVault(SecretUri=...).')
param settings object

@description('Elastic Premium: storage account and share of the Azure Files content share; empty share name = not Premium.')
param storageAccountName string
param contentShareName string

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

// Same values as at creation (functionapp.bicep): this resource replaces the whole set.
var contentShareSettings = empty(contentShareName)
  ? {}
  : {
      WEBSITE_CONTENTAZUREFILECONNECTIONSTRING: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
      WEBSITE_CONTENTSHARE: contentShareName
    }

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(settings, contentShareSettings)
}
