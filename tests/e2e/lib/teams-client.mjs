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

  /** Launches Chromium, opens the Playground and waits until the chat list and the message box are usable. */
  static async open({ chat = 'Personal Chat' } = {}) {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/London' });
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

  /** The bot's message bubbles in the open chat, oldest first (cards and text alike). */
  get botMessages() {
    return this.page.locator('.fai-OutputCard');
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

  /** Sends `text` (see `mentionBot`) and returns the bot's next bubble (a locator) once it has appeared. */
  async sendAndWaitForReply(text, { mentionBot = false, timeout = TIMEOUTS.reply } = {}) {
    const before = await this.botMessages.count();
    await (mentionBot ? this.sendMentioningBot(text) : this.send(text));
    const reply = this.botMessages.nth(before);
    await reply.waitFor({ timeout });
    return reply;
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
