// CspBot on Azure: Linux App Service (.NET 10) + Azure SQL or PostgreSQL + Key Vault + Azure Bot (Teams channel),
// one user-assigned managed identity, Application Insights on Log Analytics.
// Deploy to a resource group:  az deployment group create -g <rg> -f infra/main.bicep -p infra/main.bicepparam
// Notes and order of steps: infra/README.md.
targetScope = 'resourceGroup'

@minLength(3)
@maxLength(14)
@description('Short lowercase name (letters and digits) used in every resource name, e.g. "cspbot" or "cspbotnorth".')
param baseName string = 'cspbot'

@description('Azure region for everything but the bot registration (which is global).')
param location string = resourceGroup().location

@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
@description('SingleTenant: the bot signs in as an Entra app registration with a client secret. UserAssignedMSI: as the managed identity, no secret.')
param botAuthType string = 'SingleTenant'

@description('Application (client) id of the bot\'s Entra app registration; required for SingleTenant, ignored for UserAssignedMSI.')
param botAppId string = ''

@secure()
@description('Client secret of that app registration (SingleTenant only): required on the first deployment, empty later keeps the one in Key Vault. Never in app settings.')
param botAppPassword string = ''

@description('Entra tenant of the partnership.')
param tenantId string = tenant().tenantId

@description('Display name of the bot in the Azure portal.')
param botDisplayName string = 'CspBot'

@allowed([
  'SqlServer'
  'Postgres'
])
@description('The app database: Azure SQL (Entra sign-in as the managed identity) or Azure Database for PostgreSQL flexible server (administrator login, password in Key Vault).')
param databaseEngine string = 'SqlServer'

@description('PostgreSQL only: administrator login of the flexible server.')
param postgresAdminLogin string = 'cspbotadmin'

@secure()
@description('PostgreSQL only: administrator password (required with Postgres). Read it from the environment, never from a file.')
param postgresAdminPassword string = ''

@description('The public host name members reach the app on (a custom domain bound to the web app). Empty: <web app>.azurewebsites.net.')
param publicHostName string = ''

@description('Audience of the operations API\'s tokens: the application ID URI of the app registration that defines the CspBot.Admin app role (docs/deployment.md, step 2). Empty: api://<bot app id>.')
param adminApiAudience string = ''

@description('Entra app (client) id of the console\'s sign-in: the Teams manifest\'s webApplicationInfo.id (tab single sign-on, browser sign-in). Empty: the bot\'s app id.')
param consoleClientId string = ''

@description('Entra admin of the SQL server (display name of a user or, better, a DBA group). Empty: the app\'s managed identity is the admin.')
param sqlAdminLogin string = ''

@description('Object id of that Entra admin. Empty together with sqlAdminLogin.')
param sqlAdminObjectId string = ''

@allowed([
  'User'
  'Group'
])
param sqlAdminPrincipalType string = 'Group'

@description('SKU of the App Service plan (Basic or above, for Always On).')
param appServiceSku string = 'P0v3'

@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('SKU of the app database.')
param sqlDatabaseSku object = {
  name: 'S0'
  tier: 'Standard'
}

@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

param tags object = {
  application: 'CspBot'
}

@description('Use Microsoft Graph: find members and guests in the directory, install the app for members the bot cannot reach, file reports in the channel. Needs the Graph application permissions granted first (docs/deployment.md, step 1).')
param graphEnabled bool = false

@description('CspBot\'s id in the organisation\'s Teams app catalogue (not the manifest id); required when Graph installs the app for members.')
param teamsAppCatalogId string = ''

@description('Install the Teams app for members who have no chat with the bot (TeamsAppInstallation.ReadWriteForUser.All).')
param graphInstallAppForMembers bool = true

@description('Add the partnership team\'s members to the partnership with the role member (TeamMember.Read.All).')
param graphSyncTeamMembers bool = false

@description('File each compiled exception report in the partnership channel\'s Files (Files.ReadWrite.All).')
param graphFileReportsInChannel bool = true

