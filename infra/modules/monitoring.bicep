// Log Analytics workspace + workspace-based Application Insights.
// The function app (and the container alternative) get the connection string as
// APPLICATIONINSIGHTS_CONNECTION_STRING; the instrumentation-key-only setting is legacy.

@description('Region of the resources.')
param location string

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Days to keep logs in the workspace (30 is the minimum for the PerGB2018 tier).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

param tags object = {}

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

output workspaceId string = workspace.id
output appInsightsName string = appInsights.name
// Not a secret: it identifies the component and the ingestion endpoint (it is also shown in the portal
// and sent by every browser SDK). Passing it by name keeps the callers free of listKeys-style calls.
output appInsightsConnectionString string = appInsights.properties.ConnectionString
