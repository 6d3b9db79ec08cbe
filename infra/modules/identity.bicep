// The app's single identity: reads Key Vault secrets, signs in to Azure SQL, and (with botAuthType
// UserAssignedMSI) is the bot's identity towards the Bot Connector.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
