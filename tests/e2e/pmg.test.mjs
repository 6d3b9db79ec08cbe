// The Performance Management Group's part of the cycle in the Teams client, on the 2025-26 Q2 deadline day: DI Mark
// Reid (impersonated through the Playground's custom-activity API) submits a return; Priya Shah, the officer, gets
// the check card, queries it; Mark answers the query; Priya accepts it, compiles and signs the report off; the
// chair's card arrives. The Playground has one personal chat: whoever last wrote in it is the one the bot reaches
// there, so Mark and then Cllr Helen Marsh write in it before their messages are due, and Priya writes last.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adaptiveCardOf, cardText } from './lib/cards.mjs';
import { TIMEOUTS } from './lib/env.mjs';
import { DEADLINE_DAY, periodReturns, returnOf, runJob, setClock } from './lib/operations-api.mjs';
import { ConversationStream, conversations, invokeCardAction, sendActivity } from './lib/playground-api.mjs';
import { TeamsClient, onFailureCapture } from './lib/teams-client.mjs';

const { period, periodId } = DEADLINE_DAY;
const MARK = 'mark.reid@met.police.example';

/** The first Action.Execute in a card (at any depth) whose verb is `verb`. */
function executeAction(card, verb) {
  const found = [];
  (function walk(node) {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute' && node.verb === verb) found.push(node);
      Object.values(node).forEach(walk);
    }
  })(card);
  return found[0];
}

