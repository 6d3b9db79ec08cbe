// Key Vault (RBAC) holding the app's secrets; the managed identity may read them, and App Service resolves them
// through Key Vault references, so no secret is stored in the app settings.
param name string
param location string
param tags object
param tenantId string

@description('Principal id of the managed identity that reads the secrets.')
param readerPrincipalId string

@description('SQL connection string for the app (Entra managed identity authentication, so it holds no password).')
@secure()
param sqlConnectionString string

@description('Whether to store the bot\'s client secret (false when the bot signs in as the managed identity).')
param storeBotAppPassword bool

@description('Client secret of the bot\'s Entra app registration; empty keeps the secret already in the vault.')
@secure()
param botAppPassword string

// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var secretsUserRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource sqlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'SqlConnectionString'
  properties: {
    value: sqlConnectionString
    contentType: 'text/plain'
  }
}

// Written only when a value is given, so a redeployment without the secret keeps the stored (perhaps rotated) one.
resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (storeBotAppPassword && !empty(botAppPassword)) {
  parent: vault
  name: 'BotAppPassword'
  properties: {
    value: botAppPassword
    contentType: 'text/plain'
  }
}

resource readSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, readerPrincipalId, secretsUserRoleId)
  properties: {
    roleDefinitionId: secretsUserRoleId
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
// Versionless secret URIs: App Service picks up a rotated secret without a redeployment.
output sqlConnectionStringUri string = '${vault.properties.vaultUri}secrets/${sqlSecret.name}'
output botCredentialUri string = storeBotAppPassword ? '${vault.properties.vaultUri}secrets/BotAppPassword' : ''
