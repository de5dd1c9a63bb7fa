// Parameters of a pool deployment (docs/deploy.md). Secrets and per-operator values come from environment variables
// when the file is compiled (az deployment group create … --parameters deploy/bicep/main.bicepparam):
//   PONAS_OPERATOR_KEY    the pool API's operator key (at least 16 characters; e.g. `openssl rand -hex 24`)
//   PONAS_SSH_PUBLIC_KEY  the miner VMs' administrator key (e.g. "$(cat ~/.ssh/id_ed25519.pub)")
//   PONAS_SILO_IMAGE      the silo image pushed to the registry, e.g. ponasacr.azurecr.io/ponas-silo:1.0.0
//   PONAS_REGISTRY        the registry's name in this resource group ('' for a public image)
//   PONAS_OPERATOR_ID     your object id (az ad signed-in-user show --query id -o tsv), to be granted the data roles
using './main.bicep'

param namePrefix = 'ponas'
param siloImage = readEnvironmentVariable('PONAS_SILO_IMAGE', 'ponasacr.azurecr.io/ponas-silo:1.0.0')
param registryName = readEnvironmentVariable('PONAS_REGISTRY', 'ponasacr')
param operatorKey = readEnvironmentVariable('PONAS_OPERATOR_KEY')
param operatorPrincipalId = readEnvironmentVariable('PONAS_OPERATOR_ID', '')
param operatorPrincipalType = 'User'

param clusterId = 'ponas'
param serviceId = 'ponas'
param siloMinReplicas = 1
param siloMaxReplicas = 1
param enableSupervisor = true
param siloEnvironment = []

param storageSku = 'Standard_ZRS'
param logRetentionInDays = 30

param minerVmSize = 'Standard_NC4as_T4_v3'
param minerCapacity = 2
param spotEvictionPolicy = 'Delete'
param spotMaxPrice = '-1'
param spotRestore = true
param minerAdminUsername = 'ponas'
param minerSshPublicKey = readEnvironmentVariable('PONAS_SSH_PUBLIC_KEY')
param agentBlobName = 'ponas-linux-x64.tar.gz'
param mineArguments = '--threads 4'
