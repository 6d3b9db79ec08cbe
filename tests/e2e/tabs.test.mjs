// The operations console behind the Teams tabs (Cycle, My returns, Dashboard), in Debian Chromium as the officer, an
// owner and the chair would use it: every page checked by axe-core at WCAG 2.2 AA, the import done with the keyboard,
// the deadline overridden, a chase, a compiled report downloaded, the period closed (an owner's form then refuses)
// and reopened. Runs last of the e2e files (t…): it chases and closes, which the chat tests must not see.
// Screenshots of each page go to docs/screenshots/console-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOT_URL, TIMEOUTS } from './lib/env.mjs';
import { DEADLINE_DAY, indicatorSpc, periodDeadline, periodReturns, setClock } from './lib/operations-api.mjs';
import { button, failureShot, fluentButtonsInAccessibilityTree, launch, open, screenshot, signIn, violations } from './lib/console.mjs';

const PAGES = ['cycle', 'returns', 'import', 'plans', 'calendar', 'reports', 'audit', 'my-returns', 'dashboard'];

describe('console tabs', { timeout: TIMEOUTS.file * 4 }, () => {
  let browser;
  let officer;
  let files;

  before(async () => {
    await setClock(DEADLINE_DAY.now);
    browser = await launch();
    officer = await signIn(browser, 'Priya Shah');
    files = await mkdtemp(join(tmpdir(), 'cspbot-console-'));
  });

  after(async () => {
    await browser?.close();
  });

  async function guarded(page, name, body) {
    try {
      await body();
    } catch (error) {
      await failureShot(page, `console-${name}-failure`);
      // teams-js asks a Microsoft CDN for its list of hosts; the console's policy keeps it to this app, and says so.
      error.message += `\npage log:\n${(page.log ?? []).filter((l) => !l.includes('res.cdn.office.net')).slice(-20).join('\n')}`;
      throw error;
    }
  }

  test('every page an officer has passes axe at WCAG 2.2 AA, and its buttons are buttons to assistive technology', { timeout: TIMEOUTS.test * 2 }, () => guarded(officer, 'axe', async () => {
    for (const path of PAGES) {
      await open(officer, path);
      assert.deepEqual(await violations(officer), [], `${path} has accessibility violations`);
      for (const [role, name] of await fluentButtonsInAccessibilityTree(officer)) {
        assert.equal(role, 'button', `${path}: "${name}" is not exposed as a button`);
      }

      await screenshot(officer, `console-${path}`);
    }

    // The dashboard drew its charts (each also has its table), and a returned item opens its side panel.
    await open(officer, 'dashboard');
    // The charts are drawn once the page's figures are loaded, which may be a moment after it is interactive.
    await officer.waitForFunction(() => Boolean(window.Chart?.getChart('rag-chart')), null, { timeout: 10_000 })
      .catch(() => assert.fail('the RAG chart is drawn'));
    await open(officer, 'returns');
    await officer.locator('fluent-button[aria-label="Open ACQ-01"]').click();
    await officer.getByRole('heading', { name: /^ACQ-01 / }).waitFor();
    await officer.getByRole('heading', { name: 'Change history' }).waitFor();
    assert.deepEqual(await violations(officer), [], 'returns with the side panel open');
    await screenshot(officer, 'console-returns-panel');
  }));

  test('import: a file with two bad rows is refused with both problems; fixed, the preview shows the change and applying it saves it (keyboard only)', { timeout: TIMEOUTS.test }, () => guarded(officer, 'import', async () => {
    const header = 'ref,plan,outcome,title,owner_email,agency,due_period,restricted';
    const ref = `IMP-${Date.now() % 100000}`; // a new action on every run, also against a database kept from an earlier one
    const bad = join(files, 'actions.csv');
    await writeFile(bad, [
      header,
      `${ref},Gangs & Youth Violence Plan,VIO,Knife arch operations at every station in the borough,nobody@nowhere.example,Metropolitan Police,2026-27 Q1,false`,
      'VIO-91,Gangs & Youth Violence Plan,VIO,Weapons sweeps after every serious incident,mark.reid@met.police.example,Metropolitan Police,2026-27 Q9,false',
    ].join('\n'));
    await open(officer, 'import');

    // Reach the file input with the keyboard; a file chooser itself is the browser's own dialog.
    await officer.locator('body').focus();
    for (let i = 0; i < 40 && (await officer.evaluate(() => document.activeElement?.id)) !== 'import-file'; i++) {
      await officer.keyboard.press('Tab');
    }
    assert.equal(await officer.evaluate(() => document.activeElement?.id), 'import-file', 'the file input is reachable with Tab');
    await officer.locator('#import-file').setInputFiles(bad);
    const problems = officer.locator('section[aria-labelledby="preview-heading"] tbody tr');
    await officer.getByRole('heading', { name: 'Problems in actions.csv' }).waitFor();
    assert.equal(await problems.count(), 2, 'both bad rows are listed');
    assert.match(await problems.nth(0).innerText(), /actions\s+2\s+owner_email/);
    assert.match(await problems.nth(1).innerText(), /actions\s+3\s+due_period/);
    assert.equal(await button(officer, 'Apply actions.csv').count(), 0, 'nothing can be applied');
    assert.deepEqual(await violations(officer), []);

    const good = join(files, 'fixed', 'actions.csv');
    await (await import('node:fs/promises')).mkdir(join(files, 'fixed'));
    await writeFile(good, [
      header,
      `${ref},Gangs & Youth Violence Plan,VIO,Knife arch operations at every station in the borough,mark.reid@met.police.example,Metropolitan Police,2026-27 Q1,false`,
    ].join('\n'));
    await officer.locator('#import-file').setInputFiles(good);
    await officer.getByRole('heading', { name: 'What applying actions.csv would do' }).waitFor();
    assert.match(await officer.locator('section[aria-labelledby="preview-heading"]').innerText(), new RegExp(`Action ${ref}\\s+Title\\s+\\(new\\)\\s+Knife arch operations`));
    await screenshot(officer, 'console-import-preview');
    const apply = button(officer, 'Apply actions.csv');
    await apply.focus();
    await officer.keyboard.press('Enter');
    await officer.getByText(/Done: imported actions\.csv: actions 1 added/).waitFor();
  }));

  test('cycle: the officer overrides the deadline, chases, compiles, and the compiled report downloads', { timeout: TIMEOUTS.test }, () => guarded(officer, 'cycle', async () => {
    await open(officer, 'cycle');
    await officer.locator('#deadline-date').fill('2025-10-24');
    await button(officer, 'Save the deadline').click();
    await officer.getByText(/Done: The deadline for 2025-26 Q2 is Friday 24 October 2025 \(set by an officer/).waitFor();
    assert.equal((await periodDeadline(DEADLINE_DAY.periodId)).deadline, '2025-10-24');

    await button(officer, 'Chase everyone with returns outstanding').click();
    await officer.getByText(/(Done: \d+ reminders? sent for 2025-26 Q2|Not done: (Already chased today|No reminder could be sent))/).waitFor();
    assert.doesNotMatch(await officer.locator('.notice').innerText(), /\(s\)|late/, 'before the deadline nothing is late, and counts are plural-aware');

    await button(officer, 'Compile the report now').click();
    await officer.getByText(/Done: Compiled version \d+ of the 2025-26 Q2 exception report/).waitFor();

    await open(officer, 'reports');
    const download = officer.waitForEvent('download');
    await officer.locator('fluent-button', { hasText: 'Download .docx' }).first().click();
    const file = await (await download).path();
    const bytes = await readFile(file);
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a .docx is a zip package');

    await open(officer, 'cycle');
    await button(officer, 'Use the calendar\'s deadline').click();
    await officer.getByText(/Done: The deadline for 2025-26 Q2 is/).waitFor();
  }));

  test('pmg: the officer moderates, queries and accepts returns awaiting check, signs the report off and records a target change', { timeout: TIMEOUTS.test }, () => guarded(officer, 'pmg', async () => {
    await open(officer, 'returns');
    await officer.getByLabel('Check').selectOption('Awaiting check');
    await officer.getByLabel('RAG').selectOption('Amber');
    const rows = officer.locator('.list tbody tr');
    await officer.getByText(/items match · \d+ returned · \d+ awaiting check/).waitFor();
    const { items } = await periodReturns(DEADLINE_DAY.periodId);
    const amber = items.find((i) => i.kind === 'action' && i.rag === 'Amber' && i.check === 'awaiting check')?.ref;
    assert.ok(amber, 'an Amber action awaits check');
    await officer.locator(`fluent-button[aria-label="Open ${amber}"]`).click();
    await officer.locator('#panel-heading').filter({ hasText: amber }).waitFor();

    // Moderation needs a reason; with one, the status changes and the owner is told.
    await officer.locator('#moderate-status').selectOption('Red');
    await button(officer, 'Change the status').click();
    await officer.getByText('Not done: A change of status needs a reason, for the owner and the history; nothing was changed.').waitFor();
    await officer.locator('#moderate-reason').fill('The revised date has already passed once.');
    await button(officer, 'Change the status').click();
    await officer.getByText(new RegExp(`Done: ${amber} is now Red; .+ has been told why\\.`)).waitFor();

    await officer.getByLabel('RAG').selectOption('');
    const next = (await rows.first().locator('th').innerText()).trim();
    await officer.locator(`fluent-button[aria-label="Open ${next}"]`).click();
    await officer.locator('#panel-heading').filter({ hasText: next }).waitFor();
    await officer.locator('#query-question').fill('Which partner is leading this now?');
    await button(officer, 'Send query').click();
    await officer.getByText(new RegExp(`Done: Query sent to .+ about ${next}\\.`)).waitFor();
    assert.deepEqual(await violations(officer), [], 'returns, checking from the side panel');
    await screenshot(officer, 'console-returns-check');

    const third = (await rows.first().locator('th').innerText()).trim();
    assert.notEqual(third, next, 'the queried return has left the awaiting-check list');
    await officer.locator(`fluent-button[aria-label="Open ${third}"]`).click();
    await officer.locator(`fluent-button[aria-label="Accept ${third}"]`).click();
    await officer.getByText(`Done: Accepted ${third}.`).waitFor();

    await open(officer, 'reports');
    await officer.locator('fluent-button[aria-label^="Sign off 2025-26 Q2 version"]').first().click();
    await officer.getByText(/Not done: ⚠ \d+ returns? (is|are) not yet checked: .* Sign off anyway, or check them first/).waitFor();
    await officer.locator('fluent-button', { hasText: /Sign off 2025-26 Q2 version \d+ anyway/ }).click();
    await officer.getByText(/Done: The 2025-26 Q2 report \(version \d+\) was signed off by Priya Shah/).waitFor();
    assert.deepEqual(await violations(officer), [], 'reports, signed off');

    await open(officer, 'plans');
    await officer.locator('#target-indicator').selectOption('ACQ-I2');
    await officer.locator('#target-new').fill('290');
    await officer.locator('#target-on').fill('2025-10-14');
    await officer.locator('#target-reason').fill('The PMG agreed a stretch target after the summer fall.');
    await button(officer, 'Record the target change').click();
    await officer.getByText(/Done: ACQ-I2's target is 290 from 2025-26 Q2 \(was 300\); the report for 2025-26 Q2 will say so\./).waitFor();
    assert.deepEqual(await violations(officer), [], 'plans, a target change recorded');

    await officer.locator('#police-indicator').selectOption('VIO-02');
    await officer.locator('#police-types').fill('Possession of weapons; Robbery');
    await officer.locator('#police-area').fill('Haringey');
    await button(officer, 'Count it from police data').click();
    await officer.getByText('Done: VIO-02 is counted from police open data: from the street files already uploaded, and from every upload after.').waitFor();
    await officer.locator('#police-types').fill('Dragon theft');
    await button(officer, 'Count it from police data').click();
    await officer.getByText(/Not done: nothing was changed: crime_types: 'Dragon theft' is not a published crime type/).waitFor();
  }));

  test('import: police street files are counted from the archive, and a file of the wrong shape is refused', { timeout: TIMEOUTS.test }, () => guarded(officer, 'police', async () => {
    await open(officer, 'import');
    const wrong = join(files, '2025-09-metropolitan-street.csv');
    await writeFile(wrong, 'ref,period,actual\nACQ-I1,2025-26 Q2,4\n');
    await officer.locator('#police-files').setInputFiles(wrong);
    await officer.getByText(/Not done: Nothing was counted or changed: 2025-09-metropolitan-street\.csv is not a street-level crime file/).waitFor();

    await officer.locator('#police-files').setInputFiles(new URL('../../samples/police/haringey-demo-street.zip', import.meta.url).pathname);
    await officer.getByText(/Done: Counted [\d,]+ crimes from 12 street files\. \d+ indicator figures were stored\./).waitFor();
    await officer.locator('table', { hasText: 'Indicator figures' }).getByText('ACQ-I1').first().waitFor();
    assert.deepEqual(await violations(officer), [], 'import, police files counted');
    await screenshot(officer, 'console-import-police');
  }));

  test('calendar and plans: a board meeting added, moved and removed; an action the board asked for added', { timeout: TIMEOUTS.test }, () => guarded(officer, 'calendar', async () => {
    await open(officer, 'calendar');
    await officer.locator('#meeting-date').fill('2026-03-19');
    await officer.locator('#meeting-kind').selectOption('Board');
    await button(officer, 'Add the meeting').click();
    await officer.getByText('Done: added the board meeting on Thursday 19 March 2026.').waitFor();
    await officer.getByLabel('New date for the board meeting of 19 March 2026').fill('2026-03-26');
    await officer.locator('fluent-button[aria-label="Move the board meeting of 19 March 2026"]').click();
    await officer.getByText('Done: moved the board meeting to Thursday 26 March 2026.').waitFor();
    await officer.locator('#meeting-date').fill('2026-03-26');
    await button(officer, 'Add the meeting').click();
    await officer.getByText('Not done: There is already a board meeting on 26 March 2026.').waitFor();
    await officer.locator('fluent-button[aria-label="Remove the board meeting of 26 March 2026"]').click();
    await officer.getByText('Done: removed the board meeting of Thursday 26 March 2026.').waitFor();
    assert.deepEqual(await violations(officer), []);

    await open(officer, 'plans');
    const ref = `BRD-${Date.now() % 100000}`;
    await officer.locator('#action-ref').fill(ref);
    await officer.locator('#action-title').fill('Report back on the weapons sweep pilot, as the board asked');
    await officer.locator('#action-outcome').selectOption('VIO');
    const offered = await officer.locator('#action-plan option').allInnerTexts();
    assert.ok(offered.includes('Gangs & Youth Violence Plan'), 'the outcome\'s plans are offered');
    assert.ok(!offered.includes('ASB & Confidence Plan'), `only the outcome's plans are offered: ${offered.join(', ')}`);
    await officer.locator('#action-plan').selectOption('Gangs & Youth Violence Plan');
    await officer.locator('#action-owner').selectOption('mark.reid@met.police.example');
    await button(officer, 'Add the action').click();
    await officer.getByText(new RegExp(`Done: Added ${ref}; DI Mark Reid has been told it is due in`)).waitFor();
    await officer.locator('#action-ref').fill(ref.toLowerCase());
    await officer.locator('#action-title').fill('The same again');
    await button(officer, 'Add the action').click();
    await officer.getByText(`Not done: ${ref} is already an action: change it through the import.`).waitFor();

    await officer.locator('#delegation-owner').selectOption('mark.reid@met.police.example');
    await officer.locator('#delegation-delegate').selectOption('sarah.lindqvist@met.police.example');
    await officer.locator('#delegation-until').fill('2026-01-31');
    await button(officer, 'Hand over').click();
    await officer.getByText("Done: Supt Sarah Lindqvist answers DI Mark Reid's returns until 31 January 2026.").waitFor();
    await officer.locator('fluent-button[aria-label="End Supt Sarah Lindqvist answering for DI Mark Reid"]').click();
    await officer.getByText('Done: Supt Sarah Lindqvist no longer answers for DI Mark Reid.').waitFor();
    assert.deepEqual(await violations(officer), []);
  }));

  test('plans: the officer rebases an indicator\'s chart after a change of recording practice, and undoes it', { timeout: TIMEOUTS.test }, () => guarded(officer, 'rebase', async () => {
    const periodId = '2025-26-Q2';
    const before = await indicatorSpc('VIO-02', periodId);
    await open(officer, 'plans');
    await officer.locator('#rebase-indicator').selectOption('VIO-02');
    await officer.locator('#rebase-from').fill('2024-25-Q3');
    await officer.locator('#rebase-reason').fill('Knife crime recorded by the new Home Office rules from October 2024.');
    await button(officer, 'Rebase the chart').click();
    await officer.getByText("Done: VIO-02's chart starts a new segment from 2024-25 Q3: its mean and limits are worked out from there on.").waitFor();
    const rebased = await indicatorSpc('VIO-02', periodId);
    assert.deepEqual(rebased.points.map((p) => p.period), ['2024-25-Q3', '2024-25-Q4', '2025-26-Q1', '2025-26-Q2']);
    assert.equal(rebased.mean, null, 'four quarters are too few for limits');
    assert.equal(rebased.variation, 'insufficient', 'too few points for limits: not enough data yet');

    // A period with no figure is refused, with nothing changed.
    await officer.locator('#rebase-indicator').selectOption('VIO-02');
    await officer.locator('#rebase-from').fill('2019-20-Q1');
    await officer.locator('#rebase-reason').fill('A typing slip.');
    await button(officer, 'Rebase the chart').click();
    await officer.getByText(/^Not done: Nothing was changed: /).waitFor();
    assert.deepEqual(await violations(officer), []);

    await officer.locator('fluent-button', { hasText: 'Undo the rebase of VIO-02 from 2024-25 Q3' }).click();
    await officer.getByText("Done: VIO-02's chart is no longer rebased from 2024-25 Q3.").waitFor();
    assert.deepEqual((await indicatorSpc('VIO-02', periodId)).points.map((p) => p.period), before.points.map((p) => p.period));
  }));

  test('closing the period makes an owner\'s form refuse; reopening lets it save again', { timeout: TIMEOUTS.test }, () => guarded(officer, 'close', async () => {
    const owner = await signIn(browser, 'DI Mark Reid');
    try {
      await open(officer, 'cycle');
      await button(officer, 'Close 2025-26 Q2').click();
      await officer.getByText('Done: 2025-26 Q2 is closed: returns can no longer be changed.').waitFor();

      await open(owner, 'my-returns');
      const form = owner.locator('form[aria-label^="Return for DV-07"]');
      await form.locator('select').selectOption('Amber');
      await form.locator('textarea').first().fill('Two investigators back from the course; detections recovering.');
      await form.locator('textarea').nth(1).fill('Weekly case review of every charge decision until the end of December.');
      await form.locator('input[type=date]').fill('2026-01-30');
      await form.locator('fluent-button').click();
      await owner.getByText(/Not done: 2025-26 Q2 is closed, so returns can no longer be changed/).waitFor();

      await button(officer, 'Reopen 2025-26 Q2').click();
      await officer.getByText('Done: 2025-26 Q2 is open again for returns.').waitFor();
      await form.locator('fluent-button').click();
      await owner.getByText('Done: saved the return for DV-07.').waitFor();
      assert.deepEqual(await violations(owner), []);
      await screenshot(owner, 'console-my-returns-owner');
    } finally {
      await owner.context().close();
    }
  }));

  test('an owner opening Cycle is refused; the chair sees the cycle but cannot run it', { timeout: TIMEOUTS.test }, () => guarded(officer, 'roles', async () => {
    const owner = await signIn(browser, 'DI Mark Reid');
    const chair = await signIn(browser, 'Cllr Helen Marsh');
    try {
      const refused = await owner.goto(new URL('/console/cycle', BOT_URL).href);
      assert.equal(refused.status(), 403);
      await owner.getByRole('heading', { name: 'This page is not open to you' }).waitFor();
      assert.deepEqual(await violations(owner), []);
      assert.equal(await owner.getByRole('link', { name: 'Cycle' }).count(), 0, 'an owner is not offered the officer pages');

      await open(chair, 'cycle');
      await chair.getByRole('heading', { name: 'Returns by agency' }).waitFor();
      assert.equal(await button(chair, 'Chase everyone with returns outstanding').count(), 0, 'the chair does not chase');
      assert.equal(await chair.getByRole('link', { name: 'Check them on the Returns page' }).count(), 0, 'the chair is not sent to a page that would refuse her');
      await open(chair, 'reports');
      await chair.getByRole('heading', { name: 'Every compiled version' }).waitFor();
      assert.equal(await chair.locator('fluent-button', { hasText: 'Compile the' }).count(), 0, 'the chair signs off but does not compile');
      assert.deepEqual(await violations(chair), []);
      await open(chair, 'dashboard');
      assert.deepEqual(await violations(chair), []);
      assert.equal((await chair.goto(new URL('/console/import', BOT_URL).href)).status(), 403);

      // Signing out ends the session: the next page asks who you are.
      await open(chair, 'dashboard');
      await button(chair, 'Sign out').click();
      await chair.waitForURL(/\/console\/sign-in$/);
      assert.deepEqual(await violations(chair), [], 'the sign-in page');
      await chair.goto(new URL('/console/dashboard', BOT_URL).href);
      await chair.waitForURL(/\/console\/sign-in\?ReturnUrl=/);
    } finally {
      await owner.context().close();
      await chair.context().close();
    }
  }));
});
