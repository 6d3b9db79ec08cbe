// Azure Database for PostgreSQL flexible server and the app database, shared by EF Core and Hangfire
// (Database:Provider Postgres). The app signs in with the administrator login; its password lives only in Key Vault.
param serverName string
param databaseName string
param location string
param tags object

@description('Administrator login of the server (not a reserved name such as postgres or admin).')
param administratorLogin string

@secure()
@description('Administrator password; it reaches the app only inside the connection string in Key Vault.')
param administratorPassword string

@description('Compute: Burstable B1ms is enough for one partnership.')
param skuName string = 'Standard_B1ms'

param skuTier string = 'Burstable'

@description('PostgreSQL major version.')
param version string = '16'

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: serverName
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: version
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorPassword
    authConfig: {
      passwordAuth: 'Enabled'
      activeDirectoryAuth: 'Disabled'
    }
    storage: {
      storageSizeGB: 32
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: 14
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

// Lets App Service reach the server without a virtual network (the same choice as the SQL Server firewall).
resource azureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: server
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

output fullyQualifiedDomainName string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
