// Built-in Azure role definition ids (the same in every tenant), shared by the modules that assign them.

@export()
@description('Built-in role definition ids used by this deployment.')
var builtInRoles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
}

@export()
@description('Kinds of principal an operator role assignment can name.')
type principalKind = 'User' | 'Group' | 'ServicePrincipal'
