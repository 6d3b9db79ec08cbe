// Where things are and how long to wait. run.sh sets the URLs and folders; the defaults match scripts/dev.sh,
// so `node --test` in tests/e2e also runs the tests against a bot and Playground started by hand.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const e2eDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(e2eDir, '../..');

export const PLAYGROUND_URL = process.env.PLAYGROUND_URL ?? 'http://127.0.0.1:56150';
export const BOT_URL = process.env.BOT_URL ?? 'http://127.0.0.1:3978';

/** Screenshots that document what users see; committed under docs/screenshots. */
export const SCREENSHOTS_DIR = process.env.E2E_SCREENSHOTS ?? resolve(repoRoot, 'docs/screenshots');
/** Failure screenshots and page logs (run.sh: <results>/e2e). */
export const ARTIFACTS_DIR = process.env.E2E_ARTIFACTS ?? resolve(e2eDir, 'out');
/** The Adaptive Cards the bot sent, one JSON file per test file (lib/card-capture.mjs), for sent-cards.check.mjs. */
export const CAPTURED_CARDS_DIR = resolve(ARTIFACTS_DIR, 'cards');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Generous: the Playground's 9 MB UI bundle is CPU-bound and the machine has 2 shared cores. */
export const TIMEOUTS = {
  pageLoad: 120_000, // first load of the Playground UI until the chat input is usable
  reply: 30_000, // a bot reply to appear after sending
  http: 20_000, // one call to the Playground's HTTP API
  test: 180_000, // one test, end to end
  file: 300_000, // before/after hooks of a test file (browser launch + page load)
};
