// Example parameters: copy to main.bicepparam (git-ignored), fill in, then
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.bicepparam
// No secret goes here: secrets live in Key Vault (docs/deploy.md, "Secrets").
using 'main.bicep'

param baseName = 'leadintake'
param hostingPlan = 'FlexConsumption'
param flexMaximumInstanceCount = 40

// First deployment: leave empty, set the secrets, then list them here and deploy again.
param secretNames = [
  'smtp-password'
  'links-signing-key'
  'privacy-suppression-key'
  'twilio-auth-token'
  'mailgun-signing-key'
  'meta-app-secret'
  'meta-verify-token'
  'turnstile-secret'
]

// az ad signed-in-user show --query id -o tsv
param vaultOfficerPrincipalId = '00000000-0000-0000-0000-000000000000'

param smtpHost = 'smtp.azurecomm.net'
param smtpPort = 587
param smtpUsername = 'leadintake-smtp'
param mailFrom = 'leads@example.com'
param defaultRepEmail = 'sales@example.com'
param serviceMailbox = 'support@example.com'
param hrMailbox = 'jobs@example.com'
param marketingMailbox = 'marketing@example.com'
param formsAllowedOrigins = [
  'https://www.example.com'
]
param formsThankYouUrl = 'https://www.example.com/thank-you'
