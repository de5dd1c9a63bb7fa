// The silo cluster on Azure Container Apps: a workload-profiles environment in the virtual network, its logs in Log
// Analytics, and one container app whose replicas are the Orleans silos. The app's ingress is HTTP for the API and
// dashboard (port 8080, HTTPS at the edge) plus one additional TCP port mapping for the Orleans gateway the miners'
// agents connect to (docs/deploy.md explains the choice). Each replica advertises its own IP address
// (PONAS__CLUSTER__ADVERTISEDADDRESS, read from `hostname -i` when the container starts).

import { builtInRoles } from 'roles.bicep'

@description('A setting of the silo as an environment variable.')
type environmentVariable = {
  @description('Name, e.g. PONAS__DEVNET__ENABLED.')
  name: string
  @description('Value.')
  value: string
}

@description('Name of the Container Apps environment.')
param environmentName string

@description('Name of the container app.')
param appName string

@description('Azure region.')
param location string

@description('Resource id of the environment\'s subnet.')
param subnetId string

@description('Name of the Log Analytics workspace receiving the console and system logs.')
param workspaceName string

@description('Name of the Application Insights resource (its connection string goes to APPLICATIONINSIGHTS_CONNECTION_STRING).')
param appInsightsName string

@description('Name of the silos\' user-assigned identity.')
param identityName string

@description('The silo image, e.g. myregistry.azurecr.io/ponas-silo:1.0.0.')
param image string

@description('Name of an Azure Container Registry in this resource group to pull the image from with the identity (AcrPull is granted); empty for a public image.')
param registryName string

@description('Executable the container starts after setting the advertised address (the SDK container build\'s entry point).')
param entrypoint string

@description('The account\'s table service endpoint.')
param tableEndpoint string

@description('The account\'s blob service endpoint.')
param blobEndpoint string

@description('Orleans cluster id.')
param clusterId string

@description('Orleans service id (grain state is keyed by it: keep it across deployments).')
param serviceId string

@description('Silo-to-silo port.')
param siloPort int

@description('Orleans gateway port, exposed through the TCP port mapping.')
param gatewayPort int

@description('HTTP port of the API, dashboard and health endpoint.')
param httpPort int

@description('The operator key (Pool:OperatorKey), kept as a Container Apps secret.')
@secure()
param operatorKey string

@description('Whether the silos run the supervisor (Supervisor:Enabled).')
param enableSupervisor bool

@description('Further silo settings (for example the devnet or consensus sections, docs/silo.md).')
param extraEnvironment environmentVariable[]

@description('Fewest replicas (silos); at least one, so reminders and the supervisor keep running.')
@minValue(1)
param minReplicas int

@description('Most replicas (silos).')
@minValue(1)
param maxReplicas int

@description('CPU cores of one replica.')
param cpu string

@description('Memory of one replica, e.g. 2Gi (Consumption profile: 2 GiB per core).')
param memory string

@description('Registry login server, when the image comes from the registry.')
var registryServer = '${registryName}${environment().suffixes.acrLoginServer}'

@description('Shell start-up: the first IPv4 address of the replica becomes the advertised address, then the silo replaces the shell.')
var startScript = 'for address in $(hostname -i); do case "$address" in *.*.*.*) export PONAS__CLUSTER__ADVERTISEDADDRESS="$address"; break;; esac; done; [ -n "$PONAS__CLUSTER__ADVERTISEDADDRESS" ] || { echo "no IPv4 address for the silo" >&2; exit 2; }; exec ${entrypoint}'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: workspaceName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' existing = if (!empty(registryName)) {
  name: registryName
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(registryName)) {
  name: guid(resourceGroup().id, registryName, identity.id, builtInRoles.acrPull)
  scope: registry
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.acrPull)
  }
}

resource managedEnvironment 'Microsoft.App/managedEnvironments@2026-07-01' = {
  name: environmentName
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    vnetConfiguration: {
      infrastructureSubnetId: subnetId
      internal: false
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    zoneRedundant: false
  }
}

resource app 'Microsoft.App/containerApps@2026-07-01' = {
  name: appName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    environmentId: managedEnvironment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      secrets: [
        {
          name: 'operator-key'
          value: operatorKey
        }
      ]
      registries: empty(registryName)
        ? []
        : [
            {
              server: registryServer
              identity: identity.id
            }
          ]
      ingress: {
        external: true
        transport: 'http'
        targetPort: httpPort
        allowInsecure: false
        additionalPortMappings: [
          {
            external: true
            targetPort: gatewayPort
            exposedPort: gatewayPort
          }
        ]
        traffic: [
          {
            latestRevision: true
            weight: 100
          }
        ]
      }
    }
    template: {
      terminationGracePeriodSeconds: 60
      containers: [
        {
          name: 'silo'
          image: image
          command: [
            '/bin/sh'
            '-c'
          ]
          args: [
            startScript
          ]
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          env: concat(
            [
              {
                name: 'AZURE_CLIENT_ID'
                value: identity.properties.clientId
              }
              {
                name: 'PONAS__STORAGE__TABLESERVICEURI'
                value: tableEndpoint
              }
              {
                name: 'PONAS__STORAGE__BLOBSERVICEURI'
                value: blobEndpoint
              }
              {
                name: 'PONAS__CLUSTER__CLUSTERID'
                value: clusterId
              }
              {
                name: 'PONAS__CLUSTER__SERVICEID'
                value: serviceId
              }
              {
                name: 'PONAS__CLUSTER__SILOPORT'
                value: string(siloPort)
              }
              {
                name: 'PONAS__CLUSTER__GATEWAYPORT'
                value: string(gatewayPort)
              }
              {
                name: 'PONAS__POOL__OPERATORKEY'
                secretRef: 'operator-key'
              }
              {
                name: 'PONAS__SUPERVISOR__ENABLED'
                value: string(enableSupervisor)
              }
              {
                name: 'ASPNETCORE_HTTP_PORTS'
                value: string(httpPort)
              }
              {
                name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
                value: appInsights.properties.ConnectionString
              }
              {
                name: 'OTEL_SERVICE_NAME'
                value: 'ponas-silo'
              }
            ],
            extraEnvironment
          )
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/health'
                port: httpPort
              }
              initialDelaySeconds: 5
              periodSeconds: 5
              failureThreshold: 48
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health'
                port: httpPort
              }
              periodSeconds: 10
              failureThreshold: 3
            }
            {
              type: 'Liveness'
              tcpSocket: {
                port: httpPort
              }
              periodSeconds: 15
              failureThreshold: 4
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'cpu'
            custom: {
              type: 'cpu'
              metadata: {
                type: 'Utilization'
                value: '70'
              }
            }
          }
        ]
      }
    }
  }
  dependsOn: [
    acrPull
  ]
}

@description('The app\'s host name (API over HTTPS; the gateway\'s TCP port on the same name).')
output fqdn string = app.properties.configuration.ingress.fqdn

@description('The environment\'s public inbound IP address.')
output staticIp string = managedEnvironment.properties.staticIp