describe('the PMG in the Teams client: check, query, accept, sign off', () => {
  /** @type {TeamsClient} */
  let client;
  /** @type {ConversationStream} */
  let stream;
  let chats;
  let ref;
  before(async () => {
    await setClock(DEADLINE_DAY.now);
    stream = await ConversationStream.open();
    chats = await conversations();
    client = await TeamsClient.open({ chat: 'Personal Chat', viewport: { width: 1280, height: 1200 } });
  }, { timeout: TIMEOUTS.file });
  after(async () => {
    await client?.close();
    stream?.close();
    await setClock(null);
  });
  const it = (name, body) => test(name, { timeout: TIMEOUTS.test }, onFailureCapture(() => client, body));

  /** Mark asks for one item's form in the personal chat and submits it (both through the Playground's API). */
  async function markSubmits(commentary, expectedVersion) {
    // The form is the bot's first card with a submit button after this (the welcome of a first install may come first).
    const since = stream.frames.length;
    await sendActivity({ conversationId: chats.personal, from: '29:mark', text: `update ${ref}` });
    const { message } = await stream.waitFor((f) => f.action === 'createMessage' && f.actionConversationId === chats.personal
      && JSON.stringify(adaptiveCardOf(f.message) ?? {}).includes('"cspbot.return.submit"'), { since, what: `the form for ${ref}` });
    const form = adaptiveCardOf(message);
    const submit = executeAction(form, 'cspbot.return.submit');
    // The Playground's invoke route acts only for members of the chat; its custom-activity route sends the same
    // invoke (Action.Execute, inputs merged into data) from Mark as it is.
    await sendActivity({
      conversationId: chats.personal,
      from: '29:mark',
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: message.messageId ?? message.id,
      value: {
        action: {
          type: 'Action.Execute',
          verb: submit.verb,
          data: { ...submit.data, status: 'Amber', commentary, measures: 'Two investigators moved across from CID.', revisedDate: '2026-01-30' },
        },
      },
    });
    const deadline = Date.now() + TIMEOUTS.reply;
    let saved;
    do {
      saved = await returnOf(periodId, ref);
      if (saved.status === 'returned' && saved.submittedBy === MARK && saved.check === 'awaiting check' && saved.version === expectedVersion) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    } while (Date.now() < deadline);
    return { form, saved };
  }

  it('DI Mark Reid submits a return, and it is awaiting check', async () => {
    // Mark writes in the group chat first, so the bot knows his Teams id when he uses the personal chat.
    await stream.replyTo(() => sendActivity({ conversationId: chats.group, from: '29:mark', text: 'help', mentionBot: true }));
    const { items } = await periodReturns(periodId);
    ref = items.find((i) => i.owner === MARK && i.kind === 'action' && i.status === 'outstanding')?.ref;
    assert.ok(ref, 'Mark has an outstanding action');

    const { saved } = await markSubmits('Two investigators are off sick; cases reallocated.', 1);

    assert.equal(saved.status, 'returned');
    assert.equal(saved.check, 'awaiting check');
    assert.equal(saved.submittedBy, MARK, 'saved as Mark, not as the Playground user');
  });

  it(`Priya types check: the card lists Mark's return with its figures and commentary; she queries it`, async () => {
    const bubble = await client.sendAndWaitForReply('check DI Mark Reid', { containing: 'Returns to check' });
    const card = bubble.locator('.ac-adaptiveCard');
    await card.getByText(/^Returns to check matching “DI Mark Reid” \(\d+\)$/).waitFor();
    const entry = card.locator('.ac-container').filter({ hasText: 'Two investigators are off sick; cases reallocated.' }).last();
    await entry.getByText(new RegExp(`^${ref}`)).first().waitFor();
    await entry.getByText(/Amber · DI Mark Reid \(Metropolitan Police\) · 2025-26 Q2/).waitFor();

    await entry.getByRole('button', { name: 'Query', exact: true }).click();
    const question = card.getByRole('textbox', { name: `Question for DI Mark Reid about ${ref}` });
    await question.fill('Which two posts, and when are they back? Please say who covers the caseload meanwhile.');
    // The picture for the README: the returns above, and the question under the return being queried.
    await card.getByRole('button', { name: 'Send query', exact: true }).scrollIntoViewIfNeeded();
    await client.screenshot('pmg-check-card');
    await card.getByRole('button', { name: 'Send query', exact: true }).click();

    await card.getByText(`✔ Query sent to DI Mark Reid about ${ref}.`, { exact: true }).waitFor();
    assert.equal((await returnOf(periodId, ref)).check, 'queried');
  });

  it('Mark opens the item again: the form shows the question with his answer; he amends it and it awaits check again', async () => {
    const { form, saved } = await markSubmits('Two DA investigators are on long-term sick leave until January; DS Khan covers their caseload.', 2);

    assert.match(cardText(form), /An officer has asked about this return: “Which two posts, and when are they back\?/);
    assert.ok(JSON.stringify(form).includes('"value":"Two investigators are off sick; cases reallocated."'), 'the form holds his earlier answer');
    assert.equal(saved.check, 'awaiting check');
    assert.equal(saved.version, 2);
  });

  it('Priya accepts the amended return from a fresh check card', async () => {
    const bubble = await client.sendAndWaitForReply(`check ${ref}`, { containing: `Returns to check matching “${ref}”` });
    const card = bubble.locator('.ac-adaptiveCard');
    await card.getByText('Two DA investigators are on long-term sick leave until January; DS Khan covers their caseload.', { exact: true }).waitFor();

    await card.getByRole('button', { name: 'Accept', exact: true }).click();

    await card.getByText(`✔ Accepted ${ref}.`, { exact: true }).waitFor();
    await card.getByText(`No returns to check matching “${ref}”`, { exact: true }).waitFor();
    assert.equal((await returnOf(periodId, ref)).check, 'accepted');
  });

  it('Priya compiles the report, is warned of the returns not yet checked, signs it off, and the chair is told', async () => {
    const compiled = await client.sendAndWaitForReply('report', { containing: `Compiled the ${period} exception report` });
    await compiled.getByText(/^⚠ \d+ returns? (is|are) not yet checked: /).waitFor();
    const version = Number((await compiled.innerText()).match(/\(version (\d+)\)/)[1]);

    // The chair writes in the group chat (so the bot knows her Teams id), then in the personal chat, so the sign-off
    // card can reach her there.
    await stream.replyTo(() => sendActivity({ conversationId: chats.group, from: '29:helen', text: 'help', mentionBot: true }));
    await stream.replyTo(() => sendActivity({ conversationId: chats.personal, from: '29:helen', text: 'help' }));
    const since = stream.frames.length;

    await compiled.getByRole('button', { name: 'Sign off for the board', exact: true }).click();
    await compiled.getByText(/Sign off anyway, or check them first/).waitFor();
    await compiled.getByRole('button', { name: 'Sign off anyway', exact: true }).click();
    await compiled.getByText(new RegExp(`^✔ The ${period} report \\(version ${version}\\) was signed off by Priya Shah`)).waitFor();

    await runJob('outbox');
    const chair = await stream.waitFor((f) => f.action === 'createMessage' && f.actionConversationId === chats.personal
      && cardText(adaptiveCardOf(f.message) ?? {}).includes(`${period} paper signed off`), { since, what: "the chair's card" });
    const text = cardText(adaptiveCardOf(chair.message));
    assert.match(text, /Signed off by the Performance Management Group on 21 October 2025 \(Priya Shah\)/);
    assert.match(text, /Open the report \(Word\)/);

  });

  /** The card of the bot's next message in the personal chat whose card has an Action.Execute with `verb`. */
  async function nextCardWith(verb, send) {
    const since = stream.frames.length;
    await send();
    const { message } = await stream.waitFor((f) => f.action === 'createMessage' && f.actionConversationId === chats.personal
      && executeAction(adaptiveCardOf(f.message), verb), { since, what: `a card with ${verb}` });
    return { message, card: adaptiveCardOf(message) };
  }

  /** Clicks an Action.Execute of a card as Priya through the Playground's invoke route, with `inputs` merged into its data. */
  async function click(message, action, inputs = {}) {
    const answer = await invokeCardAction({
      conversationId: chats.personal,
      from: '29:priya',
      replyToId: message.messageId ?? message.id,
      action: { type: 'Action.Execute', verb: action.verb, data: { ...action.data, ...inputs } },
    });
    return answer?.value;
  }

  it('Priya records the board\'s decisions: the forms open, a new action reaches its owner, and her own return is queried', async () => {
    // The menu and both forms in the client.
    const menu = await client.sendAndWaitForReply('decisions', { containing: 'Record a decision' });
    await menu.getByRole('button', { name: 'Target change', exact: true }).click();
    await menu.getByText('Applies from', { exact: true }).waitFor();
    await menu.getByRole('button', { name: 'Back', exact: true }).click();
    await menu.getByRole('button', { name: 'New action', exact: true }).click();
    await menu.getByText('Owner (type a name to search)', { exact: true }).waitFor();

    // A new action for Priya herself (she is an owner too), saved through the same card.
    const { message, card } = await nextCardWith('cspbot.decision.action', () => sendActivity({ conversationId: chats.personal, from: '29:priya', text: 'decisions' }));
    const form = await click(message, executeAction(card, 'cspbot.decision.action'));
    const added = await click(message, executeAction(form, 'cspbot.decision.action.save'), {
      title: 'Report to the next board on the night-time economy CCTV review',
      outcome: 'ASB',
      plan: 'ASB & Confidence Plan',
      owner: 'priya.shah@council.example',
      due: 'next-board',
    });
    const said = cardText(added);
    const newRef = said.match(/✔ Added ([A-Z]+-\d+);/)?.[1];
    assert.ok(newRef, said);
    const since = stream.frames.length;
    await runJob('outbox');
    await stream.waitFor((f) => f.action === 'createMessage' && cardText(adaptiveCardOf(f.message) ?? {}).includes(`A new action for you: ${newRef}`), { since, what: "the new action's card" });

    // Her answer for the new action, then a query about it: the question comes to her with her answer in the form.
    const owned = await nextCardWith('cspbot.return.submit', () => sendActivity({ conversationId: chats.personal, from: '29:priya', text: `update ${newRef}` }));
    await click(owned.message, executeAction(owned.card, 'cspbot.return.submit'), { status: 'Green', commentary: 'Terms of reference drafted with the BID.' });
    const check = await nextCardWith('cspbot.check.query', () => sendActivity({ conversationId: chats.personal, from: '29:priya', text: `check ${newRef}` }));
    // Counted from before the click: the question may go out in the same turn (she asked it in her own chat) or with the outbox.
    const queried = stream.frames.length;
    await click(check.message, executeAction(check.card, 'cspbot.check.query'), { [`question-${newRef}`]: 'Who chairs the review?' });
    await runJob('outbox');
    const query = await stream.waitFor((f) => f.action === 'createMessage' && cardText(adaptiveCardOf(f.message) ?? {}).includes('Who chairs the review?'), { since: queried, what: 'the query card' });
    assert.match(cardText(adaptiveCardOf(query.message)), /Priya Shah has a question about your return/);
    assert.equal((await returnOf(periodId, newRef)).check, 'queried');

    // Priya writes last in the client, so the personal chat is hers for the test files after this one.
    await client.sendAndWaitForReply('check', { containing: 'Returns to check' });
  });
});
