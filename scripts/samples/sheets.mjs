// The eight import sheets (PRODUCT.md, "Operations API") and a small RFC 4180 CSV reader shared by
// check-samples.mjs and build-xlsx.mjs.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const samplesDir = join(repoRoot, 'samples');

/** Sheet name → its columns in order, and which of them are numbers (written as numeric cells). */
export const SHEETS = [
  { name: 'partnership', columns: ['name', 'short_name', 'board_name', 'report_officer', 'protective_marking', 'default_language'], numeric: [] },
  { name: 'members', columns: ['email', 'name', 'agency', 'roles', 'language'], numeric: [] },
  { name: 'outcomes', columns: ['code', 'title'], numeric: [] },
  { name: 'actions', columns: ['ref', 'plan', 'outcome', 'title', 'owner_email', 'agency', 'due_period', 'restricted'], numeric: [] },
  { name: 'indicators', columns: ['ref', 'outcome', 'title', 'owner_email', 'unit', 'polarity', 'target', 'tolerance_pct'], numeric: ['target', 'tolerance_pct'] },
  { name: 'indicator-values', columns: ['ref', 'period', 'actual', 'previous_year', 'london_change_pct', 'msg_change_pct'], numeric: ['actual', 'previous_year', 'london_change_pct', 'msg_change_pct'] },
  { name: 'meetings', columns: ['date', 'kind'], numeric: [] },
  { name: 'police-sources', columns: ['ref', 'crime_types', 'area', 'comparison', 'peers'], numeric: [] },
];

/** Parses RFC 4180 CSV text into an array of records (arrays of strings). Throws on malformed quoting. */
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false;
        i++;
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          throw new Error(`character after closing quote at offset ${i}`);
        }
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field.length > 0) throw new Error(`quote inside an unquoted field at offset ${i}`);
      quoted = true; fieldStarted = true; i++;
      continue;
    }
    if (c === ',') { record.push(field); field = ''; fieldStarted = true; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { i++; continue; }
    if (c === '\n') {
      record.push(field); records.push(record);
      record = []; field = ''; fieldStarted = false; i++;
      continue;
    }
    field += c; fieldStarted = true; i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (fieldStarted || field.length > 0 || record.length > 0) { record.push(field); records.push(record); }
  return records;
}

/** Reads samples/<folder>/<sheet>.csv: its raw text, header and rows as objects keyed by column. */
export function readSheet(folder, sheet) {
  const path = join(samplesDir, folder, `${sheet.name}.csv`);
  const text = readFileSync(path, 'utf8');
  const [header = [], ...records] = parseCsv(text);
  const rows = records
    .filter((r) => r.some((f) => f.trim() !== ''))
    .map((fields, index) => ({ line: index + 2, fields, values: Object.fromEntries(header.map((c, k) => [c, fields[k] ?? ''])) }));
  return { path, text, header, rows };
}

/** A plain number as the importer reads it: optional sign, digits, optional decimals with '.', nothing else. */
export const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
