// Azure SQL logical server (Entra-only authentication) and the app database, shared by EF Core and Hangfire.
param serverName string
param databaseName string
param location string
param tags object

@description('Entra admin of the server: display name (login) of the user, group or identity.')
param adminLogin string

@description('Object id of the Entra user or group; client id for an application or managed identity.')
param adminObjectId string

@allowed([
  'User'
  'Group'
  'Application'
])
param adminPrincipalType string

param tenantId string

@description('Database SKU. Standard S0 is enough for one partnership; serverless tiers would auto-pause under Hangfire polling.')
param databaseSku object = {
  name: 'S0'
  tier: 'Standard'
}

resource server 'Microsoft.Sql/servers@2023-08-01' = {
  name: serverName
  location: location
  tags: tags
  properties: {
    minimalTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    administrators: {
      administratorType: 'ActiveDirectory'
      azureADOnlyAuthentication: true
      login: adminLogin
      sid: adminObjectId
      principalType: adminPrincipalType
      tenantId: tenantId
    }
  }
}

// 0.0.0.0–0.0.0.0 is Azure's convention for "allow Azure services", which the App Service outbound addresses need.
resource allowAzure 'Microsoft.Sql/servers/firewallRules@2023-08-01' = {
  parent: server
  name: 'AllowAllWindowsAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource database 'Microsoft.Sql/servers/databases@2023-08-01' = {
  parent: server
  name: databaseName
  location: location
  tags: tags
  sku: databaseSku
  properties: {
    collation: 'SQL_Latin1_General_CP1_CI_AS'
  }
}

output serverName string = server.name
output fullyQualifiedDomainName string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
