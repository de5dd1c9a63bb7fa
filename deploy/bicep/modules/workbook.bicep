// An Azure Monitor workbook over Application Insights' customMetrics: pool health, miners, rewards, refusals
// (../workbooks/pool.workbook.json, the workbook's gallery template; its metric names are the pool's).

@description('Name of the Application Insights resource the workbook queries.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Title of the workbook in the portal.')
param displayName string

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

@description('The workbook\'s items (parameters, groups, queries) as exported from the portal\'s advanced editor.')
var content = loadJsonContent('../workbooks/pool.workbook.json')

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, appInsightsName, 'ponas-pool-workbook')
  location: location
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    version: 'Notebook/1.0'
    sourceId: appInsights.id
    serializedData: string(union(content, { fallbackResourceIds: [appInsights.id] }))
  }
}

@description('Resource id of the workbook.')
output id string = workbook.id