// Short, stable per resource group, so names that must be globally unique do not collide.
var suffix = take(uniqueString(resourceGroup().id, baseName), 6)
var name = toLower(baseName)
var names = {
  identity: 'id-${name}-${suffix}'
  logAnalytics: 'log-${name}-${suffix}'
  appInsights: 'appi-${name}-${suffix}'
  keyVault: 'kv-${name}-${suffix}'
  sqlServer: 'sql-${name}-${suffix}'
  postgresServer: 'psql-${name}-${suffix}'
  sqlDatabase: name
  plan: 'asp-${name}-${suffix}'
  site: '${name}-web-${suffix}'
  bot: 'bot-${name}-${suffix}'
}
var useManagedIdentityForBot = botAuthType == 'UserAssignedMSI'
var identityIsSqlAdmin = empty(sqlAdminObjectId)
var useSqlServer = databaseEngine == 'SqlServer'
var appHostName = empty(publicHostName) ? '${names.site}.azurewebsites.net' : publicHostName

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: tags
  }
}

module sql 'modules/sql.bicep' = if (useSqlServer) {
  name: 'sql'
  params: {
    serverName: names.sqlServer
    databaseName: names.sqlDatabase
    location: location
    tags: tags
    tenantId: tenantId
    adminLogin: identityIsSqlAdmin ? identity.outputs.name : sqlAdminLogin
    // SQL identifies an application (a managed identity too) by its client id, a user or group by its object id.
    adminObjectId: identityIsSqlAdmin ? identity.outputs.clientId : sqlAdminObjectId
    adminPrincipalType: identityIsSqlAdmin ? 'Application' : sqlAdminPrincipalType
    databaseSku: sqlDatabaseSku
  }
}

module postgres 'modules/postgres.bicep' = if (!useSqlServer) {
  name: 'postgres'
  params: {
    serverName: names.postgresServer
    databaseName: names.sqlDatabase
    location: location
    tags: tags
    administratorLogin: postgresAdminLogin
    administratorPassword: postgresAdminPassword
  }
}

// One connection string for EF Core and Hangfire. Azure SQL: Microsoft.Data.SqlClient signs in as the managed
// identity, no password. PostgreSQL: the administrator login, so the string is a secret and lives in Key Vault.
var databaseConnectionString = useSqlServer
  ? 'Server=tcp:${sql!.outputs.fullyQualifiedDomainName},1433;Initial Catalog=${sql!.outputs.databaseName};Authentication=Active Directory Managed Identity;User Id=${identity.outputs.clientId};Encrypt=True;TrustServerCertificate=False;Connection Timeout=30;'
  : 'Host=${postgres!.outputs.fullyQualifiedDomainName};Port=5432;Database=${postgres!.outputs.databaseName};Username=${postgresAdminLogin};Password=${postgresAdminPassword};Ssl Mode=Require;Timeout=30'

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    tenantId: tenantId
    readerPrincipalId: identity.outputs.principalId
    sqlConnectionString: databaseConnectionString
    storeBotAppPassword: !useManagedIdentityForBot
    botAppPassword: botAppPassword
  }
}

var botAppIdValue = useManagedIdentityForBot ? identity.outputs.clientId : botAppId

