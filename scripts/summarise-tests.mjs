// Prints one line "N passed, N failed" from every result file in a folder:
// TRX files (dotnet test) and JUnit XML files (end-to-end tests).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2] ?? 'artifacts/test-results';
let passed = 0;
let failed = 0;
for (const name of readdirSync(folder, { recursive: true })) {
  const path = join(folder, String(name));
  if (path.endsWith('.trx')) {
    const counters = readFileSync(path, 'utf8').match(/<Counters\b[^>]*>/);
    if (!counters) continue;
    const attr = (key) => Number((counters[0].match(new RegExp(`\\b${key}="(\\d+)"`)) ?? [])[1] ?? 0);
    passed += attr('passed');
    failed += attr('failed') + attr('error') + attr('timeout') + attr('aborted');
  } else if (path.endsWith('.junit.xml')) {
    // A testcase is self-closing or runs to its </testcase>. Its attributes are matched one by one because a failure
    // message in them may contain "/>" (Node's reporter escapes only & < and "). Skipped and todo tests (<skipped>)
    // count as neither, even a failing todo test, as in Node's own summary.
    const xml = readFileSync(path, 'utf8');
    const testcase = /<testcase\b(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(?:\/>|>([\s\S]*?)<\/testcase>)/g;
    for (const [, body = ''] of xml.matchAll(testcase)) {
      if (/<skipped\b/.test(body)) continue;
      if (/<(failure|error)\b/.test(body)) failed++;
      else passed++;
    }
  }
}
console.log(`${passed} passed, ${failed} failed`);
