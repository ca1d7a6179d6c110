// LeadIntake on Azure Functions (Linux, .NET 10 isolated worker): storage (queues + tables), function app with a
// system-assigned identity, Application Insights on Log Analytics, Key Vault for secrets.
//
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.example.bicepparam
//
// Deploy into an existing resource group. docs/deploy.md walks through a first deployment.

targetScope = 'resourceGroup'

@description('Region of every resource. Flex Consumption is not offered in every region: az functionapp list-flexconsumption-locations.')
param location string = resourceGroup().location

@description('Privacy__DataResidency: EU (default) refuses a location outside the EU/EEA; None lifts the check. See docs/privacy.md, "Residency and transfers".')
@allowed([
  'EU'
  'None'
])
param dataResidency string = 'EU'

@description('Short lower-case prefix of resource names (letters and digits).')
@minLength(3)
@maxLength(11)
param baseName string = 'leadintake'

@description('Hosting plan of the function app. See docs/deploy.md, "Choosing a plan".')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
  'Dedicated'
])
param hostingPlan string = 'FlexConsumption'

@description('ElasticPremium: EP1/EP2/EP3. Dedicated: a Linux App Service SKU (B1, S1, P0v3, P1v3...). Ignored on Flex.')
param planSkuName string = hostingPlan == 'ElasticPremium' ? 'EP1' : 'P0v3'

@description('Flex Consumption .NET version for runtime `dotnet-isolated`; check az functionapp list-flexconsumption-runtimes --location <region> --runtime dotnet-isolated.')
param flexRuntimeVersion string = '10.0'

@description('Flex Consumption: maximum instance count (cost ceiling).')
@minValue(1)
@maxValue(1000)
param flexMaximumInstanceCount int = 40

@description('Flex Consumption: instance memory (MB).')
@allowed([
  512
  2048
  4096
])
param flexInstanceMemoryMB int = 2048

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Key Vault purge protection (irreversible once on). Recommended for production.')
param keyVaultPurgeProtection bool = true

@description('''Names of the Key Vault secrets that exist (set them with az keyvault secret set). Only these become
@Microsoft.KeyVault(...) references: an unresolvable reference would reach the app as its literal text.''')
@allowed([
  'smtp-password'
  'links-signing-key'
  'privacy-suppression-key'
  'links-previous-signing-keys'
  'twilio-auth-token'
  'mailgun-signing-key'
  'postmark-password'
  'aircall-token'
  'meta-app-secret'
  'meta-access-token'
  'meta-verify-token'
  'turnstile-secret'
])
param secretNames string[] = []

@description('Optional object id of who sets the secrets (Key Vault Secrets Officer): az ad signed-in-user show --query id -o tsv.')
param vaultOfficerPrincipalId string = ''

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param vaultOfficerPrincipalType string = 'User'

@description('SMTP relay host. Azure Communication Services: smtp.azurecomm.net (STARTTLS on 587).')
param smtpHost string = 'smtp.azurecomm.net'

@description('SMTP port (587 = submission with STARTTLS).')
param smtpPort int = 587

@description('SMTP user name. ACS: an SMTP Username resource, or <ACS resource name>|<Entra app id>|<tenant id>.')
param smtpUsername string = ''

@description('Sender address; with ACS it must belong to a domain connected to the ACS resource.')
param mailFrom string = ''

@description('Rep who receives leads no rule assigns.')
param defaultRepEmail string = ''

@description('Mailbox that receives after-sales requests (screening intent: service).')
param serviceMailbox string

@description('Mailbox that receives job applications (screening intent: hr).')
param hrMailbox string

@description('Mailbox that receives press, vendors, students, wrong numbers (screening intent: other).')
param marketingMailbox string

@description('Public base URL used in rep links; empty = https://<default host name of the function app>.')
param publicBaseUrl string = ''

@description('Postmark inbound webhook basic-auth user name (the password is the postmark-password secret).')
param postmarkUsername string = ''

@description('Origins allowed to post the web form from a browser, e.g. https://www.example.com.')
param formsAllowedOrigins string[] = []

@description('Where the form redirects a browser after a plain (non-JS) submission.')
param formsThankYouUrl string = ''

@description('When the daily retention run starts (NCRONTAB, six fields, UTC). The Functions host resolves the timer\'s %Privacy:Retention:Schedule% from this app setting.')
param retentionSchedule string = '0 0 4 * * *'

param tags object = {
  app: 'leadintake'
}

// uniqueString keeps names globally unique per resource group and stable across redeployments.
var suffix = take(uniqueString(resourceGroup().id), 8)
var names = {
  storage: take('${baseName}${suffix}', 24)
  functionApp: '${baseName}-func-${suffix}'
  plan: '${baseName}-plan-${suffix}'
  keyVault: take('${baseName}-kv-${suffix}', 24)
  workspace: '${baseName}-log-${suffix}'
  appInsights: '${baseName}-appi-${suffix}'
  // Flex deployment container; Premium content share.
  deploymentContainer: 'app-package'
  contentShare: take('${baseName}-func-${suffix}', 63)
}

// Azure regions located in EU/EEA countries; keep in step with DataRegions.AzureEuRegions in the app.
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

// Every resource takes this location: with residency EU, a region outside the EU/EEA stops the deployment here.
var residentLocation = dataResidency == 'None' || contains(euRegions, toLower(replace(location, ' ', '')))
  ? location
  : fail('location ${location} is outside the EU/EEA while dataResidency is EU: choose an EU region (${join(euRegions, ', ')}) or set dataResidency to None.')

