// The demo as `dotnet run` and scripts/dev.sh show it on the day this runs: no clock set, nothing anchored. Checks
// that the cycle is alive (the open period is the one for today, its deadline is today or later, there are Reds and
// returns in) and saves the README's "today" screenshots. Run by scripts/screenshots.sh, which starts a bot on a fresh
// database and the Playground; not part of the test suite (its pictures change every day).
import assert from 'node:assert/strict';
import { TeamsClient } from './lib/teams-client.mjs';
import { BOT_URL } from './lib/env.mjs';

const today = new Date();
const call = async (path) => {
  const response = await fetch(`${BOT_URL}/api/admin${path}`);
  assert.ok(response.ok, `${path}: ${response.status}`);
  return response.json();
};

const clock = await call('/clock');
assert.ok(Math.abs(new Date(clock.now) - today) < 60_000, `the application clock is real time (${clock.now})`);
// The open period is the latest quarter that has ended (DeadlineCalculator.OpenPeriodOn).
const month = today.getUTCMonth() + 1;
const start = month >= 4 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
const quarter = Math.floor(((month + 8) % 12) / 3) + 1;
const open = quarter === 1 ? `${start - 1}-${String(start % 100).padStart(2, '0')}-Q4` : `${start}-${String((start + 1) % 100).padStart(2, '0')}-Q${quarter - 1}`;
const deadline = await call(`/periods/${open}/deadline`);
console.log(`open period ${open}: ${JSON.stringify(deadline)}`);
assert.ok(new Date(`${deadline.deadline}T23:59:59Z`) >= today, `the deadline ${deadline.deadline} is ahead`);
const returns = await call(`/periods/${open}/returns`);
assert.ok(returns.received > 0 && returns.received < returns.expected, `some returns are in (${returns.received} of ${returns.expected})`);
assert.ok(returns.items.some((i) => i.rag === 'Red'), 'there are Reds');

const client = await TeamsClient.open({ chat: 'Personal Chat', viewport: { width: 1280, height: 1100 } });
try {
  const shoot = async (command, name, containing) => {
    const reply = await client.sendAndWaitForReply(command, { containing });
    await client.showTop(reply);
    console.log('saved', await client.screenshot(name));
  };
  await shoot('my actions', 'today-my-actions', 'Your returns for');
  await shoot('status', 'today-status', 'Returns for');
  await shoot('scorecard', 'today-scorecard', 'Scorecard');
} finally {
  await client.close();
}
