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
    const xml = readFileSync(path, 'utf8');
    for (const testcase of xml.match(/<testcase\b[\s\S]*?(?:\/>|<\/testcase>)/g) ?? []) {
      if (/<(failure|error)\b/.test(testcase)) failed++;
      else if (!/<skipped\b/.test(testcase)) passed++;
    }
  }
}
console.log(`${passed} passed, ${failed} failed`);
