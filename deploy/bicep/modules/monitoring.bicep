// Log Analytics workspace and a workspace-based Application Insights resource: the silos' and the agents'
// OpenTelemetry metrics land in its customMetrics table, the Container Apps console logs in the workspace.

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights resource.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Days the workspace keeps logs and metrics.')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: workspaceName
  location: location
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
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    RetentionInDays: retentionInDays
  }
}

@description('Resource id of the Application Insights resource.')
output appInsightsId string = appInsights.id

@description('Resource id of the Log Analytics workspace.')
output workspaceId string = workspace.id
