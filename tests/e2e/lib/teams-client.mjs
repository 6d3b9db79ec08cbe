// The Playground's Teams-like web UI in Chromium (playwright-core). One browser page per test file: loading the UI is
// slow (CPU-bound bundle), so open it in `before`, reuse it across the file's tests and close it in `after`.
// Selectors: /work/shared/design/PLAYGROUND.md ("Selectors").
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ARTIFACTS_DIR, CHROMIUM_PATH, PLAYGROUND_URL, SCREENSHOTS_DIR, TIMEOUTS } from './env.mjs';

export class TeamsClient {
  /** Everything the page logged (console, page errors, failed requests), saved with failure screenshots. */
  pageLog = [];

  constructor(browser, page) {
    this.browser = browser;
    this.page = page;
  }

  /**
   * Launches Chromium, opens the Playground and waits until the chat list and the message box are usable.
   * `viewport`: the window size (1280×800 by default); a taller one fits a long card into a screenshot.
   */
  static async open({ chat = 'Personal Chat', viewport = { width: 1280, height: 800 } } = {}) {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
    try {
      const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
      const page = await context.newPage();
      const client = new TeamsClient(browser, page);
      page.on('console', (m) => client.pageLog.push(`console.${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => client.pageLog.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (r) => {
        if (!r.url().startsWith('https://')) client.pageLog.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`);
      });
      // The UI asks a CDN for Segoe fonts; there is no internet here, so fail those at once instead of waiting.
      await page.route(/^https:\/\//, (route) => route.abort());
      page.setDefaultTimeout(TIMEOUTS.reply);
      await page.goto(PLAYGROUND_URL, { timeout: TIMEOUTS.pageLoad });
      await client.messageBox.waitFor({ timeout: TIMEOUTS.pageLoad });
      await client.openChat(chat);
      return client;
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  /** The compose box of the open chat (a Lexical editor; in channels the first one is "Start a new post"). */
  get messageBox() {
    return this.page.locator('div[role="textbox"][data-lexical-editor="true"]').first();
  }

  /** The bot's message bubbles in the open chat, oldest first (cards and text alike). Not in channels: see `cards`. */
  get botMessages() {
    return this.page.locator('.fai-OutputCard');
  }

  /** Every Adaptive Card rendered in the open chat or channel (channel posts have no bot bubble around them). */
  get cards() {
    return this.page.locator('.ac-adaptiveCard');
  }

  /** The cards in the open chat or channel that contain `text` (a string or RegExp), oldest first. */
  cardsWith(text) {
    return this.cards.filter({ hasText: text });
  }

  /** A channel post with the replies under it, found by the text of its root message. */
  thread(rootText) {
    return this.page.getByRole('group').filter({ hasText: rootText });
  }

  /** Opens a chat from the sidebar: 'Personal Chat', the group chat's name, or a channel as '<team> - <channel>'. */
  async openChat(name) {
    const item = this.page.getByRole('treeitem', { name });
    await item.waitFor({ timeout: TIMEOUTS.pageLoad });
    await item.click();
    await this.messageBox.waitFor();
  }

  /** Types a message as the current user and sends it with Enter. */
  async send(text) {
    await this.messageBox.fill(text);
    await this.messageBox.press('Enter');
  }

  /**
   * Types an @mention of the bot (picked from the typeahead, as a person would), then the text, and sends it.
   * Group chats and channels only pass messages that mention the bot.
   */
  async sendMentioningBot(text, { botName = 'CSP Bot' } = {}) {
    await this.messageBox.click();
    await this.page.keyboard.type(`@${botName.slice(0, 3)}`);
    await this.page.locator('#typeahead-menu').getByRole('menuitem', { name: botName }).click();
    await this.page.keyboard.type(` ${text}`);
    await this.messageBox.press('Enter');
  }

  /**
   * Sends `text` (see `mentionBot`) and returns the bot's next bubble (a locator) once it has appeared. With
   * `containing`, the first new bubble with that text instead, so that another message arriving first (the welcome
   * on a first install, a proactive card) is passed over.
   */
  async sendAndWaitForReply(text, { mentionBot = false, timeout = TIMEOUTS.reply, containing } = {}) {
    const before = await this.botMessages.count();
    await (mentionBot ? this.sendMentioningBot(text) : this.send(text));
    if (containing !== undefined) return this.waitForBotMessage(containing, { after: before, timeout });
    const reply = this.botMessages.nth(before);
    await reply.waitFor({ timeout });
    return reply;
  }

  /**
   * Waits for a bot bubble at index `after` or later whose text includes `containing`; returns it as a locator by
   * position, which stays on the same bubble when a card in it is replaced (bubbles are only ever appended).
   */
  async waitForBotMessage(containing, { after = 0, timeout = TIMEOUTS.reply } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const texts = await this.botMessages.allInnerTexts();
      const index = texts.findIndex((text, i) => i >= after && text.includes(containing));
      if (index >= 0) return this.botMessages.nth(index);
      if (Date.now() > deadline) {
        const seen = texts.slice(after).map((t) => JSON.stringify(t.slice(0, 80)));
        throw new Error(`no bot message containing "${containing}" within ${timeout} ms; bot messages since: ${seen.join(' | ') || 'none'}`);
      }
      await this.page.waitForTimeout(250);
    }
  }

  /** In a card, opens the compact ChoiceSet labelled `label` and picks the option shown as `option`. */
  async choose(card, label, option) {
    await card.getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /**
   * In a card, types a date (YYYY-MM-DD) into the Input.Date labelled `label`. The renderer's date picker parses
   * typed text; Tab leaves the field without opening its calendar (Enter would open it, and it is modal).
   */
  async fillDate(card, label, isoDate) {
    const input = card.getByRole('combobox', { name: label });
    await input.fill(isoDate);
    await input.press('Tab');
  }

  /**
   * Scrolls the chat or channel so that `locator` starts near the top of the view (as far as it scrolls), with room
   * above for the author line: long cards are then shown from their heading in a screenshot.
   */
  async showTop(locator, { margin = 48 } = {}) {
    await locator.evaluate((element, room) => {
      element.scrollIntoView({ block: 'start' });
      for (let e = element.parentElement; e; e = e.parentElement) {
        if (e.scrollHeight > e.clientHeight && /auto|scroll/.test(getComputedStyle(e).overflowY)) {
          e.scrollBy(0, -room);
          break;
        }
      }
    }, margin);
  }

  /** Saves a screenshot of the whole window as <docs/screenshots>/<name>.png (what users see; committed). */
  async screenshot(name) {
    await mkdir(SCREENSHOTS_DIR, { recursive: true });
    const path = join(SCREENSHOTS_DIR, `${name}.png`);
    await this.page.screenshot({ path, animations: 'disabled' });
    return path;
  }

  /** Saves a screenshot and the page log next to the test results, to diagnose a failure. */
  async saveFailureArtifacts(label) {
    const base = join(ARTIFACTS_DIR, label.replace(/[^\w.-]+/g, '-').slice(0, 80));
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await this.page.screenshot({ path: `${base}.png` }).catch(() => {});
    await writeFile(`${base}.page.log`, this.pageLog.join('\n') + '\n').catch(() => {});
    return `${base}.png`;
  }

  async close() {
    await this.browser.close();
  }
}

/**
 * Wraps a test body so that a failure leaves a screenshot and the page log in the artifacts folder:
 * `test('…', { timeout }, onFailureCapture(() => client, async (t) => { … }))`.
 */
export function onFailureCapture(getClient, body) {
  return async (t) => {
    try {
      await body(t);
    } catch (error) {
      const client = getClient();
      const saved = client ? await client.saveFailureArtifacts(t.name) : undefined;
      if (saved) t.diagnostic(`screenshot of the page when it failed: ${saved}`);
      throw error;
    }
  };
}
