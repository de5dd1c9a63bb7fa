// The miners: a VM scale set of spot GPU VMs (Ubuntu 24.04, SSH keys only, the miners' user-assigned identity)
// whose cloud-init (../cloud-init/miner.yaml) installs the NVIDIA driver and the agent and runs `ponas mine` as a
// systemd service (docs/deploy.md: how each VM becomes one registered miner).

@description('Name of the scale set.')
param name string

@description('Azure region.')
param location string

@description('VM size with a GPU, e.g. Standard_NC4as_T4_v3.')
param vmSize string

@description('Number of VMs.')
@minValue(0)
@maxValue(1000)
param capacity int

@description('What Azure does with an evicted spot VM: Delete (its disk goes too) or Deallocate (kept, billed for storage).')
@allowed([
  'Delete'
  'Deallocate'
])
param evictionPolicy string

@description('Highest price per hour in US dollars, as a decimal string; -1: up to the on-demand price (evicted only for capacity).')
param maxPrice string

@description('Whether Azure tries to restore evicted spot VMs when capacity returns.')
param restoreEvicted bool

@description('Administrator user name (SSH only).')
param adminUsername string

@description('SSH public key of the administrator.')
param sshPublicKey string

@description('Name of the miners\' user-assigned identity.')
param identityName string

@description('Resource id of the miners\' subnet.')
param subnetId string

@description('The pool\'s Orleans gateway as HOST:PORT (ponas mine --pool).')
param poolGateway string

@description('Orleans cluster id.')
param clusterId string

@description('Orleans service id.')
param serviceId string

@description('The storage account\'s blob endpoint.')
param blobEndpoint string

@description('Blob container of the agent tarball.')
param agentContainerName string

@description('Name of the agent tarball in its container.')
param agentBlobName string

@description('Blob container of the miner slots.')
param minerSlotContainerName string

@description('The Key Vault\'s URI (secrets miner-<id>).')
param vaultUri string

@description('Further options of `ponas mine`, e.g. --threads 4 --dataset synth.')
param mineArguments string

@description('Name of the Application Insights resource (the agent\'s metrics).')
param appInsightsName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

@description('Token audience of Key Vault in this cloud (https://vault.azure.net in Azure\'s public cloud).')
var vaultAudience = 'https://${substring(environment().suffixes.keyvaultDns, 1)}'

@description('cloud-init with this deployment\'s settings.')
var cloudInit = reduce(
  [
    { name: '__POOL_GATEWAY__', value: poolGateway }
    { name: '__CLUSTER_ID__', value: clusterId }
    { name: '__SERVICE_ID__', value: serviceId }
    { name: '__IDENTITY_CLIENT_ID__', value: identity.properties.clientId }
    { name: '__BLOB_ENDPOINT__', value: blobEndpoint }
    { name: '__AGENT_CONTAINER__', value: agentContainerName }
    { name: '__AGENT_BLOB__', value: agentBlobName }
    { name: '__SLOT_CONTAINER__', value: minerSlotContainerName }
    { name: '__VAULT_URI__', value: vaultUri }
    { name: '__VAULT_AUDIENCE__', value: vaultAudience }
    { name: '__MINE_ARGS__', value: mineArguments }
    { name: '__APPINSIGHTS_CONNECTION_STRING__', value: appInsights.properties.ConnectionString }
  ],
  loadTextContent('../cloud-init/miner.yaml'),
  (text, setting) => replace(string(text), setting.name, setting.value)
)

resource scaleSet 'Microsoft.Compute/virtualMachineScaleSets@2026-04-01' = {
  name: name
  location: location
  sku: {
    name: vmSize
    tier: 'Standard'
    capacity: capacity
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    orchestrationMode: 'Uniform'
    overprovision: false
    singlePlacementGroup: false
    upgradePolicy: {
      mode: 'Manual'
    }
    spotRestorePolicy: {
      enabled: restoreEvicted
      restoreTimeout: 'PT1H'
    }
    virtualMachineProfile: {
      priority: 'Spot'
      evictionPolicy: evictionPolicy
      billingProfile: {
        maxPrice: json(maxPrice)
      }
      osProfile: {
        computerNamePrefix: 'miner'
        adminUsername: adminUsername
        customData: base64(cloudInit)
        linuxConfiguration: {
          disablePasswordAuthentication: true
          provisionVMAgent: true
          ssh: {
            publicKeys: [
              {
                path: '/home/${adminUsername}/.ssh/authorized_keys'
                keyData: sshPublicKey
              }
            ]
          }
        }
      }
      storageProfile: {
        imageReference: {
          publisher: 'Canonical'
          offer: 'ubuntu-24_04-lts'
          sku: 'server'
          version: 'latest'
        }
        osDisk: {
          createOption: 'FromImage'
          caching: 'ReadWrite'
          diskSizeGB: 128
          managedDisk: {
            storageAccountType: 'StandardSSD_LRS'
          }
        }
      }
      networkProfile: {
        networkInterfaceConfigurations: [
          {
            name: 'nic'
            properties: {
              primary: true
              ipConfigurations: [
                {
                  name: 'ipconfig'
                  properties: {
                    subnet: {
                      id: subnetId
                    }
                  }
                }
              ]
            }
          }
        ]
      }
      scheduledEventsProfile: {
        terminateNotificationProfile: {
          enable: true
          notBeforeTimeout: 'PT5M'
        }
      }
      diagnosticsProfile: {
        bootDiagnostics: {
          enabled: true
        }
      }
    }
  }
}

@description('Resource id of the scale set.')
output id string = scaleSet.id
