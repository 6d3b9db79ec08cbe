// The console in Welsh (issue 28) in Chromium as the officer: the header's switch records her choice and opens the page
// in Welsh (<html lang="cy">), every page of hers reads in Welsh and passes axe at WCAG 2.2 AA with no sideways scroll
// at 320 px, the Dashboard's charts, badges and filter speak Welsh while the page is interactive (the Blazor circuit is
// in Welsh too), and the switch back records English. With no choice recorded, Teams' locale (teams-js app.locale)
// decides before the browser's languages, and the browser's before the partnership's default.
// Needs only the bot (run.sh starts it): `cd tests/e2e && node --test welsh.test.mjs`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BOT_URL, TIMEOUTS } from './lib/env.mjs';
import { DEADLINE_DAY, setClock } from './lib/operations-api.mjs';
import { button, failureShot, launch, open, screenshot, signIn, violations } from './lib/console.mjs';

const PAGES = ['cycle', 'calendar', 'my-returns', 'dashboard'];
const DESKTOP = { width: 1280, height: 900 };
const SMALLEST = { width: 320, height: 640 };
const PHONE = { width: 375, height: 740 };

describe('the console in Welsh', { timeout: TIMEOUTS.file * 2 }, () => {
  let browser;
  let officer;

  before(async () => {
    await setClock(DEADLINE_DAY.now);
    browser = await launch();
    officer = await signIn(browser, 'Priya Shah', { viewport: DESKTOP });
  });

  after(async () => {
    await browser?.close();
    await setClock(null);
  });

  async function guarded(page, name, body) {
    try {
      await body();
    } catch (error) {
      await failureShot(page, `welsh-${name}-failure`);
      error.message += `\npage log:\n${(page.log ?? []).filter((l) => !l.includes('res.cdn.office.net')).slice(-20).join('\n')}`;
      throw error;
    }
  }

  const lang = (page) => page.evaluate(() => document.documentElement.lang);

  test('the header\'s switch opens the console in Welsh, and every page of the officer\'s reads in Welsh, fits 320 px and passes axe', { timeout: TIMEOUTS.test * 2 }, () => guarded(officer, 'pages', async () => {
    await open(officer, 'cycle');
    assert.equal(await lang(officer), 'en-GB');
    assert.equal(await officer.getByRole('heading', { level: 1 }).innerText(), 'Cycle: 2025-26 Q2');

    // The switch offers Welsh in Welsh; choosing it records her choice and opens the same page again, in Welsh.
    await button(officer, 'Cymraeg').click();
    await officer.waitForFunction(() => document.documentElement.lang === 'cy');
    await officer.locator('[data-interactive="true"]').waitFor();
    assert.match(officer.url(), /\/console\/cycle$/);
    assert.equal(await officer.evaluate(() => document.documentElement.dataset.languageFrom), 'preference');
    assert.equal(await officer.getByRole('heading', { level: 1 }).innerText(), 'Cylch: 2025-26 Ch2');
    const nav = officer.getByRole('navigation', { name: 'Consol' });
    assert.deepEqual(await nav.getByRole('link').allInnerTexts(),
      ['Cylch', 'Ffurflenni', 'Mewnforio', 'Cynlluniau a phobl', 'Calendr', 'Adroddiadau', 'Archwilio', 'Fy ffurflenni', 'Dangosfwrdd']);
    await button(officer, 'English').waitFor();
    assert.equal(await button(officer, 'English').getAttribute('lang'), 'en');

    const problems = [];
    for (const path of PAGES) {
      await officer.setViewportSize(DESKTOP);
      await open(officer, path);
      if (path === 'dashboard') await officer.waitForFunction(() => Boolean(window.Chart?.getChart('rag-chart')));
      if (await lang(officer) !== 'cy') problems.push(`${path}: <html lang="${await lang(officer)}">`);
      const skip = await officer.locator('a.skip-link').textContent();
      if (skip !== 'Neidio i\'r prif gynnwys') problems.push(`${path}: the skip link says "${skip}"`);
      for (const viewport of [PHONE, SMALLEST]) {
        await officer.setViewportSize(viewport);
        const { scrollWidth, clientWidth } = await officer.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve({
          scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
        })))));
        if (scrollWidth > clientWidth) problems.push(`${path} at ${viewport.width}: the page is ${scrollWidth} px wide`);
      }
      for (const violation of await violations(officer)) problems.push(`${path} at 320: ${violation}`);
      if (path === 'dashboard' || path === 'cycle') await screenshot(officer, `console-${path}-cy-phone`);
    }
    assert.deepEqual(problems, [], 'every page is in Welsh, fits and passes axe');
  }));

  test('the Dashboard\'s headings, charts, badges and filter are Welsh while the page is in use', { timeout: TIMEOUTS.test }, () => guarded(officer, 'dashboard', async () => {
    await officer.setViewportSize(DESKTOP);
    await open(officer, 'dashboard');
    await officer.waitForFunction(() => Boolean(window.Chart?.getChart('trend-VIO-03')));
    assert.equal(await officer.getByRole('heading', { level: 1 }).innerText(), 'Dangosfwrdd: 2025-26 Ch2');
    await officer.getByRole('heading', { name: 'RAG fesul canlyniad strategol' }).waitFor();

    const chart = await officer.evaluate(() => {
      const drawn = window.Chart.getChart('trend-VIO-03');
      return { labels: drawn.data.labels, datasets: drawn.data.datasets.map((d) => d.label) };
    });
    assert.equal(chart.labels.at(-1), '2025-26 Ch2');
    assert.deepEqual(chart.datasets, ['VIO-03', 'Achos arbennig', 'Cymedr', 'Terfyn proses uchaf', 'Terfyn proses isaf', 'Targed']);
    const rag = await officer.evaluate(() => window.Chart.getChart('rag-chart').data.datasets.map((d) => d.label));
    assert.deepEqual(rag, ['Coch', 'Ambr', 'Gwyrdd', 'Wedi\'i gwblhau', 'Dim ffurflen']);

    const figure = officer.locator('#indicator-VIO-03');
    assert.match(await figure.locator('figcaption').innerText(), /yn gwaethygu \(arwyddocaol\) · targed 60/);
    await figure.getByText('Achos arbennig sy\'n peri pryder', { exact: true }).waitFor();
    const alt = await figure.locator('canvas').getAttribute('aria-label');
    assert.match(alt, /^Siart XmR o VIO-03, 8 chwarter o \d{4}-\d{2} Ch\d i 2025-26 Ch2; cymedr 53\.8, terfynau proses 34\.8 i 72\.8 \(prawf\); targed 60\./);
    assert.match(alt, /Achos arbennig: 2025-26 Ch2 79, y tu hwnt i derfyn \(uchel\)\./);

    // An interactive change re-renders in Welsh: the circuit took the page's language.
    const shown = officer.locator('p[role="status"]').filter({ hasText: 'Yn dangos' });
    const all = await shown.innerText();
    await officer.getByLabel('Achos arbennig yn unig').check();
    await officer.waitForFunction((before) => {
      const status = [...document.querySelectorAll('p[role="status"]')].find((p) => p.textContent.startsWith('Yn dangos'));
      return status && status.textContent !== before;
    }, all);
    assert.match(await shown.innerText(), /^Yn dangos \d+ o \d+ dangosydd \(achos arbennig yn unig\)$/);
    await screenshot(officer, 'console-dashboard-cy');
  }));

  test('switching back records English; with no choice, Teams\' locale comes before the browser\'s languages', { timeout: TIMEOUTS.test }, () => guarded(officer, 'back', async () => {
    await open(officer, 'my-returns');
    await button(officer, 'English').click();
    await officer.waitForFunction(() => document.documentElement.lang === 'en-GB');
    await officer.locator('[data-interactive="true"]').waitFor();
    assert.equal(await officer.getByRole('heading', { level: 1 }).innerText(), 'My returns for 2025-26 Q2');

    // She clears her choice (My returns' language form): the console follows her browser (en-GB) again.
    await officer.locator('#language-choice').selectOption('');
    await button(officer, 'Save the language').click();
    await officer.getByText('Priya Shah\'s language is now not chosen.').waitFor();

    // Teams in Welsh, her browser in English, no choice recorded: console.js keeps Teams' locale and the page reopens in Welsh.
    const session = await officer.context().storageState();
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB', storageState: session });
    const page = await context.newPage();
    page.log = [];
    page.on('pageerror', (e) => page.log.push(`pageerror: ${e.message}`));
    await context.route('**/lib/teams-js/MicrosoftTeams.min.js', (route) => route.fulfill({
      contentType: 'text/javascript',
      body: `window.microsoftTeams = { app: {
        initialize: () => Promise.resolve(),
        getContext: () => Promise.resolve({ app: { theme: 'default', locale: 'cy-GB' } }),
        registerOnThemeChangeHandler: () => {},
      } };`,
    }));
    await guarded(page, 'teams', async () => {
      await page.goto(new URL('/console/dashboard', BOT_URL).href);
      await page.waitForFunction(() => document.documentElement.lang === 'cy' && document.documentElement.dataset.languageFrom === 'teams');
      await page.locator('[data-interactive="true"]').waitFor();
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Dangosfwrdd: 2025-26 Ch2');
      assert.deepEqual(await page.evaluate(() => document.cookie.split('; ').filter((c) => c.startsWith('cspbot-teams-locale='))), ['cspbot-teams-locale=cy-GB']);
    });
    await context.close();

    // A browser in Welsh outside Teams: Welsh; her own pages in English again once the officer's browser asks for English.
    const welshBrowser = await browser.newContext({ viewport: DESKTOP, locale: 'cy-GB', storageState: session });
    const plain = await welshBrowser.newPage();
    await plain.goto(new URL('/console', BOT_URL).href);
    assert.equal(await plain.evaluate(() => document.documentElement.lang), 'cy');
    assert.equal(await plain.evaluate(() => document.documentElement.dataset.languageFrom), 'browser');
    assert.equal(await plain.getByRole('heading', { level: 1 }).innerText(), 'Croeso, Priya');
    await welshBrowser.close();
    await open(officer, 'cycle');
    assert.equal(await lang(officer), 'en-GB');
    assert.equal(await officer.evaluate(() => document.documentElement.dataset.languageFrom), 'browser');
  }));
});
