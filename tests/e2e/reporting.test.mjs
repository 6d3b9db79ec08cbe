// Reporting in the Teams client on the deadline day of 2025-26 Q2, as Priya Shah (the performance officer): the
// scorecard and the returns status in her personal chat; the team "Haringey CSP", whose General channel becomes the
// partnership channel when the app is added to the team, gets the exception report and the weekly digest; and
// `use this channel` moves the posts to the Performance channel. The clock and the jobs go through the bot's
// operations API. One browser page for the whole file; the channel tests follow on from each other.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BOT_URL, TIMEOUTS } from './lib/env.mjs';
import { DEADLINE_DAY, PRIYA, periodReturns, runJob, setClock } from './lib/operations-api.mjs';
import { PlaygroundLog, conversations } from './lib/playground-api.mjs';
import { TeamsClient, onFailureCapture } from './lib/teams-client.mjs';

const { period, periodId } = DEADLINE_DAY;
const REPORT_HEADING = `${period} exception report`;

describe('reporting in the Teams client, as Priya Shah on the 2025-26 Q2 deadline day', () => {
  /** @type {TeamsClient} */
  let client;
  /** @type {PlaygroundLog} */
  let log;
  let chats;
  before(async () => {
    await setClock(DEADLINE_DAY.now);
    log = await PlaygroundLog.open();
    chats = await conversations();
    // Tall enough for the scorecard and the channel posts in the screenshots.
    client = await TeamsClient.open({ chat: 'Personal Chat', viewport: { width: 1280, height: 1100 } });
  }, { timeout: TIMEOUTS.file });
  after(async () => {
    await client?.close();
    log?.close();
    await setClock(null);
  });
  const it = (name, body) => test(name, { timeout: TIMEOUTS.test }, onFailureCapture(() => client, body));

  it('personal chat: scorecard shows the RAG scorecard for 2025-26 Q2 with the Reds by name', async () => {
    await client.openChat('Personal Chat');
    const reply = await client.sendAndWaitForReply('scorecard', { containing: `Scorecard · ${period}` });
    const card = reply.locator('.ac-adaptiveCard');
    await card.getByText(`Scorecard · ${period}`, { exact: true }).waitFor();

    const { items, expected, received } = await periodReturns(periodId);
    await card.getByText(`Deadline Tue 21 Oct 2025 · ${received} of ${expected} returns in`, { exact: true }).waitFor();
    // The Playground draws Teams' charts (0.2.28 does): the RAG chart, a bar per outcome, not its fallback table
    // (the official renderer, which cannot draw them, shows the fallback in the card validation after the run).
    for (const legend of ['Red', 'Amber', 'Green', 'Complete']) await card.getByText(legend, { exact: true }).first().waitFor();
    for (const code of ['VIO', 'ASB', 'DV']) await card.getByText(code, { exact: true }).first().waitFor();
    assert.equal(await card.getByText('All outcomes', { exact: true }).count(), 0, 'the chart is drawn, so its fallback table is not');
    await card.getByText(/^Direction of travel against the same quarter last year: \d+ improving( \([^)]*\))?, \d+ worsening( \([^)]*\))?, \d+ unchanged; changes in rates and percentages are not tested\.$/).waitFor();
    const reds = items.filter((i) => i.rag === 'Red');
    assert.ok(reds.length > 0, 'the demo has Reds in 2025-26 Q2');
    await card.getByText(`Reds (${reds.length})`, { exact: true }).waitFor();
    // Restricted items (domestic-violence casework) are counted on the scorecard, never named.
    const named = reds.filter((i) => !i.restricted).map((i) => i.ref);
    const hidden = reds.length - named.length;
    const listed = (await card.getByText(/^🔴 [A-Z]/).allInnerTexts()).map((t) => t.split(' ')[1]);
    assert.deepEqual(listed.toSorted(), named.toSorted(), 'the Reds named are the unrestricted ones the returns route reports as Red');
    if (hidden > 0) {
      await card.getByText(`🔴 ${hidden} restricted ${hidden === 1 ? 'item' : 'items'}, not named here.`, { exact: true }).waitFor();
    }

    await client.showTop(reply);
    await client.screenshot('scorecard');
  });

  it('personal chat: status shows the officer the returns per agency and who is still to return', async () => {
    await client.openChat('Personal Chat');
    const reply = await client.sendAndWaitForReply('status', { containing: `Returns for ${period}` });
    const card = reply.locator('.ac-adaptiveCard');
    await card.getByText(`Returns for ${period}`, { exact: true }).waitFor();

    const { items, expected, received } = await periodReturns(periodId);
    await card.getByText(`Deadline Tue 21 Oct 2025 · ${received} of ${expected} returned`, { exact: true }).waitFor();
    // One fact per agency: "<returned> of <expected>", ticked when all are in.
    const titles = (await card.locator('.ac-fact-title').allInnerTexts()).map((t) => t.trim());
    const values = (await card.locator('.ac-fact-value').allInnerTexts()).map((t) => t.trim());
    const shown = Object.fromEntries(titles.map((title, i) => [title, values[i]]));
    const wanted = {};
    for (const item of items) {
      const counts = (wanted[item.agency] ??= { returned: 0, expected: 0 });
      counts.expected++;
      if (item.status === 'returned') counts.returned++;
    }
    assert.deepEqual(shown, Object.fromEntries(Object.entries(wanted).map(([agency, { returned, expected: all }]) =>
      [agency, `${returned} of ${all}${returned === all ? ' ✅' : ''}`])), 'returns per agency');
    await card.getByText(/^Still to return \(returns (outstanding|late)\)$/).waitFor();
    const priyaOwes = items.filter((i) => i.owner === PRIYA && i.status === 'outstanding').length;
    await card.getByText(new RegExp(`(^|, )Priya Shah \\(${priyaOwes}\\)(,|$)`)).waitFor();

    await client.showTop(reply);
    await client.screenshot('status');
  });

  it('team: opening General adds the app to the team, and the compiled exception report is posted there', async () => {
    const since = log.frames.length;
    await client.openChat('Haringey CSP - General');
    // The Playground adds the app to the team the first time a channel is opened; wait until the bot has handled it.
    await log.botHandled({
      activityName: 'conversationUpdate',
      conversationId: chats.general,
      where: (activity) => activity.channelData?.eventType === 'teamMemberAdded',
      since,
    });

    const compiled = await runJob('exception-report');
    assert.equal(compiled.period, period);
    assert.equal(compiled.posted, true, `the report is posted to the partnership channel: ${JSON.stringify(compiled)}`);
    await runJob('outbox');

    const post = client.cardsWith(REPORT_HEADING).filter({ hasText: `version ${compiled.version}` });
    await post.getByText(REPORT_HEADING, { exact: true }).waitFor();
    await post.getByText('Summary highlights', { exact: true }).waitFor();
    await post.getByText(/^Key exceptions · \d+ Red, \d+ key Amber( · \d+ other Amber in the appendices)?$/).waitFor();
    await client.showTop(post);
    await client.screenshot('exception-report');

    // The button asks the bot (Action.Execute): the card comes back, for the clicker only, with a link made for them.
    await post.getByRole('button', { name: 'Open the report (Word)' }).click();
    const link = post.getByRole('link', { name: 'Download the report (Word)' });
    await link.waitFor();
    await post.getByText(/^Your download link works for 15 minutes, until \d\d:\d\d on /).waitFor();
    const target = new URL(await link.getAttribute('title'));
    assert.equal(target.pathname, `/reports/${periodId}/v${compiled.version}/exception-report.docx`);
    assert.match(target.search, /^\?member=\d+&expires=\d+&sig=[\w-]+$/);
    // Followed as a browser would: no sign-in, no operations API header.
    const document = await fetch(new URL(`${target.pathname}${target.search}`, BOT_URL), { signal: AbortSignal.timeout(TIMEOUTS.http) });
    assert.equal(document.status, 200);
    assert.equal(document.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.equal(Buffer.from(await document.arrayBuffer()).subarray(0, 2).toString(), 'PK', 'a .docx (zip) file');
    const edited = await fetch(new URL(`${target.pathname}${target.search.replace(/member=\d+/, 'member=999')}`, BOT_URL), { signal: AbortSignal.timeout(TIMEOUTS.http) });
    assert.equal(edited.status, 403, 'a link edited for another member is refused');
  });

  it('team: the weekly digest is posted in the partnership channel', async () => {
    await client.openChat('Haringey CSP - General');
    const digest = await runJob('digest');
    assert.equal(digest.week, '2025-10-20');
    assert.equal(digest.queued, true, `the digest is queued for the channel: ${JSON.stringify(digest)}`);
    await runJob('outbox');

    const { expected, received } = await periodReturns(periodId);
    const post = client.cardsWith('Weekly digest · week of 20 October 2025');
    await post.getByText('Weekly digest · week of 20 October 2025', { exact: true }).waitFor();
    await post.getByText(`${period} returns: ${received} of ${expected} received · the deadline is today`, { exact: true }).waitFor();
    await post.getByText('Coming up', { exact: true }).waitFor();
    await client.showTop(post);
    await client.screenshot('weekly-digest');
  });

  it('team: @CSP Bot use this channel in Performance confirms, and the next report is posted there', async () => {
    await client.openChat('Haringey CSP - Performance');
    await client.sendMentioningBot('use this channel');
    const thread = client.thread('use this channel');
    await thread.getByText('Done: the weekly digest and exception reports will be posted in this channel', { exact: false }).waitFor();
    await client.screenshot('use-this-channel');

    const compiled = await runJob('exception-report');
    assert.equal(compiled.posted, true, JSON.stringify(compiled));
    await runJob('outbox');
    await client.cardsWith(REPORT_HEADING).filter({ hasText: `version ${compiled.version}` }).getByText(REPORT_HEADING, { exact: true }).waitFor();
  });
});
