// Linux App Service plan and the web app that hosts the bot, the operations API and the Hangfire server.
param planName string
param siteName string
param location string
param tags object

@description('Plan SKU. Always On needs Basic or above; P0v3 gives room for the report compile and scale-out.')
param skuName string = 'P0v3'

@minValue(1)
@maxValue(10)
@description('Instances. More than one is safe: they share SQL Server, Hangfire spreads the jobs, the outbox keeps reminders single.')
param instanceCount int = 1

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('App settings as name/value pairs (secrets as Key Vault references).')
param appSettings array

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // The console's pages are Blazor Server circuits: a browser's page and its WebSocket must reach the instance that
    // holds its circuit, so ARR affinity is on. The bot, the operations API and the jobs keep no session state.
    clientAffinityEnabled: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true // Hangfire's recurring jobs (reminders, digest) must run without incoming traffic
      healthCheckPath: '/health/ready'
      http20Enabled: true
      webSocketsEnabled: true // the console's circuits (Blazor Server) run over WebSockets
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: appSettings
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
