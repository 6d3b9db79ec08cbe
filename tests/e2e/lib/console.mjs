// The operations console (/console) in Chromium: one browser for the file, a context per person signed in with the
// Development "act as" picker. Fluent UI buttons are web components whose role comes from ElementInternals, which
// Playwright's role engine does not read (Chromium's accessibility tree does: see tabs.test.mjs), so they are found
// by their text.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS_DIR, BOT_URL, CHROMIUM_PATH, SCREENSHOTS_DIR, TIMEOUTS } from './env.mjs';

/** WCAG 2.2 AA and everything below it. */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
}

/** A browser context signed in as the member whose picker entry starts with `name` (e.g. 'Priya Shah'). */
export async function signIn(browser, name, { viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUTS.reply);
  page.log = [];
  page.on('console', (m) => page.log.push(`console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => page.log.push(`pageerror: ${e.message}`));
  await page.goto(new URL('/console/sign-in', BOT_URL).href);
  const option = page.locator('#member option', { hasText: new RegExp(`^${name} \\(`) });
  await page.locator('#member').selectOption(await option.getAttribute('value'));
  await page.getByRole('button', { name: 'Act as this member' }).click();
  await page.waitForURL(/\/console$/);
  return page;
}

/** A Fluent UI button by its exact text. */
export function button(page, text) {
  return page.locator('fluent-button').filter({ hasText: new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
}

/** Opens a console page and waits until the circuit is live (Blazor has taken over the prerendered page). */
export async function open(page, path) {
  await page.goto(new URL(`/console/${path}`, BOT_URL).href);
  // The layout says when the page is interactive (the prerendered HTML arrives first, its buttons live a moment later).
  await page.locator('[data-interactive="true"]').waitFor();
  await page.locator('h1').first().waitFor();
}

/** axe-core's WCAG 2.2 AA violations on the page as text, one per rule (empty when none). */
export async function violations(page) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Every Fluent button on the page as Chromium's accessibility tree exposes it: [role, name]. */
export async function fluentButtonsInAccessibilityTree(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const texts = await page.locator('fluent-button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') || b.innerText));
  return texts.map((text) => [nodes.some((n) => n.role?.value === 'button' && n.name?.value?.trim() === text.trim()) ? 'button' : 'not a button', text.trim()]);
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: false });
}

export async function failureShot(page, name) {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true }).catch(() => {});
}
