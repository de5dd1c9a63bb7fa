// A user-assigned managed identity (one per role: the silos, the miners).

@description('Name of the identity.')
param name string

@description('Azure region.')
param location string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
}

@description('Resource id of the identity.')
output id string = identity.id

@description('Client id (AZURE_CLIENT_ID for DefaultAzureCredential, client_id for IMDS tokens).')
output clientId string = identity.properties.clientId

@description('Object id of the identity\'s service principal (for role assignments).')
output principalId string = identity.properties.principalId
