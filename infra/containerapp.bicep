// Optional example: LeadIntake as a container on Azure Container Apps, in standalone mode (the app polls
// its queues and runs its timers itself). Deploy it next to main.bicep's storage account, Key Vault and
// monitoring — or instead of the function app — after pushing the image built from the repo's Dockerfile:
//
//   az deployment group create -g <rg> -f infra/containerapp.bicep \
//     -p image=<registry>.azurecr.io/leadintake:<tag> registryName=<registry> \
//        storageAccountName=<from main> keyVaultName=<from main> \
//        workspaceName=<from main> appInsightsName=<from main>
//
// docs/container-apps.md explains the scale rules and the trade-offs.

@description('Region of the resources.')
param location string = resourceGroup().location

@description('Privacy__DataResidency: EU (default) refuses a location outside the EU/EEA; None lifts the check.')
@allowed([
  'EU'
  'None'
])
param dataResidency string = 'EU'

// Azure regions located in EU/EEA countries (same list as main.bicep).
var euRegions = [
  'austriaeast'
  'belgiumcentral'
  'francecentral'
  'francesouth'
  'germanynorth'
  'germanywestcentral'
  'italynorth'
  'northeurope'
  'norwayeast'
  'norwaywest'
  'polandcentral'
  'spaincentral'
  'swedencentral'
  'swedensouth'
  'westeurope'
]

var residentLocation = dataResidency == 'None' || contains(euRegions, toLower(replace(location, ' ', '')))
  ? location
  : fail('location ${location} is outside the EU/EEA while dataResidency is EU: choose an EU region or set dataResidency to None.')

@description('Short lower-case prefix of resource names.')
@minLength(3)
@maxLength(11)
param baseName string = 'leadintake'

@description('Container image, e.g. myregistry.azurecr.io/leadintake:1.4.0.')
param image string

@description('Azure Container Registry in this resource group that holds the image; empty = a public image.')
param registryName string = ''

@description('Existing storage account (queues and tables) — main.bicep output storageAccountName.')
param storageAccountName string

@description('Existing Key Vault (RBAC mode) — main.bicep output keyVaultName.')
param keyVaultName string

@description('Existing Log Analytics workspace — the one main.bicep creates.')
param workspaceName string

@description('Existing Application Insights component — main.bicep output appInsightsName.')
param appInsightsName string

@description('''Secrets that exist in the vault. Besides the function app's secrets, standalone mode needs its own keys
for /api endpoints (Functions keys don't exist here): auth-function-key and auth-admin-key.''')
@allowed([
  'auth-function-key'
  'auth-admin-key'
  'smtp-password'
  'links-signing-key'
  'privacy-suppression-key'
  'twilio-auth-token'
  'mailgun-signing-key'
  'postmark-password'
  'aircall-token'
  'meta-app-secret'
  'meta-access-token'
  'meta-verify-token'
  'turnstile-secret'
])
param secretNames string[] = [
  'auth-function-key'
  'auth-admin-key'
]

@description('''Replicas that always run. Keep 1 or more: the timers (SLA watch, sweeper, recycle, purge) run inside the
app, so with 0 replicas they stop until a queue message or a request wakes the app.''')
@minValue(0)
@maxValue(30)
param minReplicas int = 1

@minValue(1)
@maxValue(300)
param maxReplicas int = 10

@description('Target messages per replica for the KEDA azure-queue rules (host.json batchSize is 16).')
@minValue(1)
param queueLengthPerReplica int = 16

@description('Plain (non-secret) app settings, name → value, e.g. {"Mail__Smtp__Host": "smtp.azurecomm.net"}.')
param settings object = {}

param tags object = {
  app: 'leadintake'
}

var suffix = take(uniqueString(resourceGroup().id), 8)
var queues = [
  'leads-captured'
  'leads-dispatch'
]

