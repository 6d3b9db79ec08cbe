#!/usr/bin/env node
// Checks the Microsoft 365 Agents Toolkit project files (m365agents.yml, m365agents.local.yml and env/) the way the
// toolkit reads them, offline: each file against the toolkit's own YAML schema for its `version` (shipped inside the
// CLI package), every ${{VARIABLE}} a step uses is in the environment file or written by an earlier step, and every
// app package is built by manifests/teams/package.mjs from the bot id, domain, Teams app id and version it needs.
// Prints one line per problem and exits 1; prints "toolkit project OK" and exits 0 when there are none.
//   node tests/teams-toolkit/check-project.mjs [repository folder]
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(process.argv[2] ?? join(here, '..', '..'));
const cliFolder = join(here, 'node_modules', '@microsoft', 'm365agentstoolkit-cli');
// The CLI's own dependencies: the parser and validator it uses itself.
const require = createRequire(join(cliFolder, 'package.json'));
const yaml = require('js-yaml');
const Ajv = require('ajv');

const problems = [];
const BUILT_IN = new Set(['TEAMSFX_ENV']);
const PROJECTS = [
  { file: 'm365agents.yml', env: 'dev' },
  { file: 'm365agents.local.yml', env: 'local' },
];

function readEnv(path) {
  const names = new Set();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=/.exec(line.trim());
    if (m) names.add(m[1]);
  }
  return names;
}

for (const { file, env } of PROJECTS) {
  const path = join(repo, file);
  if (!existsSync(path)) { problems.push(`${file}: missing`); continue; }
  let project;
  try { project = yaml.load(readFileSync(path, 'utf8')); } catch (e) { problems.push(`${file}: not YAML: ${e.message}`); continue; }
  const schemaPath = join(cliFolder, 'resource', 'yaml-schema', String(project?.version), 'yaml.schema.json');
  if (!existsSync(schemaPath)) { problems.push(`${file}: version '${project?.version}' is not one this toolkit knows`); continue; }
  // Steps are checked one by one against the schema's list of actions; of the errors, only those of the action the
  // step names are reported (the other actions' rules all fail too, saying nothing useful).
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const outline = { ...project };
  for (const stage of ['provision', 'deploy', 'publish', 'share']) if (Array.isArray(outline[stage])) outline[stage] = [];
  const whole = ajv.compile(schema);
  if (!whole(outline)) for (const e of whole.errors) problems.push(`${file}: ${e.instancePath || '/'} ${e.message}`);
  // Each step against the one action it names (the list's anyOf over every action would report all their rules).
  const refName = (ref) => ref.replace('#/definitions/', '');
  const usesOf = (name) => {
    const d = schema.definitions[name];
    return d.properties?.uses?.const ?? [...(d.allOf ?? []), ...(d.oneOf ?? [])].map((r) => usesOf(refName(r.$ref))).find(Boolean);
  };
  const actions = new Map(schema.definitions.lifeCycleArray.items.anyOf.map((r) => [usesOf(refName(r.$ref)), refName(r.$ref)]));
  for (const stage of ['provision', 'deploy', 'publish']) {
    for (const [i, action] of (project[stage] ?? []).entries()) {
      const name = actions.get(action?.uses);
      if (!name) { problems.push(`${file}: ${stage}[${i}] '${action?.uses}' is not an action of this toolkit`); continue; }
      const validate = ajv.compile({ definitions: schema.definitions, $ref: `#/definitions/${name}` });
      if (validate(action)) continue;
      const messages = new Set(validate.errors.filter((e) => !['oneOf', 'anyOf'].includes(e.keyword))
        .map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}${e.params?.allowedValues ? `: ${e.params.allowedValues.join(', ')}` : ''}`));
      for (const message of messages) problems.push(`${file}: ${stage}[${i}] ${action.uses}: ${message}`);
    }
  }

  const envFolder = join(repo, project.environmentFolderPath ?? './env');
  const envFile = join(envFolder, `.env.${env}`);
  if (!existsSync(envFile)) { problems.push(`${file}: no environment file env/.env.${env}`); continue; }
  const known = new Set([...BUILT_IN, ...readEnv(envFile)]);
  for (const stage of ['provision', 'deploy', 'publish']) {
    const written = new Set();
    for (const [i, step] of (project[stage] ?? []).entries()) {
      const where = `${file}: ${stage}[${i}] ${step.uses}`;
      const text = JSON.stringify(step.with ?? {});
      for (const [, name] of text.matchAll(/\$\{\{([A-Za-z0-9_]+)\}\}/g)) {
        // Secrets live in env/.env.<env>.user, written by the step that creates them.
        if (!known.has(name) && !written.has(name)) problems.push(`${where}: uses \${{${name}}}, which nothing sets before it`);
      }
      for (const name of Object.values(step.writeToEnvironmentFile ?? {})) {
        written.add(name);
        if (!name.startsWith('SECRET_') && !known.has(name)) problems.push(`${where}: writes ${name}, which env/.env.${env} does not list`);
      }
      if (step.uses === 'script' && /package\.mjs/.test(step.with?.run ?? '')) {
        for (const flag of ['--bot-id=${{BOT_ID}}', '--bot-domain=${{BOT_DOMAIN}}', '--teams-app-id=${{TEAMS_APP_ID}}', '--app-version=${{APP_VERSION}}']) {
          if (!step.with.run.includes(flag)) problems.push(`${where}: builds the package without ${flag}`);
        }
      }
      if (/^teamsApp\/(validateAppPackage|update|publishAppPackage)$/.test(step.uses)) {
        const built = (project[stage] ?? []).slice(0, i).some((s) => s.uses === 'script' && (s.with?.run ?? '').includes(`--out=${step.with.appPackagePath.replace(/^\.\//, '')}`));
        if (!built) problems.push(`${where}: ${step.with.appPackagePath} is not built by an earlier package.mjs step`);
      }
    }
  }
}

if (problems.length) {
  for (const p of problems) console.log(p);
  process.exit(1);
}
console.log('toolkit project OK');
