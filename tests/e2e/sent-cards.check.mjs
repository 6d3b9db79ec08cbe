// Every Adaptive Card the bot sent during the end-to-end tests, as lib/card-capture.mjs kept it, validated by the
// official renderer and Teams' rules (lib/card-validator.mjs): one test per distinct card, named by its first text and
// the test that first made the bot send it. run.sh runs this after the *.test.mjs files, into e2e-cards.junit.xml.
// By hand, after a run: `E2E_ARTIFACTS=<results>/e2e node --test sent-cards.check.mjs`.
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { CardRenderer, cardTitle } from './lib/card-validator.mjs';
import { CAPTURED_CARDS_DIR } from './lib/env.mjs';

const e2eDir = dirname(fileURLToPath(import.meta.url));
// Every test file, or those run.sh was narrowed to (E2E_TESTS).
const narrowed = process.env.E2E_TESTS?.split(/\s+/).filter(Boolean).map((f) => f.replace(/^\.\//, ''));
const testFiles = narrowed ?? (await readdir(e2eDir)).filter((name) => name.endsWith('.test.mjs')).sort();
const captures = await Promise.all(testFiles.map(async (file) => {
  try {
    return JSON.parse(await readFile(join(CAPTURED_CARDS_DIR, `${file}.json`), 'utf8'));
  } catch (e) {
    return { file, error: `nothing was captured (${e.code ?? e.message}): did the file run with --import ./lib/card-capture.mjs?` };
  }
}));

/** The distinct cards in the order they were first sent, with where they were first seen and how often. */
const distinct = new Map();
for (const { file, cards = [] } of captures) {
  for (const sent of cards) {
    const key = JSON.stringify(sent.card);
    const seen = distinct.get(key);
    if (seen) seen.times++;
    else distinct.set(key, { ...sent, file, times: 1 });
  }
}
const sentCount = [...distinct.values()].reduce((sum, c) => sum + c.times, 0);

const shorten = (text, length = 60) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

describe('Adaptive Cards the bot sent in the end-to-end tests', () => {
  /** @type {CardRenderer} */
  let renderer;
  before(async () => {
    renderer = await CardRenderer.open();
  }, { timeout: 60_000 });
  after(() => renderer?.close());

  for (const { file, error } of captures.filter((c) => c.error)) {
    test(`cards sent during ${file} were captured`, () => {
      throw new Error(`the cards of ${file} were not captured: ${error}`);
    });
  }

  test(`cards were captured: ${sentCount} sent, ${distinct.size} distinct`, () => {
    if (distinct.size === 0) throw new Error('the bot sent no Adaptive Card in the whole run: the capture is broken or the tests changed');
  });

  let number = 0;
  for (const { test: sentBy, file, source, conversationId, card, times } of distinct.values()) {
    const title = cardTitle(card) ?? '(no text)';
    number++;
    test(`card ${number}: "${shorten(title)}" (first sent during ${sentBy})`, async (t) => {
      const { problems, hints } = await renderer.check(card);
      for (const hint of hints) t.diagnostic(`renderer hint: ${hint}`);
      if (problems.length) {
        const where = `${file}, ${source} in ${conversationId ?? 'an unknown conversation'}${times > 1 ? `, sent ${times} times` : ''}`;
        throw new Error(`the card "${title}", sent during "${sentBy}" (${where}), fails validation:\n` +
          problems.map((p) => `  - ${p}`).join('\n'));
      }
    });
  }
});
