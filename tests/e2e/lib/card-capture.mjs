// Preloaded into every end-to-end test file (run.sh: `node --import ./lib/card-capture.mjs --test …`): listens to the
// Playground's traffic log while the file runs and keeps every Adaptive Card the bot sends, with the name of the test
// that caused it. When the file ends it writes them to <E2E_ARTIFACTS>/cards/<file>.json, and
// sent-cards.check.mjs then validates each distinct card with the official renderer (lib/card-validator.mjs).
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { after, afterEach, beforeEach } from 'node:test';
import { cardsInLogEntry } from './cards.mjs';
import { CAPTURED_CARDS_DIR } from './env.mjs';
import { PlaygroundLog } from './playground-api.mjs';

const file = basename(process.argv[1] ?? 'unknown');
const started = Date.now();
/** The file's tests in the order they ran: { name, start, end } (ms since the epoch). */
const tests = [];
const sent = [];
/** When the Playground sent each activity to the bot, by activity id: a reply is dated by what it answers. */
const activitySentAt = new Map();
let error;
let log;

beforeEach((t) => {
  tests.push({ name: t.fullName ?? t.name, start: Date.now(), end: Infinity });
});
afterEach(() => {
  tests.at(-1).end = Date.now();
});

/**
 * The test during which a card was sent, by a time from the log: arrival on the stream is too late (a test that has
 * already seen the card may have ended). See `sentAt`.
 */
function sentDuring(timestamp) {
  const during = tests.findLast((t) => t.start <= timestamp);
  if (!during) return `${file}, before its first test`;
  return timestamp <= during.end ? during.name : `${file}, after "${during.name}"`;
}

/**
 * When a card was caused: a reply by when the Playground sent the activity it answers (the bot's own call is logged
 * when the Playground has answered it, after the UI has shown the card); an invoke answer is logged with the time the
 * invoke was sent; a proactive post (the outbox) by its own entry, which tests wait for in the UI or the stream.
 */
const sentAt = ({ timestamp, replyToId }) => activitySentAt.get(replyToId) ?? timestamp;

try {
  log = await PlaygroundLog.open();
  log.onFrame = (frame) => {
    // The stream may replay older entries to a new listener; those belong to an earlier file.
    const entry = frame.log;
    if (!(entry?.timestamp >= started - 2_000)) return;
    if (entry.to === 'User Application' && entry.request?.body?.id) activitySentAt.set(entry.request.body.id, entry.timestamp);
    const replyToId = entry.request?.body?.replyToId ?? entry.request?.body?.activity?.replyToId;
    for (const { source, card } of cardsInLogEntry(entry)) {
      sent.push({ timestamp: entry.timestamp, replyToId, source, conversationId: entry.conversationId, card });
    }
  };
} catch (e) {
  error = `cannot listen to the Playground's traffic log: ${e.message}`;
}

after(async () => {
  // A card sent at the very end of the last test reaches the log a moment later.
  await new Promise((resolve) => setTimeout(resolve, 500));
  log?.close();
  const cards = sent.map((card) => ({ test: sentDuring(sentAt(card)), ...card }));
  await mkdir(CAPTURED_CARDS_DIR, { recursive: true });
  await writeFile(join(CAPTURED_CARDS_DIR, `${file}.json`), JSON.stringify({ file, error, tests, cards }, null, 1));
});
