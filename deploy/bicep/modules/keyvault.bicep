// The Key Vault holding one secret per registered miner, named miner-<miner id>, whose value is the credential the
// pool issued (`ponas register`). A miner VM reads only the secret of the slot it leased (docs/deploy.md).

import { builtInRoles, principalKind } from 'roles.bicep'

@description('Name of the vault (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Name of the miners\' user-assigned identity (Key Vault Secrets User).')
param minerIdentityName string

@description('Object id of the operator to grant Key Vault Secrets Officer, for storing the miners\' credentials; empty: none.')
param operatorPrincipalId string

@description('Kind of the operator principal.')
param operatorPrincipalType principalKind

resource minerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: minerIdentityName
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource minerSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, minerIdentity.id, builtInRoles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: minerIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.keyVaultSecretsUser)
  }
}

resource operatorSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, builtInRoles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.keyVaultSecretsOfficer)
  }
}

@description('The vault\'s URI, e.g. https://NAME.vault.azure.net/.')
output uri string = vault.properties.vaultUri
