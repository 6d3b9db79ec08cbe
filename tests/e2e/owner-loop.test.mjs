// The owner loop in the Teams client, as Priya Shah (an owner of 14 demo actions) on the deadline day of 2025-26 Q2:
// `my actions` shows her list card, she opens an item, an invalid answer is marked in the card and saves nothing,
// a valid one is saved and the refreshed list comes back; then the reminder job's deadline-day card reaches her
// personal chat once, however often the job runs. The clock, the jobs and the check of what was stored go through
// the bot's operations API. One browser page for the whole file; the tests follow on from each other.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adaptiveCardOf, cardText } from './lib/cards.mjs';
import { TIMEOUTS } from './lib/env.mjs';
import { DEADLINE_DAY, PRIYA, periodReturns, returnOf, runJob, setClock } from './lib/operations-api.mjs';
import { ConversationStream, conversations } from './lib/playground-api.mjs';
import { TeamsClient, onFailureCapture } from './lib/teams-client.mjs';

const { period, periodId } = DEADLINE_DAY;
const REMINDER_HEADING = `Your returns for ${period} are due today`;

/** Priya's items of the open period as the returns route reports them, in reference order. */
async function priyasItems() {
  const { items } = await periodReturns(periodId);
  return items.filter((i) => i.owner === PRIYA).sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/** The row of a list card for one item: its reference in bold, its status line and its Update/Change button. */
function itemRow(card, ref) {
  return card.locator('.ac-container')
    .filter({ has: card.page().locator('strong', { hasText: new RegExp(`^${ref}$`) }) })
    .filter({ has: card.page().getByRole('button') })
    .last();
}

/** True when a CSS colour is clearly red (the renderer's "Attention" colour). */
function isRed(cssColour) {
  const [r, g, b] = (cssColour.match(/\d+/g) ?? []).map(Number);
  return r > 150 && r > 2 * g && r > 2 * b;
}

describe('the owner loop in the Teams client, as Priya Shah on the 2025-26 Q2 deadline day', () => {
  /** @type {TeamsClient} */
  let client;
  /** @type {ConversationStream} */
  let stream;
  let chats;
  before(async () => {
    await setClock(DEADLINE_DAY.now);
    stream = await ConversationStream.open();
    chats = await conversations();
    // Tall enough for the whole list card (8 items) in the screenshots.
    client = await TeamsClient.open({ chat: 'Personal Chat', viewport: { width: 1280, height: 1100 } });
  }, { timeout: TIMEOUTS.file });
  after(async () => {
    await client?.close();
    stream?.close();
    await setClock(null);
  });
  const it = (name, body) => test(name, { timeout: TIMEOUTS.test }, onFailureCapture(() => client, body));

  // Shared by the tests in order: the bubble with the list card (later the form, then the list again in place) and
  // the item answered.
  let bubble;
  let ref;

  /** `my actions`, and the bot's bubble with the list card. */
  async function showMyActions() {
    return client.sendAndWaitForReply('my actions', { containing: `Your returns for ${period}` });
  }

  it('my actions shows the list card for 2025-26 Q2, eight to a page, with an Update button per item', async () => {
    const items = await priyasItems();
    assert.equal(items.length, 14, `Priya owns 14 items in the demo: ${items.map((i) => i.ref).join(', ')}`);
    const outstanding = items.filter((i) => i.kind === 'action' && i.status === 'outstanding');
    assert.ok(outstanding.length > 0, 'Priya has an outstanding action to answer');
    ref = outstanding[0].ref; // outstanding items come first on the card, in reference order

    bubble = await showMyActions();
    const card = bubble.locator('.ac-adaptiveCard');
    await card.getByText(`Your returns for ${period}`, { exact: true }).waitFor();
    const returned = items.length - items.filter((i) => i.status === 'outstanding').length;
    await card.getByText(`Deadline Tue 21 Oct 2025 · ${returned} of 14 returned · page 1 of 2`, { exact: true }).waitFor();
    assert.equal(await card.getByRole('button', { name: /^(Update|Change)$/ }).count(), 8, 'eight items on page 1');
    await card.getByRole('button', { name: 'Next', exact: true }).waitFor();
    const row = itemRow(card, ref);
    await row.getByText('⏳ Outstanding', { exact: false }).waitFor();
    await row.getByRole('button', { name: 'Update', exact: true }).waitFor();

    await client.showTop(bubble);
    await client.screenshot('my-actions');
  });

  it('Update opens the form; Amber without measures is marked in red in the card and nothing is saved', async () => {
    bubble ??= await showMyActions();
    const card = bubble.locator('.ac-adaptiveCard');
    await itemRow(card, ref).getByRole('button', { name: 'Update', exact: true }).click();

    await card.getByText(new RegExp(`^${ref} · `)).waitFor();
    await card.getByRole('button', { name: 'Submit return', exact: true }).waitFor();
    await card.getByRole('button', { name: 'Back to my list', exact: true }).waitFor();
    await client.choose(card, 'Status', 'Amber: slipping');
    await card.getByLabel('Commentary').fill('The provider has been appointed; mobilisation is running four weeks late.');
    await card.getByRole('button', { name: 'Submit return', exact: true }).click();

    const problem = card.getByText('Amber needs the measures you are taking to improve.', { exact: true });
    await problem.waitFor();
    assert.ok(isRed(await problem.evaluate((e) => getComputedStyle(e).color)), 'the problem is shown in red');
    await card.getByText('Amber needs a revised completion date.', { exact: true }).waitFor();
    await card.getByText('Nothing was saved yet: please fix the items marked below.', { exact: true }).waitFor();
    // What was typed is still there to correct.
    assert.equal(await card.getByRole('combobox', { name: 'Status' }).inputValue(), 'Amber: slipping');
    assert.match(await card.getByLabel('Commentary').inputValue(), /^The provider has been appointed/);
    assert.equal((await returnOf(periodId, ref)).status, 'outstanding', `${ref} is not saved`);

    await client.showTop(bubble);
    await client.screenshot('return-form-error');
  });

  it('with measures and a revised date the return is saved: the list comes back with the banner and the status', async () => {
    if (!bubble) {
      bubble = await client.sendAndWaitForReply(`update ${ref}`, { containing: 'Submit return' });
      await client.choose(bubble.locator('.ac-adaptiveCard'), 'Status', 'Amber: slipping');
      await bubble.getByLabel('Commentary').fill('The provider has been appointed; mobilisation is running four weeks late.');
    }
    const card = bubble.locator('.ac-adaptiveCard');
    const stillToDo = (await priyasItems()).filter((i) => i.status === 'outstanding').length - 1;
    await card.getByLabel('Measures to improve (Amber and Red)').fill('Weekly mobilisation calls with the provider; referral pathway agreed with the MARAC.');
    await client.fillDate(card, /^Revised date/, '2025-12-19');
    await card.getByRole('button', { name: 'Submit return', exact: true }).click();

    const banner = card.getByText(`✔ Saved ${ref}. ${stillToDo} still to do.`, { exact: true });
    await banner.waitFor();
    await card.getByText(`Your returns for ${period}`, { exact: true }).waitFor();
    await client.showTop(bubble);
    await client.screenshot('return-saved');

    const stored = await returnOf(periodId, ref);
    assert.equal(stored.status, 'returned', `${ref} is stored as returned: ${JSON.stringify(stored)}`);
    assert.equal(stored.rag, 'Amber');
    assert.equal(stored.submittedBy, PRIYA);

    // Answered items move behind the outstanding ones: find it on its page, with its status and a Change button.
    const row = itemRow(card, ref);
    if (!(await row.count())) {
      await card.getByRole('button', { name: 'Next', exact: true }).click();
      await card.getByText(/ · page 2 of 2$/).waitFor();
    }
    await row.getByText(/^🟠 Amber · /).waitFor();
    await row.getByRole('button', { name: 'Change', exact: true }).waitFor();
  });

  it('the deadline-day reminder reaches the personal chat once, even when the jobs run twice', async () => {
    const since = stream.frames.length;
    const before = await client.botMessages.count();
    const first = await runJob('reminders');
    assert.equal(first.today, '2025-10-21');
    assert.deepEqual(first.stages, [`${period} deadline`], `today is the deadline-day stage: ${JSON.stringify(first)}`);
    assert.ok(first.queued > 0, `reminders were queued: ${JSON.stringify(first)}`);
    await runJob('outbox');

    const reminder = await client.waitForBotMessage(REMINDER_HEADING, { after: before, timeout: TIMEOUTS.reply });
    const card = reminder.locator('.ac-adaptiveCard');
    await card.getByText(REMINDER_HEADING, { exact: true }).waitFor();
    const items = await priyasItems();
    const returned = items.filter((i) => i.status === 'returned').length;
    await card.getByText(`Deadline Tue 21 Oct 2025 · ${returned} of ${items.length} returned · page 1 of 2`, { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Update', exact: true }).first().waitFor();
    await client.showTop(reminder);
    await client.screenshot('reminder-card');

    const second = await runJob('reminders');
    assert.equal(second.queued, 0, `nothing new is queued the second time: ${JSON.stringify(second)}`);
    assert.equal(second.alreadyQueued, first.queued + first.alreadyQueued, 'every owner was already queued');
    await runJob('outbox');
    // Give a duplicate every chance to arrive (the jobs also start the outbox in the background) before counting.
    await client.page.waitForTimeout(5_000);
    const shown = (await client.botMessages.allInnerTexts()).slice(before).filter((t) => t.includes(REMINDER_HEADING));
    assert.equal(shown.length, 1, 'one reminder card in the chat');
    const sent = stream.messagesIn(chats.personal, { since }).filter((m) => cardText(adaptiveCardOf(m)).includes(REMINDER_HEADING));
    assert.equal(sent.length, 1, 'the bot sent Priya one reminder');
  });
});
