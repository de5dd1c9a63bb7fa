// The virtual network: a subnet delegated to the Container Apps environment (workload profiles) and a subnet for the
// miners' scale set, whose outbound traffic (apt, the agent download, Key Vault, the pool's gateway) leaves through a
// NAT gateway; nothing inbound from the internet reaches the miners.

@description('Prefix of the resource names.')
param namePrefix string

@description('Azure region.')
param location string

@description('Address space of the virtual network.')
param addressPrefix string

@description('Subnet of the Container Apps environment (at least /27; delegated to Microsoft.App/environments).')
param siloSubnetPrefix string

@description('Subnet of the miners\' VM scale set.')
param minerSubnetPrefix string

resource natIp 'Microsoft.Network/publicIPAddresses@2026-03-01' = {
  name: '${namePrefix}-nat-ip'
  location: location
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
    publicIPAddressVersion: 'IPv4'
  }
}

resource nat 'Microsoft.Network/natGateways@2026-03-01' = {
  name: '${namePrefix}-nat'
  location: location
  sku: {
    name: 'Standard'
  }
  properties: {
    idleTimeoutInMinutes: 10
    publicIpAddresses: [
      {
        id: natIp.id
      }
    ]
  }
}

resource minerNsg 'Microsoft.Network/networkSecurityGroups@2026-03-01' = {
  name: '${namePrefix}-miners-nsg'
  location: location
  properties: {
    securityRules: []
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2026-03-01' = {
  name: '${namePrefix}-vnet'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'silos'
        properties: {
          addressPrefix: siloSubnetPrefix
          delegations: [
            {
              name: 'container-apps'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'miners'
        properties: {
          addressPrefix: minerSubnetPrefix
          defaultOutboundAccess: false
          natGateway: {
            id: nat.id
          }
          networkSecurityGroup: {
            id: minerNsg.id
          }
        }
      }
    ]
  }
}

@description('Resource id of the Container Apps environment\'s subnet.')
output siloSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'silos')

@description('Resource id of the miners\' subnet.')
output minerSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'miners')
