// The pool's storage account: Azure Tables for Orleans membership, grain state and reminders and for the pool's
// own tables; blob containers for models, checkpoints, the devnet chain, the published agent and the miner slots.
// Only Microsoft Entra ID reaches the data: no shared key, no anonymous blob access, TLS 1.2.

import { builtInRoles, principalKind } from 'roles.bicep'

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param accountName string

@description('Azure region.')
param location string

@description('Replication of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param skuName string

@description('Name of the silos\' user-assigned identity (Table and Blob Data Contributor on the account).')
param siloIdentityName string

@description('Name of the miners\' user-assigned identity (reads the agent container, leases miner slots).')
param minerIdentityName string

@description('Object id of the operator (user, group or service principal) to grant Blob Data Contributor on the account, for publishing the agent and the miner slots; empty: none.')
param operatorPrincipalId string

@description('Kind of the operator principal.')
param operatorPrincipalType principalKind

@description('Blob container the miners\' VMs install the agent tarball from.')
param agentContainerName string

@description('Blob container holding one empty blob per registered miner id; a VM leases one to become that miner.')
param minerSlotContainerName string

@description('Tables of the pool: Orleans\' defaults for membership (UseAzureStorageClustering), grain state (AddAzureTableGrainStorage "pool") and reminders (UseAzureTableReminderService), and src/Grains/Storage: EpisodeTable, MinerDirectory, RewardLedger.')
var tableNames = [
  'OrleansSiloInstances'
  'OrleansGrainState'
  'OrleansReminders'
  'episodes'
  'miners'
  'ledger'
]

@description('Blob containers: src/Grains/Storage/BlobNames (models, checkpoints, the devnet chain), the agent and the miner slots.')
var containerNames = [
  'models'
  'checkpoints'
  'chain'
  agentContainerName
  minerSlotContainerName
]

resource siloIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: siloIdentityName
}

resource minerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: minerIdentityName
}

resource account 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: accountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = [
  for name in containerNames: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

resource agentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' existing = {
  parent: blobService
  name: agentContainerName
}

resource minerSlotContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' existing = {
  parent: blobService
  name: minerSlotContainerName
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-06-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-06-01' = [
  for name in tableNames: {
    parent: tableService
    name: name
  }
]

// The silos: grain state, membership, reminders and the pool's tables; models and checkpoints, and user
// delegation keys for the blob links they hand to miners (Blob Data Contributor includes generateUserDelegationKey).
resource siloTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, siloIdentity.id, builtInRoles.storageTableDataContributor)
  scope: account
  properties: {
    principalId: siloIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.storageTableDataContributor)
  }
}

resource siloBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, siloIdentity.id, builtInRoles.storageBlobDataContributor)
  scope: account
  properties: {
    principalId: siloIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.storageBlobDataContributor)
  }
}

// The miners hold no account-wide role: they upload through the pool's short-lived links. They read the agent
// tarball and lease their miner slot, each on its own container only.
resource minerAgentReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(agentContainer.id, minerIdentity.id, builtInRoles.storageBlobDataReader)
  scope: agentContainer
  properties: {
    principalId: minerIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.storageBlobDataReader)
  }
  dependsOn: [
    containers
  ]
}

resource minerSlotLeaser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(minerSlotContainer.id, minerIdentity.id, builtInRoles.storageBlobDataContributor)
  scope: minerSlotContainer
  properties: {
    principalId: minerIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.storageBlobDataContributor)
  }
  dependsOn: [
    containers
  ]
}

resource operatorBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(account.id, operatorPrincipalId, builtInRoles.storageBlobDataContributor)
  scope: account
  properties: {
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.storageBlobDataContributor)
  }
}

@description('Resource id of the storage account.')
output id string = account.id

@description('The account\'s table service endpoint (PONAS__STORAGE__TABLESERVICEURI).')
output tableEndpoint string = account.properties.primaryEndpoints.table

@description('The account\'s blob service endpoint (PONAS__STORAGE__BLOBSERVICEURI).')
output blobEndpoint string = account.properties.primaryEndpoints.blob
