// Data-plane role assignments for the function app's system-assigned identity (and, optionally,
// for the person or pipeline that sets the Key Vault secrets).

@description('Name of the function app whose system-assigned identity gets the roles (keeps assignment names stable).')
param functionAppName string

@description('Object (principal) id of the function app\'s system-assigned managed identity.')
param appPrincipalId string

param storageAccountName string
param keyVaultName string

@description('Optional: object id of a user, group or service principal that may set secrets (Key Vault Secrets Officer). Empty = none.')
param vaultOfficerPrincipalId string = ''

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param vaultOfficerPrincipalType string = 'User'

// Built-in role definition ids: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
var roleIds = {
  // Functions host: keys, leases, timer schedule monitors (azure-webjobs-* containers); Flex: deployment container.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Queue trigger (peek, dequeue, delete, poison move) and the app's own enqueue.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // The app's tables (Leads, IntakeKeys, Contacts, SalesReps, Teams, Mail).
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Read secret values for @Microsoft.KeyVault(...) app-setting references.
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  // Set and rotate secrets (az keyvault secret set).
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

var storageRoles = [
  roleIds.storageBlobDataOwner
  roleIds.storageQueueDataContributor
  roleIds.storageTableDataContributor
]

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: keyVaultName
}

// Assignment names derive from the app's resource id, not its principal id: known before deployment
// (what-if can predict them) and stable for the life of the app.
var appId = resourceId('Microsoft.Web/sites', functionAppName)

resource appStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(storage.id, appId, roleId)
    scope: storage
    properties: {
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appId, roleIds.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsUser)
  }
}

resource vaultOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(vaultOfficerPrincipalId)) {
  name: guid(vault.id, vaultOfficerPrincipalId, roleIds.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: vaultOfficerPrincipalId
    principalType: vaultOfficerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsOfficer)
  }
}
