// Builds the import workbooks from the CSVs, so the two formats never drift apart:
//   samples/demo/*.csv       → samples/demo/demo-partnership.xlsx
//   samples/templates/*.csv  → samples/templates/cspbot-import-template.xlsx
// One worksheet per sheet, named as the import API expects; row 1 holds the headers; numeric columns are number
// cells and everything else (dates and periods included) is text, exactly as written in the CSV.
// Then reads each workbook back with the same library and checks every cell against its CSV.
//   cd scripts/samples && npm ci && node build-xlsx.mjs
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SHEETS, PLAIN_NUMBER, readSheet, samplesDir } from './sheets.mjs';

// Fixed document dates so rebuilding unchanged CSVs changes no metadata.
const STAMP = new Date(Date.UTC(2025, 3, 1));

const WORKBOOKS = [
  { folder: 'demo', file: 'demo-partnership.xlsx', title: 'Haringey Community Safety Partnership (demo)' },
  { folder: 'templates', file: 'cspbot-import-template.xlsx', title: 'CspBot import template' },
];

// Drop-down lists for the columns with fixed values (only a help in Excel; the importer checks them anyway).
const CHOICES = {
  actions: { restricted: ['true', 'false'] },
  indicators: { polarity: ['higher', 'lower'] },
  meetings: { kind: ['board', 'pmg'] },
  partnership: { protective_marking: ['OFFICIAL', 'OFFICIAL-SENSITIVE'], default_language: ['en', 'cy', 'bilingual'] },
  members: { language: ['cy', 'en'] },
};

function cellValue(sheet, column, text) {
  if (text === '') return null;
  if (sheet.numeric.includes(column)) {
    if (!PLAIN_NUMBER.test(text)) throw new Error(`${sheet.name}.${column}: '${text}' is not a plain number`);
    return Number(text);
  }
  return text;
}

async function build({ folder, file, title }) {
  const workbook = new ExcelJS.Workbook();
  Object.assign(workbook, { creator: 'CspBot', lastModifiedBy: 'CspBot', title, created: STAMP, modified: STAMP });
  const expected = {};
  for (const sheet of SHEETS) {
    const { header, rows } = readSheet(folder, sheet);
    if (header.join(',') !== sheet.columns.join(',')) throw new Error(`${folder}/${sheet.name}.csv header is '${header.join(',')}'`);
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(sheet.columns);
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow(sheet.columns.map((c) => cellValue(sheet, c, r.values[c])));
    sheet.columns.forEach((c, k) => {
      const widest = Math.max(c.length, ...rows.map((r) => r.values[c].length));
      ws.getColumn(k + 1).width = Math.min(Math.max(widest + 2, 10), 80);
      const list = CHOICES[sheet.name]?.[c];
      if (list) {
        const letter = String.fromCharCode(65 + k);
        ws.dataValidations.add(`${letter}2:${letter}1000`, { type: 'list', allowBlank: true, formulae: [`"${list.join(',')}"`] });
      }
    });
    expected[sheet.name] = rows.map((r) => sheet.columns.map((c) => cellValue(sheet, c, r.values[c])));
  }
  const path = join(samplesDir, folder, file);
  writeFileSync(path, await repack(await workbook.xlsx.writeBuffer()));
  return { path, expected };
}

// ExcelJS writes a font's properties in its own order; the schema (CT_Font) fixes one, and Excel offers to "repair" a
// workbook that breaks it. The Open XML SDK's validator checks the result (ShippedWorkbookTests).
const FONT_ORDER = ['b', 'i', 'strike', 'condense', 'extend', 'outline', 'shadow', 'u', 'vertAlign', 'sz', 'color', 'name', 'family', 'charset', 'scheme'];
function orderFonts(styles) {
  return styles.replace(/<font>((?:<[a-zA-Z]+(?:\s[^>]*)?\/>)*)<\/font>/g, (whole, inner) => {
    const children = inner.match(/<[a-zA-Z]+(?:\s[^>]*)?\/>/g) ?? [];
    const rank = (child) => FONT_ORDER.indexOf(/^<([a-zA-Z]+)/.exec(child)[1]);
    if (children.some((c) => rank(c) < 0)) throw new Error(`styles.xml: a font property this script does not know: ${inner}`);
    return `<font>${children.toSorted((a, b) => rank(a) - rank(b)).join('')}</font>`;
  });
}

/** Re-zips with fixed entry dates, so unchanged CSVs rebuild to byte-identical workbooks (no churn in git). */
async function repack(buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (entry.dir) continue;
    const data = name === 'xl/styles.xml' ? Buffer.from(orderFonts(await entry.async('string')), 'utf8') : await entry.async('nodebuffer');
    out.file(name, data, { date: STAMP, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'DOS' });
}

async function verify({ path, expected }) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const names = workbook.worksheets.map((w) => w.name);
  if (names.join(',') !== SHEETS.map((s) => s.name).join(',')) throw new Error(`${path}: sheets are ${names.join(', ')}`);
  const counts = [];
  for (const sheet of SHEETS) {
    const ws = workbook.getWorksheet(sheet.name);
    const rows = [];
    ws.eachRow({ includeEmpty: false }, (row) => rows.push(sheet.columns.map((_, k) => row.getCell(k + 1).value ?? null)));
    const [header, ...data] = rows;
    if (header.join(',') !== sheet.columns.join(',')) throw new Error(`${path} ${sheet.name}: header ${header.join(',')}`);
    if (JSON.stringify(data) !== JSON.stringify(expected[sheet.name])) throw new Error(`${path} ${sheet.name}: cells differ from the CSV`);
    counts.push(`${sheet.name} ${data.length}`);
  }
  console.log(`${path.slice(samplesDir.length - 'samples'.length)}: ${counts.join(', ')} (data rows; each sheet also has its header row)`);
}

for (const spec of WORKBOOKS) await verify(await build(spec));