// Same mapping as main.bicep, plus the standalone-only API keys.
var secretSettings = [
  { setting: 'Auth__FunctionKey', secret: 'auth-function-key' }
  { setting: 'Auth__AdminKey', secret: 'auth-admin-key' }
  { setting: 'Mail__Smtp__Password', secret: 'smtp-password' }
  { setting: 'Links__SigningKey', secret: 'links-signing-key' }
  { setting: 'Privacy__SuppressionKey', secret: 'privacy-suppression-key' }
  { setting: 'Twilio__AuthToken', secret: 'twilio-auth-token' }
  { setting: 'Mailgun__SigningKey', secret: 'mailgun-signing-key' }
  { setting: 'Postmark__Password', secret: 'postmark-password' }
  { setting: 'Aircall__Token', secret: 'aircall-token' }
  { setting: 'Meta__AppSecret', secret: 'meta-app-secret' }
  { setting: 'Meta__AccessToken', secret: 'meta-access-token' }
  { setting: 'Meta__VerifyToken', secret: 'meta-verify-token' }
  { setting: 'Turnstile__Secret', secret: 'turnstile-secret' }
]
var usedSecrets = filter(secretSettings, s => contains(secretNames, s.secret))

var roleIds = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: keyVaultName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: workspaceName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' existing = if (!empty(registryName)) {
  name: registryName
}

// A user-assigned identity exists before the app, so its roles (image pull, Key Vault, storage, KEDA scaler)
// are in place when the first revision starts; a system-assigned one would only exist after.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${baseName}-id-${suffix}'
  location: residentLocation
  tags: tags
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in [
    roleIds.storageBlobDataContributor
    roleIds.storageQueueDataContributor
    roleIds.storageTableDataContributor
  ]: {
    name: guid(storage.id, identity.id, roleId)
    scope: storage
    properties: {
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roleIds.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsUser)
  }
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(registryName)) {
  name: guid(registry.id, identity.id, roleIds.acrPull)
  scope: registry
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.acrPull)
  }
}

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: '${baseName}-cae-${suffix}'
  location: residentLocation
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

// The ingress (Envoy) is the only way in and appends the caller's address to X-Forwarded-For: trust that one hop.
// Behind Front Door as well, pass Network__ForwardLimit: '2' in settings (docs/deploy.md, "Client address").
var plainEnv = union({ Network__ForwardLimit: '1' }, settings, {
  // Identity-based storage, as in Functions mode; the client id picks the user-assigned identity.
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  AZURE_CLIENT_ID: identity.properties.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
})

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: '${baseName}-ca-${suffix}'
  location: residentLocation
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      registries: empty(registryName)
        ? []
        : [
            {
              // `!`: registry is conditional on registryName, and this branch only runs when it is set (BCP318).
              server: registry!.properties.loginServer
              identity: identity.id
            }
          ]
      // Key Vault references, resolved with the user-assigned identity; the values never enter the template.
      secrets: [
        for s in usedSecrets: {
          name: s.secret
          keyVaultUrl: '${vault.properties.vaultUri}secrets/${s.secret}'
          identity: identity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'leadintake'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat(
            map(items(plainEnv), e => { name: e.key, value: e.value }),
            map(usedSecrets, s => { name: s.setting, secretRef: s.secret })
          )
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/api/health'
                port: 8080
              }
              periodSeconds: 30
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/api/health'
                port: 8080
              }
              periodSeconds: 10
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: concat(
          [
            {
              name: 'http'
              http: {
                metadata: {
                  concurrentRequests: '50'
                }
              }
            }
          ],
          // KEDA azure-queue scaler: adds replicas as the backlog grows; reads the queue length with the
          // identity (no connection-string secret).
          map(queues, q => {
            name: 'queue-${q}'
            custom: {
              type: 'azure-queue'
              identity: identity.id
              metadata: {
                accountName: storage.name
                queueName: q
                queueLength: string(queueLengthPerReplica)
              }
            }
          })
        )
      }
    }
  }
  dependsOn: [
    storageRoles
    secretsUser
    acrPull
  ]
}

output url string = 'https://${app.properties.configuration.ingress.fqdn}'
output identityClientId string = identity.properties.clientId
