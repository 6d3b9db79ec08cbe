// The console wherever Teams is (issue 27): every page the officer has, at 1,280×800, 375×740 (Teams on a phone),
// 320×640 and 640 px (200% zoom on a laptop), in Teams' default, dark and contrast themes (?theme=) and with the
// system's forced colours: the page never scrolls sideways, every piece of text has WCAG contrast against the
// background it is really drawn on, and axe-core finds nothing at WCAG 2.2 AA. Then the Returns check by keyboard:
// Tab presses counted, and where the focus lands after opening, Escape, Back and Accept.
// One browser; one signed-in session copied into a context per theme; the viewport changes within a context.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BOT_URL, TIMEOUTS } from './lib/env.mjs';
import { DEADLINE_DAY, periodReturns, setClock } from './lib/operations-api.mjs';
import { failureShot, launch, open, screenshot, signIn, violations } from './lib/console.mjs';

const PAGES = ['cycle', 'returns', 'import', 'plans', 'calendar', 'reports', 'audit', 'my-returns', 'dashboard'];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
const SMALLEST = { width: 320, height: 640 };
const ZOOMED = { width: 640, height: 400 }; // 1,280×800 at 200%
const THEMES = ['default', 'dark', 'contrast', 'forced'];

/** In the page: how far it scrolls sideways, and (with `contrast`) every visible text whose contrast with its real background is too low. */
function measure(contrast) {
  // Chart.js fits its canvases to a new width a frame later.
  const fitted = new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const rgba = (text) => {
    const [r, g, b, a = 1] = text.match(/[\d.]+/g).map(Number);
    return { r, g, b, a };
  };
  const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1,
  });
  const parent = (element) => element.parentElement ?? element.getRootNode().host ?? null;
  // The colour behind an element: its own background over its ancestors', up to the page's canvas.
  const backgrounds = new Map();
  const background = (element) => {
    if (backgrounds.has(element)) return backgrounds.get(element);
    const layers = [];
    for (let e = element; e; e = parent(e)) {
      const colour = rgba(getComputedStyle(e).backgroundColor);
      if (colour.a > 0) layers.push(colour);
      if (colour.a >= 1) break;
    }
    const dark = getComputedStyle(document.documentElement).colorScheme === 'dark';
    const behind = layers.reduceRight((under, top) => over(top, under), dark ? { r: 0, g: 0, b: 0, a: 1 } : { r: 255, g: 255, b: 255, a: 1 });
    backgrounds.set(element, behind);
    return behind;
  };
  const luminance = ({ r, g, b }) => [r, g, b]
    .map((v) => v / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const failures = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = contrast ? walker.nextNode() : null; node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || !element || element.closest('option, script, style, noscript, canvas, [aria-hidden="true"], [disabled], .visually-hidden')) continue;
    if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || box.right < 0) continue; // off-screen skip links
    const style = getComputedStyle(element);
    const behind = background(element);
    const fore = over(rgba(style.color), behind);
    const [light, dark] = [luminance(fore), luminance(behind)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) failures.push(`"${node.textContent.trim().slice(0, 40)}" ${ratio.toFixed(2)}:1 (${style.color} on ${Object.values(behind).slice(0, 3).join(',')})`);
  }
  return fitted.then(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth, failures: [...new Set(failures)].slice(0, 8) }));
}

