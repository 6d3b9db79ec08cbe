// Priya Shah (performance officer, also an action owner) talks to the bot in the Playground's Teams UI: her personal
// chat, then the group chat "CSP Leads". One browser page for the whole file. Replies are found by their text: on a
// fresh database the welcome for the install can arrive after Priya's first message.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TIMEOUTS } from './lib/env.mjs';
import { TeamsClient, onFailureCapture } from './lib/teams-client.mjs';

describe('chats in the Teams client, as Priya Shah', () => {
  /** @type {TeamsClient} */
  let client;
  before(async () => {
    client = await TeamsClient.open({ chat: 'Personal Chat' });
  }, { timeout: TIMEOUTS.file });
  after(async () => {
    await client?.close();
  });
  const it = (name, body) => test(name, { timeout: TIMEOUTS.test }, onFailureCapture(() => client, body));

  /** Checks a help card as rendered: heading, greeting for Priya, and the help command in the list. */
  async function assertHelpCardForPriya(reply) {
    const card = reply.locator('.ac-adaptiveCard');
    await card.getByText('What I can do', { exact: true }).waitFor();
    await card.getByText('Hi Priya — you are an officer and an owner for Haringey Council. Type one of these:').waitFor();
    const commands = (await card.locator('.ac-fact-title').allInnerTexts()).map((c) => c.trim());
    assert.ok(commands.includes('help'), `commands listed: ${JSON.stringify(commands)}`);
  }

  it('personal chat: help shows the "What I can do" card with the help command', async () => {
    await client.openChat('Personal Chat');
    const reply = await client.sendAndWaitForReply('help', { containing: 'What I can do' });

    await assertHelpCardForPriya(reply);
    await client.screenshot('help-card');
  });

  it('personal chat: unknown text gets a friendly pointer to help', async () => {
    await client.openChat('Personal Chat');
    const reply = await client.sendAndWaitForReply('what is the weather like?', { containing: "Sorry, I didn't understand" });

    assert.equal((await reply.innerText()).trim(), "Sorry, I didn't understand that. Type help to see what I can do.");
    assert.equal(await reply.locator('strong, b').first().innerText(), 'help', 'help is in bold (markdown)');
    await client.screenshot('unknown-text');
  });

  it('group chat: @CSP Bot help shows the help card', async () => {
    await client.openChat('CSP Leads');
    const reply = await client.sendAndWaitForReply('help', { mentionBot: true, containing: 'What I can do' });

    await assertHelpCardForPriya(reply);
    await client.screenshot('group-chat-help');
  });
});
