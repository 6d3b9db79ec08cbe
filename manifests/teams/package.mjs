#!/usr/bin/env node
// Builds the Teams app package: manifest.json with its ${{PLACEHOLDERS}} filled in, both icons and every language file
// the manifest's localizationInfo names (cy.json, the Welsh), all at the zip root.
// Values come from --name=value arguments or environment variables (arguments win). Node built-ins only, because
// `zip` is not on every machine. The zip is deterministic (fixed timestamps), so re-running changes nothing.
//
//   BOT_ID          required  the bot's Microsoft App ID (Entra app registration, or the managed identity's client id)
//   BOT_DOMAIN      required  host name of the web app, e.g. cspbot-web-abc123.azurewebsites.net (no scheme, no path)
//   APP_VERSION     optional  semantic version of the app package (default 1.0.0); raise it for every upload
//   TEAMS_APP_ID    optional  the Teams app id (default BOT_ID)
//   GRAPH_APP_ID    optional  app registration for webApplicationInfo (default BOT_ID)
//   DEVELOPER_NAME, WEBSITE_URL, PRIVACY_URL, TERMS_URL   optional  publisher details (defaults below)
//   --out=PATH      optional  the zip to write (default artifacts/cspbot-teams-app.zip in the repository)
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A DNS host name: labels of letters, digits and inner hyphens, at least one dot; no scheme, port, path or wildcard.
const HOST = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const HTTPS = /^https:\/\/[^\s"]+$/;

function readValues(argv, env) {
  const values = {};
  for (const arg of argv) {
    const m = /^--([a-z0-9-]+)=(.*)$/i.exec(arg);
    if (!m) throw new UsageError([`unrecognised argument '${arg}' (use --name=value, e.g. --bot-id=<guid>)`]);
    values[m[1].toUpperCase().replaceAll('-', '_')] = m[2];
  }
  const get = (name) => (values[name] ?? env[name] ?? '').trim();
  const botId = get('BOT_ID');
  const domain = get('BOT_DOMAIN');
  const v = {
    BOT_ID: botId,
    BOT_DOMAIN: domain,
    APP_VERSION: get('APP_VERSION') || '1.0.0',
    TEAMS_APP_ID: get('TEAMS_APP_ID') || botId,
    GRAPH_APP_ID: get('GRAPH_APP_ID') || botId,
    DEVELOPER_NAME: get('DEVELOPER_NAME') || 'Community Safety Partnership',
    WEBSITE_URL: get('WEBSITE_URL') || `https://${domain}/`,
    PRIVACY_URL: get('PRIVACY_URL') || `https://${domain}/privacy`,
    TERMS_URL: get('TERMS_URL') || `https://${domain}/terms`,
  };
  // The output path is an argument only: a stray OUT in someone's environment must not redirect the package.
  const out = (values.OUT ?? '').trim() || join(repo, 'artifacts', 'cspbot-teams-app.zip');
  return { v, out };
}

function problems(v) {
  const p = [];
  const guid = (name) => {
    if (!v[name]) p.push(`${name} is missing: the bot's Microsoft App ID (a GUID), from the Entra app registration or the deployment output botAppId`);
    else if (!GUID.test(v[name])) p.push(`${name} '${v[name]}' is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
  };
  guid('BOT_ID');
  // Only when set apart from BOT_ID, so one bad BOT_ID is reported once.
  if (v.TEAMS_APP_ID !== v.BOT_ID) guid('TEAMS_APP_ID');
  if (v.GRAPH_APP_ID !== v.BOT_ID) guid('GRAPH_APP_ID');
  if (!v.BOT_DOMAIN) p.push("BOT_DOMAIN is missing: the web app's host name, e.g. cspbot-web-abc123.azurewebsites.net (deployment output botDomain)");
  else if (!HOST.test(v.BOT_DOMAIN)) p.push(`BOT_DOMAIN '${v.BOT_DOMAIN}' is not a bare host name (no https://, port, path or wildcard)`);
  if (!SEMVER.test(v.APP_VERSION)) p.push(`APP_VERSION '${v.APP_VERSION}' is not a version like 1.2.3`);
  if (v.DEVELOPER_NAME.length > 32) p.push(`DEVELOPER_NAME is longer than 32 characters`);
  for (const name of ['WEBSITE_URL', 'PRIVACY_URL', 'TERMS_URL']) {
    if (!HTTPS.test(v[name]) || v[name].length > 2048) p.push(`${name} '${v[name]}' must be an https:// URL`);
  }
  return p;
}

class UsageError extends Error {
  constructor(problems) {
    super(problems.join('\n'));
    this.problems = problems;
  }
}

function fill(template, v) {
  // JSON-escape each value so a quote in, say, DEVELOPER_NAME cannot break the manifest.
  const text = template.replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (whole, name) =>
    name in v ? JSON.stringify(v[name]).slice(1, -1) : whole);
  const left = [...new Set(text.match(/\$\{\{[^}]*\}\}/g) ?? [])];
  if (left.length) throw new UsageError([`manifest.json has placeholders this script does not know: ${left.join(', ')}`]);
  return JSON.stringify(JSON.parse(text), null, 2) + '\n';
}

/**
 * The translations the manifest names in localizationInfo (Teams reads them from the zip root beside manifest.json),
 * each checked to be a JSON object with no placeholder, since this script fills only manifest.json.
 */
function languageFiles(manifest) {
  const info = manifest.localizationInfo ?? {};
  const files = [info.defaultLanguageFile, ...(info.additionalLanguages ?? []).map((l) => l.file)].filter(Boolean);
  return files.map((file) => {
    if (!/^[a-z0-9-]+\.json$/i.test(file)) throw new UsageError([`localizationInfo names '${file}': language files sit beside manifest.json, e.g. cy.json`]);
    let text;
    try {
      text = readFileSync(join(here, file), 'utf8');
    } catch {
      throw new UsageError([`localizationInfo names ${file}, which is not in manifests/teams`]);
    }
    if (/\$\{\{/.test(text)) throw new UsageError([`${file} has a placeholder; only manifest.json is filled in`]);
    let strings;
    try {
      strings = JSON.parse(text);
    } catch (e) {
      throw new UsageError([`${file} is not JSON: ${e.message}`]);
    }
    return { name: file, data: Buffer.from(JSON.stringify(strings, null, 2) + '\n', 'utf8') };
  });
}

/** A zip of stored-or-deflated entries with a fixed 1980-01-01 timestamp, so the same input gives the same bytes. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const useDeflate = deflated.length < data.length;
    const body = useDeflate ? deflated : data;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(useDeflate ? 8 : 0, 8);
    local.writeUInt16LE(0, 10); // time 00:00
    local.writeUInt16LE(0x21, 12); // date 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    local.copy(central, 6, 4, 26); // version needed … uncompressed size
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

try {
  const { v, out } = readValues(process.argv.slice(2), process.env);
  const found = problems(v);
  if (found.length) throw new UsageError(found);
  const manifest = fill(readFileSync(join(here, 'manifest.json'), 'utf8'), v);
  const archive = zip([
    { name: 'manifest.json', data: Buffer.from(manifest, 'utf8') },
    { name: 'color.png', data: readFileSync(join(here, 'color.png')) },
    { name: 'outline.png', data: readFileSync(join(here, 'outline.png')) },
    ...languageFiles(JSON.parse(manifest)),
  ]);
  const target = resolve(out);
  mkdirSync(dirname(target), { recursive: true });
  // Write then rename, so a failed run never leaves half a zip where the old one was.
  writeFileSync(`${target}.tmp`, archive);
  renameSync(`${target}.tmp`, target);
  console.log(`wrote ${target} (bot ${v.BOT_ID}, domain ${v.BOT_DOMAIN}, version ${v.APP_VERSION})`);
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  console.error('Cannot build the Teams app package:');
  for (const p of e.problems) console.error(`  - ${p}`);
  console.error('Usage: BOT_ID=<guid> BOT_DOMAIN=<host> [APP_VERSION=1.0.0] manifests/teams/package.sh [--out=path.zip]');
  process.exit(2);
}