// Every key here is read by the app (tests/CspBot.Deployment.Tests checks the names against the code).
var commonSettings = [
  {
    name: 'ASPNETCORE_ENVIRONMENT'
    value: 'Production'
  }
  {
    name: 'Database__Provider'
    value: databaseEngine
  }
  {
    name: 'Database__MigrateOnStartup'
    value: 'true'
  }
  {
    name: 'ConnectionStrings__Default'
    value: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.sqlConnectionStringUri})'
  }
  {
    name: 'Bot__MicrosoftAppType'
    value: botAuthType
  }
  {
    name: 'Bot__MicrosoftAppId'
    value: botAppIdValue
  }
  {
    name: 'Bot__MicrosoftAppTenantId'
    value: tenantId
  }
  {
    // App Service ends TLS at its front ends, which reach the app from this link-local network with X-Forwarded-Proto:
    // the app believes forwarded headers from there (and loopback) only, and refuses plain HTTP from anyone else.
    name: 'ForwardedHeaders__KnownNetworks__0'
    value: '169.254.0.0/16'
  }
  {
    // Not the platform's own switch, which would believe forwarded headers from any address.
    name: 'ASPNETCORE_FORWARDEDHEADERS_ENABLED'
    value: 'false'
  }
  {
    // Every link in a card (report downloads) and the manifest's privacy and terms pages start here.
    name: 'App__PublicBaseUrl'
    value: 'https://${appHostName}'
  }
  {
    // The operations API accepts Entra tokens of this tenant, for this audience, carrying the CspBot.Admin app role.
    name: 'AdminApi__Authority'
    value: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
  }
  {
    name: 'AdminApi__Audience'
    value: empty(adminApiAudience) ? 'api://${botAppIdValue}' : adminApiAudience
  }
  {
    // The console (Teams tabs, browser): tab SSO tokens for api://{host}/botid-{client id}, as the manifest names them.
    name: 'Console__Entra__Instance'
    value: environment().authentication.loginEndpoint
  }
  {
    name: 'Console__Entra__TenantId'
    value: tenantId
  }
  {
    name: 'Console__Entra__ClientId'
    value: empty(consoleClientId) ? botAppIdValue : consoleClientId
  }
  {
    name: 'Console__Audience'
    value: 'api://${appHostName}/botid-${empty(consoleClientId) ? botAppIdValue : consoleClientId}'
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: monitoring.outputs.appInsightsConnectionString
  }
  {
    // Azure.Identity (Graph, Key Vault) picks the user-assigned identity from this.
    name: 'AZURE_CLIENT_ID'
    value: identity.outputs.clientId
  }
]
var passwordSetting = useManagedIdentityForBot
  ? []
  : [
      {
        name: 'Bot__MicrosoftAppPassword'
        value: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.botCredentialUri})'
      }
      {
        // The console's browser sign-in (OpenID Connect, code flow) as the same app registration.
        name: 'Console__Entra__ClientSecret'
        value: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.botCredentialUri})'
      }
    ]

// Microsoft Graph signs in as the bot: with its client secret from Key Vault, or as the managed identity.
var graphSettings = !graphEnabled
  ? []
  : concat(
      [
        {
          name: 'Graph__Enabled'
          value: 'true'
        }
        {
          name: 'Graph__TenantId'
          value: tenantId
        }
        {
          name: 'Graph__TeamsAppCatalogId'
          value: teamsAppCatalogId
        }
        {
          name: 'Graph__InstallAppForMembers'
          value: string(graphInstallAppForMembers)
        }
        {
          name: 'Graph__SyncTeamMembers'
          value: string(graphSyncTeamMembers)
        }
        {
          name: 'Graph__FileReportsInChannel'
          value: string(graphFileReportsInChannel)
        }
      ],
      useManagedIdentityForBot
        ? [
            {
              name: 'Graph__ManagedIdentityClientId'
              value: identity.outputs.clientId
            }
          ]
        : [
            {
              name: 'Graph__ClientId'
              value: botAppIdValue
            }
            {
              name: 'Graph__ClientSecret'
              value: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.botCredentialUri})'
            }
          ]
    )

module app 'modules/appservice.bicep' = {
  name: 'app'
  params: {
    planName: names.plan
    siteName: names.site
    location: location
    tags: tags
    skuName: appServiceSku
    instanceCount: instanceCount
    identityId: identity.outputs.id
    appSettings: concat(commonSettings, passwordSetting, graphSettings)
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: names.bot
    displayName: botDisplayName
    tags: tags
    endpoint: 'https://${app.outputs.defaultHostName}/api/messages'
    msaAppType: botAuthType
    msaAppId: botAppIdValue
    tenantId: tenantId
    identityId: identity.outputs.id
    sku: botSku
  }
}

@description('BOT_ID for manifests/teams/package.sh.')
output botAppId string = botAppIdValue
@description('BOT_DOMAIN for manifests/teams/package.sh.')
output botDomain string = appHostName
output botEndpoint string = 'https://${app.outputs.defaultHostName}/api/messages'
output botName string = bot.outputs.name
output webAppName string = app.outputs.name
output keyVaultName string = keyVault.outputs.name
output databaseServerFqdn string = useSqlServer ? sql!.outputs.fullyQualifiedDomainName : postgres!.outputs.fullyQualifiedDomainName
output databaseName string = names.sqlDatabase
output publicBaseUrl string = 'https://${appHostName}'
output managedIdentityName string = identity.outputs.name
output managedIdentityClientId string = identity.outputs.clientId
output appInsightsName string = monitoring.outputs.appInsightsName
