// The PoNAS pool on Azure (docs/deploy.md): the silo cluster on Azure Container Apps, its storage account reached only
// with a managed identity, spot GPU VMs for the miners, Key Vault for the miners' credentials, Log Analytics,
// Application Insights and a workbook. Deploy to a resource group:
//   az deployment group create -g RG --template-file deploy/bicep/main.bicep --parameters deploy/bicep/main.bicepparam

import { principalKind } from 'modules/roles.bicep'

@description('A setting of the silo as an environment variable.')
type environmentVariable = {
  @description('Name, e.g. PONAS__DEVNET__ENABLED.')
  name: string
  @description('Value.')
  value: string
}

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Prefix of the resource names (lowercase letters and digits; a hash of the resource group makes global names unique).')
@minLength(3)
@maxLength(11)
param namePrefix string = 'ponas'

@description('The silo image, e.g. myregistry.azurecr.io/ponas-silo:1.0.0 (docs/deploy.md: building it).')
param siloImage string

@description('Name of an Azure Container Registry in this resource group holding the image (the silos pull it with their identity); empty for a public image.')
param registryName string = ''

@description('Executable the silo container runs once its advertised address is set (the .NET SDK container build puts the app host at /app/<assembly name>).')
param siloEntrypoint string = '/app/PoNasOrleans.Silo'

@description('The operator key of the pool API (Pool:OperatorKey, at least 16 characters), kept as a Container Apps secret.')
@secure()
@minLength(16)
param operatorKey string

@description('Orleans cluster id of the silos (the agents pass the same with --cluster-id).')
param clusterId string = 'ponas'

@description('Orleans service id: grain state is keyed by it, so keep it across deployments.')
param serviceId string = 'ponas'

@description('Fewest silo replicas.')
@minValue(1)
@maxValue(30)
param siloMinReplicas int = 1

@description('Most silo replicas (CPU above 70 % adds replicas up to this; docs/deploy.md: scaling out and its limits).')
@minValue(1)
@maxValue(30)
param siloMaxReplicas int = 1

@description('CPU cores of one silo replica (Consumption profile: 0.25 to 4).')
param siloCpu string = '1.0'

@description('Memory of one silo replica (Consumption profile: 2 GiB per core).')
param siloMemory string = '2Gi'

@description('Whether the silos run the supervisor (Supervisor:Enabled).')
param enableSupervisor bool = true

@description('Further silo settings as environment variables (docs/silo.md), e.g. the devnet or consensus sections.')
param siloEnvironment environmentVariable[] = []

@description('Orleans gateway port of the silos, exposed over TCP to the miners.')
param gatewayPort int = 30000

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param storageSku string = 'Standard_LRS'

@description('Days Log Analytics and Application Insights keep data.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Object id of the operator (user, group or service principal) granted Blob Data Contributor on the storage account and Key Vault Secrets Officer on the vault, to publish the agent and register miners; empty: grant these yourself.')
param operatorPrincipalId string = ''

@description('Kind of the operator principal.')
param operatorPrincipalType principalKind = 'User'

@description('GPU VM size of the miners.')
param minerVmSize string = 'Standard_NC4as_T4_v3'

@description('Number of miner VMs (each needs a registered miner slot, docs/deploy.md).')
@minValue(0)
@maxValue(1000)
param minerCapacity int = 2

@description('What Azure does with an evicted spot VM.')
@allowed([
  'Delete'
  'Deallocate'
])
param spotEvictionPolicy string = 'Delete'

@description('Highest spot price per VM and hour in US dollars, as a decimal string; -1: never evicted for price, only for capacity.')
param spotMaxPrice string = '-1'

@description('Whether Azure tries to restore evicted spot VMs when capacity returns.')
param spotRestore bool = true

@description('Administrator of the miner VMs (SSH keys only).')
param minerAdminUsername string = 'ponas'

@description('SSH public key of the miner VMs\' administrator.')
param minerSshPublicKey string

@description('Name of the agent tarball in the agent container (docs/deploy.md: publishing it).')
param agentBlobName string = 'ponas-linux-x64.tar.gz'

@description('Further options of `ponas mine` on every miner VM, e.g. --threads 4 --dataset synth.')
param mineArguments string = ''

@description('Address space of the virtual network.')
param addressPrefix string = '10.60.0.0/16'

@description('Subnet of the Container Apps environment.')
param siloSubnetPrefix string = '10.60.0.0/23'

@description('Subnet of the miners.')
param minerSubnetPrefix string = '10.60.4.0/22'

@description('Silo-to-silo port (inside the environment only).')
var siloPort = 11111

@description('HTTP port of the silo\'s API, dashboard and health endpoint.')
var httpPort = 8080

@description('Blob container of the agent tarball.')
var agentContainerName = 'agent'

@description('Blob container of the miner slots (one empty blob per registered miner id).')
var minerSlotContainerName = 'miner-slots'

@description('Hash of the resource group that makes the globally unique names unique.')
var suffix = uniqueString(resourceGroup().id)

