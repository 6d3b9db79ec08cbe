// Example parameters: copy, replace the <placeholders>, keep secrets out of the file.
//   CSPBOT_BOT_PASSWORD='<client secret>' az deployment group create -g <rg> -f main.bicep -p main.bicepparam
using 'main.bicep'

param baseName = 'cspbot'

// SingleTenant: the Entra app registration created first (infra/README.md, step 1).
param botAuthType = 'SingleTenant'
param botAppId = '<entra-app-client-id>'
// Read at deployment time from the environment, so the secret never lands in the repository.
param botAppPassword = readEnvironmentVariable('CSPBOT_BOT_PASSWORD', '')

// Entra admin of the SQL server: a DBA group is best. Leave both empty to make the app's managed identity the admin.
param sqlAdminLogin = '<sql-admins-group-name>'
param sqlAdminObjectId = '<sql-admins-group-object-id>'
param sqlAdminPrincipalType = 'Group'

param appServiceSku = 'P0v3'
param instanceCount = 1

param tags = {
  application: 'CspBot'
  partnership: '<partnership name>'
}

// Microsoft Graph (docs/deployment.md, step 8): off until the permissions are granted and the app is in the catalogue.
param graphEnabled = false
param teamsAppCatalogId = ''