var isFlex = hostingPlan == 'FlexConsumption'
var isPremium = hostingPlan == 'ElasticPremium'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: residentLocation
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: residentLocation
    name: names.storage
    skuName: storageSkuName
    allowSharedKeyAccess: isPremium
    blobContainerNames: isFlex ? [names.deploymentContainer] : []
    fileShareNames: isPremium ? [names.contentShare] : []
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: residentLocation
    name: names.keyVault
    enablePurgeProtection: keyVaultPurgeProtection
    tags: tags
  }
}

// Settings the Functions host needs from the start.
var hostSettings = union(
  {
    // Identity-based host storage: the host builds the blob/queue/table endpoints from the account name and
    // authenticates with the app's managed identity (no connection string, no key).
    AzureWebJobsStorage__accountName: storage.outputs.name
    AzureWebJobsStorage__credential: 'managedidentity'
    APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
  },
  isFlex
    ? {}
    : {
        // Flex rejects these two: its runtime lives in functionAppConfig.runtime and it is always v4.
        FUNCTIONS_EXTENSION_VERSION: '~4'
        FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
        // Run from the zip that `az functionapp deployment source config-zip` uploads (read-only wwwroot).
        WEBSITE_RUN_FROM_PACKAGE: '1'
      }
)

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: residentLocation
    name: names.functionApp
    planName: names.plan
    hostingPlan: hostingPlan
    planSkuName: planSkuName
    storageAccountName: names.storage
    deploymentContainerName: names.deploymentContainer
    contentShareName: names.contentShare
    flexRuntimeVersion: flexRuntimeVersion
    flexMaximumInstanceCount: flexMaximumInstanceCount
    flexInstanceMemoryMB: flexInstanceMemoryMB
    corsAllowedOrigins: formsAllowedOrigins
    hostSettings: hostSettings
    tags: tags
  }
  // Names are passed as known-at-start values so what-if can follow them; the order comes from hostSettings.
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    functionAppName: names.functionApp
    appPrincipalId: functionApp.outputs.principalId
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    vaultOfficerPrincipalId: vaultOfficerPrincipalId
    vaultOfficerPrincipalType: vaultOfficerPrincipalType
  }
  // Storage comes before the app (hostSettings); the vault has to be waited for explicitly.
  dependsOn: [
    keyVault
  ]
}

// App setting (the app's configuration key in environment form) → Key Vault secret name.
var secretSettings = [
  { setting: 'Mail__Smtp__Password', secret: 'smtp-password' }
  { setting: 'Links__SigningKey', secret: 'links-signing-key' }
  { setting: 'Privacy__SuppressionKey', secret: 'privacy-suppression-key' }
  { setting: 'Links__PreviousSigningKeys', secret: 'links-previous-signing-keys' }
  { setting: 'Twilio__AuthToken', secret: 'twilio-auth-token' }
  { setting: 'Mailgun__SigningKey', secret: 'mailgun-signing-key' }
  { setting: 'Postmark__Password', secret: 'postmark-password' }
  { setting: 'Aircall__Token', secret: 'aircall-token' }
  { setting: 'Meta__AppSecret', secret: 'meta-app-secret' }
  { setting: 'Meta__AccessToken', secret: 'meta-access-token' }
  { setting: 'Meta__VerifyToken', secret: 'meta-verify-token' }
  { setting: 'Turnstile__Secret', secret: 'turnstile-secret' }
]

// Versionless references: the platform picks up a new secret version within 24 hours, or at once on the next
// change of the app's configuration. Resolved with the app's identity (Key Vault Secrets User, roles.bicep).
var secretReferences = toObject(
  filter(secretSettings, s => contains(secretNames, s.secret)),
  s => s.setting,
  s => '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${s.secret})'
)

// The app's own settings. Empty values are left out so that the app's defaults and start-up validation apply.
// In Functions mode the host enforces function/admin keys, so Auth__FunctionKey/Auth__AdminKey are not set.
var plainSettings = {
  Mail__Smtp__Host: smtpHost
  Mail__Smtp__Port: string(smtpPort)
  Mail__Smtp__Username: smtpUsername
  Mail__From: mailFrom
  Dispatch__DefaultRepEmail: defaultRepEmail
  Screening__ServiceMailbox: serviceMailbox
  Screening__HrMailbox: hrMailbox
  Screening__MarketingMailbox: marketingMailbox
  Intake__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${functionApp.outputs.defaultHostName}' : publicBaseUrl
  Postmark__Username: postmarkUsername
  Forms__AllowedOrigins: join(formsAllowedOrigins, ',')
  Forms__ThankYouUrl: formsThankYouUrl
  Privacy__Retention__Schedule: retentionSchedule
  Privacy__DataResidency: dataResidency
  // The record of processing states where Azure keeps the data: the region everything is deployed to.
  Privacy__Processors__Azure__Region: residentLocation
}

var appSettings = toObject(filter(items(plainSettings), i => !empty(i.value)), i => i.key, i => i.value)

module settings 'modules/appsettings.bicep' = {
  name: 'appsettings'
  params: {
    functionAppName: names.functionApp
    storageAccountName: names.storage
    contentShareName: isPremium ? names.contentShare : ''
    settings: union(hostSettings, appSettings, secretReferences)
  }
  // Key Vault references resolve only once the identity holds Key Vault Secrets User.
  dependsOn: [
    roles
  ]
}

output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
output storageAccountName string = storage.outputs.name
output keyVaultName string = keyVault.outputs.name
output keyVaultUri string = keyVault.outputs.uri
output appInsightsName string = monitoring.outputs.appInsightsName
output hostingPlan string = hostingPlan