@description('Names of the resources.')
var names = {
  siloIdentity: '${namePrefix}-silo-id'
  minerIdentity: '${namePrefix}-miner-id'
  storage: take('${namePrefix}${suffix}', 24)
  vault: take('${namePrefix}kv${suffix}', 24)
  workspace: '${namePrefix}-logs'
  appInsights: '${namePrefix}-insights'
  environment: '${namePrefix}-env'
  app: '${namePrefix}-silo'
  scaleSet: '${namePrefix}-miners'
}

module siloIdentity 'modules/identity.bicep' = {
  params: {
    name: names.siloIdentity
    location: location
  }
}

module minerIdentity 'modules/identity.bicep' = {
  params: {
    name: names.minerIdentity
    location: location
  }
}

module monitoring 'modules/monitoring.bicep' = {
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    retentionInDays: logRetentionInDays
  }
}

module network 'modules/network.bicep' = {
  params: {
    namePrefix: namePrefix
    location: location
    addressPrefix: addressPrefix
    siloSubnetPrefix: siloSubnetPrefix
    minerSubnetPrefix: minerSubnetPrefix
  }
}

module storage 'modules/storage.bicep' = {
  params: {
    accountName: names.storage
    location: location
    skuName: storageSku
    siloIdentityName: names.siloIdentity
    minerIdentityName: names.minerIdentity
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
    agentContainerName: agentContainerName
    minerSlotContainerName: minerSlotContainerName
  }
  dependsOn: [
    siloIdentity
    minerIdentity
  ]
}

module vault 'modules/keyvault.bicep' = {
  params: {
    name: names.vault
    location: location
    minerIdentityName: names.minerIdentity
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
  dependsOn: [
    minerIdentity
  ]
}

module silo 'modules/silo.bicep' = {
  params: {
    environmentName: names.environment
    appName: names.app
    location: location
    subnetId: network.outputs.siloSubnetId
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    identityName: names.siloIdentity
    image: siloImage
    registryName: registryName
    entrypoint: siloEntrypoint
    tableEndpoint: storage.outputs.tableEndpoint
    blobEndpoint: storage.outputs.blobEndpoint
    clusterId: clusterId
    serviceId: serviceId
    siloPort: siloPort
    gatewayPort: gatewayPort
    httpPort: httpPort
    operatorKey: operatorKey
    enableSupervisor: enableSupervisor
    extraEnvironment: siloEnvironment
    minReplicas: siloMinReplicas
    maxReplicas: max(siloMinReplicas, siloMaxReplicas)
    cpu: siloCpu
    memory: siloMemory
  }
  dependsOn: [
    siloIdentity
    monitoring
  ]
}

module miners 'modules/miners.bicep' = {
  params: {
    name: names.scaleSet
    location: location
    vmSize: minerVmSize
    capacity: minerCapacity
    evictionPolicy: spotEvictionPolicy
    maxPrice: spotMaxPrice
    restoreEvicted: spotRestore
    adminUsername: minerAdminUsername
    sshPublicKey: minerSshPublicKey
    identityName: names.minerIdentity
    subnetId: network.outputs.minerSubnetId
    poolGateway: '${silo.outputs.fqdn}:${gatewayPort}'
    clusterId: clusterId
    serviceId: serviceId
    blobEndpoint: storage.outputs.blobEndpoint
    agentContainerName: agentContainerName
    agentBlobName: agentBlobName
    minerSlotContainerName: minerSlotContainerName
    vaultUri: vault.outputs.uri
    mineArguments: mineArguments
    appInsightsName: names.appInsights
  }
  dependsOn: [
    minerIdentity
    monitoring
  ]
}

module workbook 'modules/workbook.bicep' = {
  params: {
    appInsightsName: names.appInsights
    location: location
    displayName: 'PoNAS pool (${namePrefix})'
  }
  dependsOn: [
    monitoring
  ]
}

@description('The Orleans gateway the agents connect to: ponas mine --pool <this>.')
output gatewayEndpoint string = '${silo.outputs.fqdn}:${gatewayPort}'

@description('The pool\'s HTTPS API and dashboard (ponas register --api <this>, ponas ledger --api <this>).')
output apiUrl string = 'https://${silo.outputs.fqdn}'

@description('Public inbound IP address of the Container Apps environment (the gateway\'s address).')
output environmentIp string = silo.outputs.staticIp

@description('Client id of the silos\' identity (AZURE_CLIENT_ID of the container app).')
output siloIdentityClientId string = siloIdentity.outputs.clientId

@description('Client id of the miners\' identity.')
output minerIdentityClientId string = minerIdentity.outputs.clientId

@description('Name of the storage account.')
output storageAccountName string = names.storage

@description('Name of the Key Vault holding the miners\' credentials.')
output keyVaultName string = names.vault

@description('Name of the Application Insights resource (its connection string: az monitor app-insights component show).')
output appInsightsName string = names.appInsights

@description('Resource id of the Application Insights resource.')
output appInsightsId string = monitoring.outputs.appInsightsId

@description('Resource id of the workbook.')
output workbookId string = workbook.outputs.id

@description('Name of the miners\' VM scale set.')
output scaleSetName string = names.scaleSet

@description('Name of the silos\' container app.')
output containerAppName string = names.app
