// The bot's operations API (/api/admin, README "Operations API"): in Development it answers loopback requests
// without sign-in. The tests use it to set the scene (the application clock), to run scheduled jobs now instead of
// waiting for Hangfire, and to check what was stored.
import { BOT_URL, TIMEOUTS } from './env.mjs';

/**
 * The demo partnership's deadline day for 2025-26 Q2 (samples/demo: quarter-end rule, Tue 21 Oct 2025), 09:00 in
 * London. With the clock there, 2025-26 Q2 is the open period and the reminder job is at its deadline-day stage.
 */
export const DEADLINE_DAY = {
  now: '2025-10-21T08:00:00Z',
  period: '2025-26 Q2',
  periodId: '2025-26-Q2',
};

/** Priya Shah's email in the demo partnership: the Playground's UI user (officer and owner). */
export const PRIYA = 'priya.shah@council.example';

async function call(method, path, body) {
  const response = await fetch(new URL(`/api/admin${path}`, BOT_URL), {
    method,
    // The header marks a state change as this script's own: a cross-site page cannot send it (README, Security).
    headers: { 'x-cspbot-request': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUTS.http),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`bot ${method} /api/admin${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Sets the application clock (ISO instant), or back to real time with null. Answers { now, local }. */
export const setClock = (now) => call('PUT', '/clock', { now });

/**
 * Runs a scheduled job now and answers with what it did:
 * - reminders: { today, stages, queued, alreadyQueued, escalations }
 * - outbox: { delivered }
 * - exception-report: { period, version, documentUrl, posted }
 * - digest: { week, queued, reason }
 */
export const runJob = (name) => call('POST', `/jobs/${name}/run`);

/** Every item of a period ("2025-26-Q2"): { period, expected, received, items: [{ ref, kind, owner, status, rag, … }] }. */
export const periodReturns = (periodId) => call('GET', `/periods/${periodId}/returns`);

/** One item of a period by its reference, as the returns route reports it. */
export async function returnOf(periodId, ref) {
  const found = (await periodReturns(periodId)).items.find((i) => i.ref === ref);
  if (!found) throw new Error(`${ref} is not an item of ${periodId}`);
  return found;
}

/** A period's deadline: { period, deadline, basis, boardMeeting }. */
export const periodDeadline = (periodId) => call('GET', `/periods/${periodId}/deadline`);

/** An indicator's SPC chart to a period ("2025-26-Q2"): { ref, period, points: [{ period, value, rules }], mean, lower, upper, trial, variation, … }. */
export const indicatorSpc = (ref, periodId) => call('GET', `/indicators/${ref}/spc?period=${periodId}`);
