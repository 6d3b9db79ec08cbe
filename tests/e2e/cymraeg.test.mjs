// A Welsh-speaking owner in the Teams client (issue 28): Priya Shah chooses Welsh with `iaith cy`, and from then on
// her list card, the return form and its validation come to her in Welsh, each card marked `lang: "cy"`, with dates in
// Welsh; an invalid answer saves nothing. Meanwhile DI Mark Reid, who chose nothing, is still answered in English.
// She chooses English again at the end (and in `after`, whatever happened), so the files after this one see her as before.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adaptiveCardOf, cardText } from './lib/cards.mjs';
import { TIMEOUTS } from './lib/env.mjs';
import { DEADLINE_DAY, PRIYA, periodReturns, returnOf, setClock } from './lib/operations-api.mjs';
import { ConversationStream, conversations, sendActivity } from './lib/playground-api.mjs';
import { TeamsClient, onFailureCapture } from './lib/teams-client.mjs';

const { periodId } = DEADLINE_DAY;
const WELSH_PERIOD = '2025-26 Ch2';
const LIST_HEADING = `Eich ffurflenni cynnydd ar gyfer ${WELSH_PERIOD}`;

describe('a Welsh-speaking owner in the Teams client: Priya Shah chooses Cymraeg', () => {
  /** @type {TeamsClient} */
  let client;
  /** @type {ConversationStream} */
  let stream;
  let chats;
  before(async () => {
    await setClock(DEADLINE_DAY.now);
    stream = await ConversationStream.open();
    chats = await conversations();
    client = await TeamsClient.open({ chat: 'Personal Chat', viewport: { width: 1280, height: 1100 } });
  }, { timeout: TIMEOUTS.file });
  after(async () => {
    // Whatever happened above, Priya writes in English again for the files that follow.
    await stream?.replyTo(() => sendActivity({ conversationId: chats.personal, from: '29:priya', text: 'language en' })).catch(() => {});
    await client?.close();
    stream?.close();
    await setClock(null);
  });
  const it = (name, body) => test(name, { timeout: TIMEOUTS.test }, onFailureCapture(() => client, body));

  /** The last card the bot sent to the personal chat since frame `since`, as JSON. */
  const lastCardSince = (since) => stream.messagesIn(chats.personal, { since }).map(adaptiveCardOf).filter(Boolean).at(-1);

  let bubble;
  let ref;

  it('iaith cy is answered in Welsh', async () => {
    const reply = await client.sendAndWaitForReply('iaith cy', { containing: 'Diolch.' });
    await reply.getByText(/Byddaf yn ysgrifennu atoch yn Gymraeg o hyn ymlaen\./).waitFor();
  });

  it('my actions is her list card in Welsh, lang "cy", with Welsh dates and buttons', async () => {
    const { items } = await periodReturns(periodId);
    const priyas = items.filter((i) => i.owner === PRIYA).sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
    ref = priyas.find((i) => i.kind === 'action' && i.status === 'outstanding')?.ref;
    assert.ok(ref, 'Priya has an outstanding action to answer');

    const since = stream.frames.length;
    bubble = await client.sendAndWaitForReply('my actions', { containing: LIST_HEADING });
    const card = bubble.locator('.ac-adaptiveCard');
    await card.getByText(LIST_HEADING, { exact: true }).waitFor();
    await card.getByText(/^Dyddiad cau Maw 21 Hyd 2025 · /).waitFor();
    await card.getByRole('button', { name: 'Diweddaru', exact: true }).first().waitFor();
    assert.equal(await card.getByRole('button', { name: /^(Update|Change)$/ }).count(), 0, 'no English buttons');

    const sent = lastCardSince(since);
    assert.equal(sent?.lang, 'cy', 'the card carries lang "cy"');
    assert.ok(JSON.stringify(sent).length < 28 * 1024, 'the Welsh card is under Teams\' 28 KB');
    await client.showTop(bubble);
    await client.screenshot('cy-my-actions');
  });

  it('the form is in Welsh, and Amber without measures is refused in Welsh and nothing is saved', async () => {
    const card = bubble.locator('.ac-adaptiveCard');
    const row = card.locator('.ac-container')
      .filter({ has: card.page().locator('strong', { hasText: new RegExp(`^${ref}$`) }) })
      .filter({ has: card.page().getByRole('button') })
      .last();
    await row.getByRole('button', { name: 'Diweddaru', exact: true }).click();
    await card.getByRole('button', { name: "Cyflwyno'r ffurflen", exact: true }).waitFor();

    await client.choose(card, 'Statws', 'Ambr: yn llithro');
    await card.getByLabel('Sylwebaeth').fill("Mae'r darparwr wedi'i benodi; mae'r gwaith sefydlu bedair wythnos yn hwyr.");
    await card.getByRole('button', { name: "Cyflwyno'r ffurflen", exact: true }).click();

    await card.getByText("Mae angen nodi'r camau rydych chi'n eu cymryd i wella ar gyfer Ambr.", { exact: true }).waitFor();
    await card.getByText('Mae angen dyddiad cwblhau diwygiedig ar gyfer Ambr.', { exact: true }).waitFor();
    await card.getByText(/^Does dim wedi'i gadw eto/).waitFor();
    assert.equal((await returnOf(periodId, ref)).status, 'outstanding', `${ref} is not saved`);
    await client.showTop(bubble);
    await client.screenshot('cy-return-form-error');
  });

  it('DI Mark Reid, who chose no language, is still answered in English in the same partnership', async () => {
    const reply = await stream.replyTo(() => sendActivity({ conversationId: chats.group, from: '29:mark', text: 'help', mentionBot: true }));
    const text = cardText(adaptiveCardOf(reply));
    assert.match(text, /^What I can do$/m);
    assert.doesNotMatch(text, /Beth alla i/);
  });

  it('language en brings her back to English', async () => {
    const reply = await client.sendAndWaitForReply('language en', { containing: 'Thank you.' });
    await reply.getByText(/I'll write to you in English from now on\./).waitFor();
    await client.sendAndWaitForReply('my actions', { containing: 'Your returns for 2025-26 Q2' });
  });
});
