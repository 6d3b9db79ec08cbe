// Checks samples/demo against PRODUCT.md's import rules and the demo's own promises, and samples/templates' example rows
// (the six Teams test users, Priya's 12+ actions, a realistic RAG mix, a workable meeting calendar).
// Prints the 2025-26 Q2 scorecard and each period's deadline; exits 1 on any problem.
//   node check-samples.mjs
import { readFileSync } from 'node:fs';
import { SHEETS, PLAIN_NUMBER, readSheet } from './sheets.mjs';

const problems = [];
const fail = (where, message) => problems.push(`${where}: ${message}`);

const PERIOD = /^(\d{4})-(\d{2}) Q([1-4])$/;
const periodKey = (p) => { const m = PERIOD.exec(p); return m && Number(m[2]) === (Number(m[1]) + 1) % 100 ? Number(m[1]) * 4 + Number(m[3]) - 1 : null; };
const periodName = (k) => { const y = Math.floor(k / 4); return `${y}-${String((y + 1) % 100).padStart(2, '0')} Q${(k % 4) + 1}`; };
const ROLES = new Set(['chair', 'officer', 'owner', 'member']);

function load(folder) {
  const data = {};
  for (const sheet of SHEETS) {
    const where = `${folder}/${sheet.name}.csv`;
    let s;
    try { s = readSheet(folder, sheet); } catch (e) { fail(where, e.message); continue; }
    if (s.text.charCodeAt(0) === 0xfeff) fail(where, 'starts with a byte order mark');
    if (s.text.includes('\r')) fail(where, 'has CR characters (LF line endings only)');
    if (!s.text.endsWith('\n')) fail(where, 'does not end with a newline');
    if (s.header.join(',') !== sheet.columns.join(',')) fail(where, `header is '${s.header.join(',')}', expected '${sheet.columns.join(',')}'`);
    for (const r of s.rows) {
      if (r.fields.length !== sheet.columns.length) fail(`${where}:${r.line}`, `${r.fields.length} fields, expected ${sheet.columns.length}`);
      for (const c of sheet.numeric) {
        const v = r.values[c];
        if (v !== '' && !PLAIN_NUMBER.test(v)) fail(`${where}:${r.line}`, `${c} '${v}' is not a plain number`);
        if (/\.\d*0$/.test(v)) fail(`${where}:${r.line}`, `${c} '${v}' has a trailing zero (write it as the workbook will)`);
      }
      for (const [c, v] of Object.entries(r.values)) if (v !== v.trim()) fail(`${where}:${r.line}`, `${c} has leading or trailing spaces`);
    }
    data[sheet.name] = s.rows.map((r) => ({ ...r.values, _line: r.line }));
  }
  return data;
}

function unique(folder, sheet, rows, keyOf) {
  const seen = new Map();
  for (const r of rows) {
    const k = keyOf(r).toUpperCase();
    if (seen.has(k)) fail(`${folder}/${sheet}.csv:${r._line}`, `duplicate key '${k}' (also line ${seen.get(k)})`);
    seen.set(k, r._line);
  }
}

// England and Wales bank holidays (gov.uk) for the years the calendar covers.
const BANK_HOLIDAYS = new Set([
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
]);
const iso = (d) => d.toISOString().slice(0, 10);
const day = (s) => new Date(`${s}T00:00:00Z`);
const isWorkingDay = (d) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !BANK_HOLIDAYS.has(iso(d));
function addWorkingDays(d, n) {
  const r = new Date(d); const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0;) { r.setUTCDate(r.getUTCDate() + step); if (isWorkingDay(r)) left--; }
  return r;
}
function workingDaysBetween(from, to) { let n = 0; const d = new Date(from); while (d < to) { d.setUTCDate(d.getUTCDate() + 1); if (isWorkingDay(d)) n++; } return n; }
const quarterEnd = (k) => { const y = Math.floor(k / 4); const q = k % 4; return q === 3 ? day(`${y + 1}-03-31`) : day(`${y}-${['06-30', '09-30', '12-31'][q]}`); };

