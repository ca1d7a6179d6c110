// Key Vault in RBAC mode for the app's secrets. Secret values are never in the templates:
// they are set with `az keyvault secret set` (docs/deploy.md) and read by the function app
// through @Microsoft.KeyVault(SecretUri=...) app-setting references.

@description('Region of the resources.')
param location string

@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('''Purge protection: once on it can never be turned off, and a deleted vault (and its name) stays
reserved for the soft-delete retention period. Recommended for production; turn off for throw-away environments.''')
param enablePurgeProtection bool = true

@description('Days a deleted vault or secret can be recovered (7-90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

param tags object = {}

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access is granted by Azure role assignments (Key Vault Secrets User/Officer), not access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // ARM rejects `false` here: the property may only be omitted or true.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
