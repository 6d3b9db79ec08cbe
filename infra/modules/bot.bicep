// Azure Bot registration (global resource) pointing at the web app, with the Microsoft Teams channel.
// New multi-tenant bot registrations are no longer allowed: SingleTenant or UserAssignedMSI only.
param name string
param displayName string
param tags object

@description('https://<web app host>/api/messages')
param endpoint string

@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param msaAppType string

@description('The bot\'s Microsoft App ID: the Entra app registration (SingleTenant) or the managed identity\'s client id.')
param msaAppId string

param tenantId string

@description('Resource id of the managed identity, used when msaAppType is UserAssignedMSI.')
param identityId string

@allowed([
  'F0'
  'S1'
])
@description('F0 is free for standard channels such as Teams.')
param sku string = 'F0'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppType: msaAppType
    msaAppId: msaAppId
    msaAppTenantId: tenantId
    msaAppMSIResourceId: msaAppType == 'UserAssignedMSI' ? identityId : null
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
      acceptedTerms: true
      deploymentEnvironment: 'CommercialDeployment'
    }
  }
}

// Every Azure Bot gets Web Chat and Direct Line sites whose clients write `from` and `channelData` themselves, and
// whose secrets are in the portal. CspBot answers only Teams (it refuses other channels too): switch both sites off.
resource webChat 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'WebChatChannel'
  location: 'global'
  properties: {
    channelName: 'WebChatChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: false
          isWebchatPreviewEnabled: false
        }
      ]
    }
  }
}

resource directLine 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: false
          isV1Enabled: false
          isV3Enabled: false
          isSecureSiteEnabled: true
          isBlockUserUploadEnabled: true
        }
      ]
    }
  }
}

output name string = bot.name