function validate(folder, d, { demo }) {
  const f = (sheet, r, msg) => fail(`${folder}/${sheet}.csv:${r._line}`, msg);
  unique(folder, 'members', d.members, (r) => r.email);
  unique(folder, 'outcomes', d.outcomes, (r) => r.code);
  unique(folder, 'actions', d.actions, (r) => r.ref);
  unique(folder, 'indicators', d.indicators, (r) => r.ref);
  unique(folder, 'indicator-values', d['indicator-values'], (r) => `${r.ref}|${r.period}`);
  unique(folder, 'meetings', d.meetings, (r) => `${r.date}|${r.kind}`);

  const members = new Map(d.members.map((m) => [m.email, m]));
  for (const m of d.members) {
    if (!/^[a-z0-9.'-]+@[a-z0-9.-]+\.example$/.test(m.email)) f('members', m, `email '${m.email}' is not lower-case @….example`);
    if (!m.name || !m.agency) f('members', m, 'name and agency are required');
    const roles = m.roles.split(';');
    if (roles.some((x) => !ROLES.has(x))) f('members', m, `roles '${m.roles}' (chair, officer, owner, member; ';'-separated)`);
    if (!['', 'cy', 'en'].includes(m.language)) f('members', m, `language '${m.language}' (cy, en or empty)`);
  }
  const outcomes = new Set(d.outcomes.map((o) => o.code));
  for (const o of d.outcomes) if (!/^[A-Z]{2,4}$/.test(o.code) || !o.title) f('outcomes', o, 'code must be 2–4 capitals and title present');

  const canOwn = (email) => { const m = members.get(email); return m && m.roles.split(';').some((x) => x === 'owner' || x === 'officer'); };
  for (const a of d.actions) {
    if (!/^[A-Z]+-\d{2}$/.test(a.ref)) f('actions', a, `ref '${a.ref}' is not like DV-01`);
    if (!outcomes.has(a.outcome)) f('actions', a, `unknown outcome '${a.outcome}'`);
    if (!canOwn(a.owner_email)) f('actions', a, `owner '${a.owner_email}' is not a member with the owner or officer role`);
    else if (members.get(a.owner_email).agency !== a.agency) f('actions', a, `agency '${a.agency}' differs from the owner's '${members.get(a.owner_email).agency}'`);
    const k = periodKey(a.due_period);
    if (k === null) f('actions', a, `due_period '${a.due_period}' is not like 2025-26 Q3`);
    else if (demo && (k < periodKey('2025-26 Q1') || k > periodKey('2026-27 Q2'))) f('actions', a, `due_period ${a.due_period} outside 2025-26 Q1 … 2026-27 Q2`);
    if (a.restricted !== 'true' && a.restricted !== 'false') f('actions', a, `restricted '${a.restricted}'`);
    if (!a.plan || !a.title) f('actions', a, 'plan and title are required');
  }
  const indicators = new Map(d.indicators.map((i) => [i.ref, i]));
  for (const i of d.indicators) {
    if (!outcomes.has(i.outcome)) f('indicators', i, `unknown outcome '${i.outcome}'`);
    if (!canOwn(i.owner_email)) f('indicators', i, `owner '${i.owner_email}' is not a member with the owner or officer role`);
    if (i.polarity !== 'higher' && i.polarity !== 'lower') f('indicators', i, `polarity '${i.polarity}'`);
    if (i.target === '') f('indicators', i, 'target is required');
  }
  for (const v of d['indicator-values']) {
    if (!indicators.has(v.ref)) f('indicator-values', v, `unknown indicator '${v.ref}'`);
    if (periodKey(v.period) === null) f('indicator-values', v, `period '${v.period}' is not like 2025-26 Q3`);
  }
  for (const m of d.meetings) {
    if (m.kind !== 'board' && m.kind !== 'pmg') f('meetings', m, `kind '${m.kind}'`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(m.date) || Number.isNaN(day(m.date).getTime()) || iso(day(m.date)) !== m.date) { f('meetings', m, `date '${m.date}' is not an ISO date`); continue; }
    if (!isWorkingDay(day(m.date))) f('meetings', m, `${m.date} is a weekend or an England and Wales bank holiday`);
  }
}

function rag(ind, actual, previous) {
  const lower = ind.polarity === 'lower';
  const target = Number(ind.target);
  const shortfall = lower ? actual - target : target - actual;
  const tolerance = Math.abs(target) * Number(ind.tolerance_pct || 10) / 100;
  const improving = previous !== null && (lower ? actual < previous : actual > previous);
  return shortfall <= 0 ? 'Green' : shortfall <= tolerance || improving ? 'Amber' : 'Red';
}

const demo = load('demo');
const templates = load('templates');
if (SHEETS.every((s) => demo[s.name])) validate('demo', demo, { demo: true });
// Templates: headers, and one example row whose key (the first column) starts with EXAMPLE, which every import skips
// (ImportExamples), so a template imported as downloaded changes nothing.
for (const sheet of SHEETS) {
  const rows = templates[sheet.name];
  if (!rows) continue;
  if (rows.length !== 1) fail(`templates/${sheet.name}.csv`, `holds ${rows.length} rows; a template holds one example row`);
  for (const r of rows) if (!/^EXAMPLE/i.test(r[sheet.columns[0]])) fail(`templates/${sheet.name}.csv:${r._line}`, `${sheet.columns[0]} '${r[sheet.columns[0]]}' does not start with EXAMPLE (an import would take it for real data)`);
}

if (SHEETS.every((s) => demo[s.name])) {
  // Demo-specific promises.
  const fixed = [
    'priya.shah@council.example,Priya Shah,Haringey Council,officer;owner',
    'helen.marsh@council.example,Cllr Helen Marsh,Haringey Council,chair;member',
    'mark.reid@met.police.example,DI Mark Reid,Metropolitan Police,owner',
    'ruth.adeyemi@probation.example,Ruth Adeyemi,Probation,owner',
    'tom.byrne@council.example,Tom Byrne,Youth Offending Service,owner',
    'grace.okoye@nhs.example,Grace Okoye,Health (NHS),owner',
  ];
  const memberLines = demo.members.map((m) => `${m.email},${m.name},${m.agency},${m.roles}`);
  for (const line of fixed) if (!memberLines.includes(line)) fail('demo/members.csv', `missing the Teams test user '${line}'`);
  const owned = (email) => demo.actions.filter((a) => a.owner_email === email).length;
  const ownedIndicators = (email) => demo.indicators.filter((i) => i.owner_email === email).length;
  if (owned('priya.shah@council.example') < 12) fail('demo/actions.csv', 'priya.shah owns fewer than 12 actions');
  const priyaItems = owned('priya.shah@council.example') + ownedIndicators('priya.shah@council.example');
  if (priyaItems < 9 || priyaItems > 16) fail('demo', `priya.shah owes ${priyaItems} items; the card tests expect two pages of 8`);
  for (const e of ['mark.reid@met.police.example', 'grace.okoye@nhs.example']) if (owned(e) < 3) fail('demo/actions.csv', `${e} owns fewer than 3 actions`);
  if (!demo.actions.some((a) => a.restricted === 'true')) fail('demo/actions.csv', 'no restricted action');
  // Issue 28: a Welsh-preferring member (a reader, not an owner: the fan-out tests expect every owner's reminder in English).
  if (!demo.members.some((m) => m.language === 'cy')) fail('demo/members.csv', 'no Welsh-preferring member');
  if (!demo['indicator-values'].some((v) => v.london_change_pct === '25' && v.msg_change_pct === '28')) fail('demo/indicator-values.csv', 'no +25% London / +28% MSG row (seed 000)');
  const history = ['2024-25 Q3', '2024-25 Q4', '2025-26 Q1', '2025-26 Q2'];
  for (const i of demo.indicators) for (const p of history) {
    if (!demo['indicator-values'].some((v) => v.ref === i.ref && v.period === p)) fail('demo/indicator-values.csv', `no ${p} figures for ${i.ref}`);
  }

  // Report: counts, the 2025-26 Q2 scorecard, deadlines.
  console.log('demo rows:', Object.fromEntries(SHEETS.map((s) => [s.name, demo[s.name].length])));
  const plans = new Map();
  for (const a of demo.actions) plans.set(a.plan, (plans.get(a.plan) ?? 0) + 1);
  console.log('plans:', Object.fromEntries(plans));
  const owners = new Map();
  for (const a of demo.actions) owners.set(a.owner_email, (owners.get(a.owner_email) ?? 0) + 1);
  console.log('actions per owner:', Object.fromEntries([...owners].sort((a, b) => b[1] - a[1])));
  console.log('restricted:', demo.actions.filter((a) => a.restricted === 'true').map((a) => a.ref).join(' '));

  for (const period of ['2025-26 Q1', '2025-26 Q2']) {
    const mix = { Green: [], Amber: [], Red: [] };
    for (const i of demo.indicators) {
      const v = demo['indicator-values'].find((x) => x.ref === i.ref && x.period === period);
      if (!v) continue;
      const r = rag(i, Number(v.actual), v.previous_year === '' ? null : Number(v.previous_year));
      mix[r].push(i.ref);
      if (period === '2025-26 Q2') {
        const change = v.previous_year ? `${((Number(v.actual) - Number(v.previous_year)) / Number(v.previous_year) * 100).toFixed(0)}%` : '';
        const cmp = v.london_change_pct !== '' ? ` (London ${v.london_change_pct}%, MSG ${v.msg_change_pct}%)` : '';
        console.log(`  ${r.padEnd(5)} ${i.ref.padEnd(7)} ${v.actual} vs target ${i.target} (${i.polarity} is better, ±${i.tolerance_pct}%), last year ${v.previous_year} ${change}${cmp}`);
      }
    }
    console.log(`${period}: ${mix.Red.length} Red, ${mix.Amber.length} Amber, ${mix.Green.length} Green —`, JSON.stringify(mix));
  }
  const q2 = { Red: 0, Amber: 0 };
  for (const i of demo.indicators) {
    const v = demo['indicator-values'].find((x) => x.ref === i.ref && x.period === '2025-26 Q2');
    const r = rag(i, Number(v.actual), v.previous_year === '' ? null : Number(v.previous_year));
    if (r in q2) q2[r]++;
  }
  if (q2.Red < 3 || q2.Red > 4 || q2.Amber < 4 || q2.Amber > 5) fail('demo/indicator-values.csv', `2025-26 Q2 has ${q2.Red} Red and ${q2.Amber} Amber (aim: 3–4 Red, 4–5 Amber)`);

  // Deadlines by PRODUCT.md's rule: 10 working days before the first board after quarter end, skipping a board
  // whose deadline would be less than 5 working days after quarter end, and only if the deadline falls by the end
  // of the next quarter; otherwise 15 working days after quarter end. Printed so test writers can see the dates.
  const boards = demo.meetings.filter((m) => m.kind === 'board').map((m) => day(m.date)).sort((a, b) => a - b);
  for (const b of boards) {
    const pmg = demo.meetings.find((m) => m.kind === 'pmg' && day(m.date) < b && day(m.date) >= addWorkingDays(b, -15));
    if (!pmg) fail('demo/meetings.csv', `no PMG in the 3 weeks before the ${iso(b)} board`);
  }
  const aimed = new Map();
  for (let k = periodKey('2024-25 Q3'); k <= periodKey('2026-27 Q2'); k++) {
    const end = quarterEnd(k);
    let chosen = null;
    const skipped = [];
    for (const b of boards.filter((x) => x > end)) {
      const deadline = addWorkingDays(b, -10);
      if (deadline > quarterEnd(k + 1)) break;
      if (workingDaysBetween(end, deadline) >= 5) { chosen = { board: b, deadline }; break; }
      skipped.push(iso(b));
    }
    const why = skipped.length ? ` (board ${skipped.join(', ')} too soon after quarter end)` : '';
    if (!chosen) fail('demo/meetings.csv', `${periodName(k)} has no board of its own`);
    else if (aimed.has(iso(chosen.board))) fail('demo/meetings.csv', `${periodName(k)} aims at the ${iso(chosen.board)} board, as ${aimed.get(iso(chosen.board))} does`);
    else aimed.set(iso(chosen.board), periodName(k));
    console.log(chosen
      ? `${periodName(k)}: deadline ${iso(chosen.deadline)}, 10 working days before the board on ${iso(chosen.board)}${why}`
      : `${periodName(k)}: deadline ${iso(addWorkingDays(end, 15))}, 15 working days after quarter end${why}`);
  }
}

if (problems.length) {
  console.error(`\n${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('\nsamples OK');