describe('the console at every width and in every theme', { timeout: TIMEOUTS.file * 2 }, () => {
  let browser;
  let session;
  const pages = {};

  before(async () => {
    await setClock(DEADLINE_DAY.now);
    browser = await launch();
    const officer = await signIn(browser, 'Priya Shah', { viewport: DESKTOP });
    session = await officer.context().storageState();
    await officer.context().close();
  });

  after(async () => {
    await browser?.close();
    await setClock(null);
  });

  /** A page in its own context (signed in already) showing the console in one theme. */
  async function themed(theme) {
    if (pages[theme]) return pages[theme];
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB', timezoneId: 'Europe/London', storageState: session, forcedColors: theme === 'forced' ? 'active' : 'none' });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUTS.reply);
    page.log = [];
    page.on('pageerror', (e) => page.log.push(`pageerror: ${e.message}`));
    // ?theme= is kept for the session: the first page asks, the others follow it.
    await page.goto(new URL(`/console/cycle${theme === 'forced' ? '' : `?theme=${theme}`}`, BOT_URL).href);
    pages[theme] = page;
    return page;
  }

  async function guarded(page, name, body) {
    try {
      await body();
    } catch (error) {
      await failureShot(page, `fit-${name}-failure`);
      error.message += `\npage log:\n${(page.log ?? []).slice(-10).join('\n')}`;
      throw error;
    }
  }

  for (const theme of THEMES) {
    test(`${theme}: every officer page fits 1,280, 640, 375 and 320 px with no sideways scroll, and its text has contrast${theme === 'default' || theme === 'dark' ? ', and axe passes' : ''}`, { timeout: TIMEOUTS.test * 2 }, async () => {
      const page = await themed(theme);
      await guarded(page, theme, async () => {
        const problems = [];
        for (const path of PAGES) {
          await page.setViewportSize(DESKTOP);
          await open(page, path);
          if (path === 'dashboard') await page.waitForFunction(() => Boolean(window.Chart?.getChart('rag-chart')));
          if (theme !== 'forced') {
            assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme, `${path} keeps ?theme=${theme}`);
          }
          for (const viewport of [DESKTOP, ZOOMED, PHONE, SMALLEST]) {
            await page.setViewportSize(viewport);
            // Colours do not change with the width: their contrast is measured at 320 px, with the menu button showing.
            const { scrollWidth, clientWidth, failures } = await page.evaluate(measure, viewport === SMALLEST);
            if (scrollWidth > clientWidth) problems.push(`${path} at ${viewport.width}: the page is ${scrollWidth} px wide`);
            for (const failure of failures) problems.push(`${path} at ${viewport.width}: ${failure}`);
          }
          // axe at the smallest width, where the menu button and the stacked forms are, in the default and dark themes
          // (its other rules do not depend on colour; in the contrast theme and with forced colours the contrast measured
          // above is the check, which keeps this file to about two and a half minutes).
          if (theme === 'default' || theme === 'dark') for (const violation of await violations(page)) problems.push(`${path} at 320: ${violation}`);
          if ((theme === 'dark' && path === 'dashboard') || (theme === 'default' && path === 'cycle')) {
            await page.setViewportSize(PHONE);
            await screenshot(page, `console-${path}${theme === 'dark' ? '-dark' : ''}-phone`);
          }
        }
        assert.deepEqual(problems, [], `${theme}: every page fits and reads`);
      });
    });
  }

  test('inside Teams the console takes Teams\' theme, and changes when Teams does', { timeout: TIMEOUTS.test }, async () => {
    const context = await browser.newContext({ viewport: PHONE, storageState: session });
    const page = await context.newPage();
    // Teams as a tab's host is to teams-js: its context says the theme, and it calls the registered handler on a change.
    await context.route('**/lib/teams-js/MicrosoftTeams.min.js', (route) => route.fulfill({
      contentType: 'text/javascript',
      body: `window.microsoftTeams = { app: {
        initialize: () => Promise.resolve(),
        getContext: () => Promise.resolve({ app: { theme: 'dark' } }),
        registerOnThemeChangeHandler: (handler) => { window.teamsThemeChanged = handler; },
      } };`,
    }));
    await guarded(page, 'teams', async () => {
      await open(page, 'dashboard');
      const tokens = () => page.evaluate(() => {
        const style = getComputedStyle(document.body);
        return { theme: document.documentElement.dataset.theme, background: style.backgroundColor, text: style.color };
      });
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark' && getComputedStyle(document.body).backgroundColor !== 'rgb(250, 250, 250)');
      const dark = await tokens();
      await page.evaluate(() => window.teamsThemeChanged('contrast'));
      await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(0, 0, 0)');
      assert.deepEqual(await tokens(), { theme: 'contrast', background: 'rgb(0, 0, 0)', text: 'rgb(255, 255, 255)' });
      await page.evaluate(() => window.teamsThemeChanged('default'));
      await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(250, 250, 250)');
      const light = await tokens();
      assert.equal(light.theme, 'default');
      assert.notEqual(dark.text, light.text, 'the text changed colour with the theme');
      // The charts were drawn again in the new theme's colours.
      assert.equal(await page.evaluate(() => window.Chart.getChart('rag-chart').options.color), await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--colorNeutralForeground2').trim()));
    });
    await context.close();
  });

  test('the menu button shows and hides the navigation on a phone, and every page is reachable from it', { timeout: TIMEOUTS.test }, async () => {
    const page = await themed('dark');
    await guarded(page, 'menu', async () => {
      await page.setViewportSize(PHONE);
      await open(page, 'cycle');
      const menu = page.getByRole('button', { name: 'Menu', exact: true }); // the ☰ is decoration, not its name
      const nav = page.getByRole('navigation', { name: 'Console' });
      assert.equal(await menu.getAttribute('aria-expanded'), 'false');
      assert.equal(await nav.isVisible(), false, 'the navigation is folded away');
      await menu.click();
      await page.locator('button.menu-button[aria-expanded="true"]').waitFor();
      assert.deepEqual(await nav.getByRole('link').allInnerTexts(), ['Cycle', 'Returns', 'Import', 'Plans and people', 'Calendar', 'Reports', 'Audit', 'My returns', 'Dashboard']);
      await nav.getByRole('link', { name: 'Audit' }).click();
      await page.waitForURL(/\/console\/audit$/);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('button.menu-button[aria-expanded="false"]').waitFor(); // choosing a page folds the menu
      assert.equal(await nav.isVisible(), false);
    });
  });

  test('the Returns panel sits beside the list at 1,280 px and is a full-width view of its own at 320 px', { timeout: TIMEOUTS.test }, async () => {
    const page = await themed('default');
    await guarded(page, 'panel', async () => {
      await page.setViewportSize(DESKTOP);
      await open(page, 'returns');
      await page.locator('fluent-button[aria-label="Open ACQ-01"]').click();
      await page.locator('#panel-heading').filter({ hasText: 'ACQ-01' }).waitFor();
      const beside = await page.evaluate(() => {
        const [list, panel] = ['.split > .list', '.split > .panel'].map((s) => document.querySelector(s).getBoundingClientRect());
        return { listRight: list.right, panelLeft: panel.left, panelRight: panel.right, width: document.documentElement.clientWidth };
      });
      assert.ok(beside.panelLeft >= beside.listRight && beside.panelRight <= beside.width, `the panel is beside the list and inside the page: ${JSON.stringify(beside)}`);
      await page.setViewportSize(SMALLEST);
      assert.equal(await page.locator('.split > .list').isVisible(), false, 'on a phone the open panel replaces the list');
      const panel = await page.locator('.split > .panel').boundingBox();
      assert.ok(panel.x >= 0 && panel.x + panel.width <= 320, `the panel fits 320 px: ${JSON.stringify(panel)}`);
      await screenshot(page, 'console-returns-panel-phone');
      await page.keyboard.press('Escape');
      await page.locator('.split > .list').waitFor();
    });
  });

  test('checking a return by keyboard: open, Back, Escape and Accept each leave the focus where the next step starts', { timeout: TIMEOUTS.test }, async () => {
    const page = await themed('default');
    await guarded(page, 'keyboard', async () => {
      await page.setViewportSize(DESKTOP);
      const { items } = await periodReturns(DEADLINE_DAY.periodId);
      // Not an Amber action: the console tests moderate and accept those later.
      const ref = items.find((i) => i.check === 'awaiting check' && !(i.kind === 'action' && i.rag === 'Amber'))?.ref;
      assert.ok(ref, 'a return awaits check');
      await open(page, 'returns');
      const focused = () => page.evaluate(() => {
        const e = document.activeElement;
        return e?.id || e?.getAttribute('aria-label') || (e?.tagName === 'A' ? e.textContent.trim() : '') || e?.className || e?.tagName;
      });
      const tabUntil = async (target, most) => {
        for (let presses = 1; presses <= most; presses++) {
          await page.keyboard.press('Tab');
          if ((await focused()) === target) return presses;
        }
        return Infinity;
      };

      // The layout's skip link (the page's first link) takes the keyboard to the page's content.
      assert.equal(await page.evaluate(() => document.querySelector('a[href], button')?.textContent), 'Skip to main content');
      await page.getByRole('link', { name: 'Skip to main content' }).focus();
      await page.keyboard.press('Enter');
      assert.equal(await focused(), 'main', 'it moves focus to the main content');

      // The page's skip link takes the keyboard past the filters to the items; the first Open is a few presses on.
      await page.locator('h1').focus();
      assert.equal(await tabUntil('Skip to the items', 2), 1, 'the skip link is the first stop after the heading');
      await page.keyboard.press('Enter');
      assert.equal(await focused(), 'returns-items', 'the skip link moves focus to the items');
      const toOpen = await tabUntil('Open ACQ-01', 10);
      assert.ok(toOpen <= 10, `the first Open is ${toOpen} presses from the items`);

      // Open: focus moves to the panel's heading; Back returns it to the row's Open button.
      const openButton = page.locator(`fluent-button[aria-label="Open ${ref}"]`);
      await openButton.focus();
      await page.keyboard.press('Enter');
      await page.locator('#panel-heading').filter({ hasText: ref }).waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'panel-heading');
      assert.equal(await tabUntil('panel-back', 3), 1, 'Back is the first stop in the panel');
      await page.keyboard.press('Enter');
      await page.waitForFunction((label) => document.activeElement?.getAttribute('aria-label') === label, `Open ${ref}`);

      // Escape does the same.
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'panel-heading');
      await page.keyboard.press('Escape');
      await page.waitForFunction((label) => document.activeElement?.getAttribute('aria-label') === label, `Open ${ref}`);

      // Accept is two presses from the heading; afterwards the focus is on the result.
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'panel-heading');
      const toAccept = await tabUntil(`Accept ${ref}`, 10);
      assert.ok(toAccept <= 3, `Accept is ${toAccept} presses from the panel's heading`);
      await page.keyboard.press('Enter');
      await page.getByText(`Done: Accepted ${ref}.`).waitFor();
      await page.waitForFunction(() => document.activeElement?.classList.contains('notice'));
    });
  });
});
