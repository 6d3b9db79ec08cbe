// Checks an Adaptive Card the way Teams would take it: schema 1.5 at most, only the elements and actions Teams renders
// for bots, and the official JavaScript renderer (npm `adaptivecards`, pinned in package-lock.json) parses,
// validates and renders it without an error. The renderer needs a DOM, so it runs in a blank Chromium page.
//   const renderer = await CardRenderer.open();
//   const { problems, hints } = await renderer.check(card);   // problems: strings; none means the card is fine
//   await renderer.close();
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from './env.mjs';

/** Teams renders Adaptive Cards up to schema 1.5 (1.6 elements such as Carousel are ignored or break the card). */
export const MAX_VERSION = '1.5';

/** The element, action and card types a bot's card may use in Teams (schema 1.5, documented as supported by Teams). */
export const TEAMS_TYPES = new Set([
  'AdaptiveCard',
  'TextBlock', 'Image', 'Container', 'ColumnSet', 'Column', 'FactSet', 'ImageSet', 'ActionSet',
  'RichTextBlock', 'TextRun', 'Table', 'TableRow', 'TableCell',
  'Input.Text', 'Input.Number', 'Input.Date', 'Input.Time', 'Input.Toggle', 'Input.ChoiceSet',
  'Action.OpenUrl', 'Action.Submit', 'Action.ShowCard', 'Action.ToggleVisibility', 'Action.Execute',
]);

/**
 * Charts Teams draws in bot cards (documented for Teams, not part of schema 1.5): allowed only with a `fallback`
 * element, itself checked like any other, for the clients that cannot draw them (the Playground, older mobile ones).
 */
export const TEAMS_CHARTS = new Set([
  'Chart.Donut', 'Chart.Pie', 'Chart.Gauge', 'Chart.Line',
  'Chart.VerticalBar', 'Chart.VerticalBar.Grouped', 'Chart.HorizontalBar', 'Chart.HorizontalBar.Stacked',
]);

/** Why a type that exists somewhere in the Adaptive Cards world is not on the list. */
const NOT_FOR_TEAMS = {
  Media: 'Teams plays Media only from OneDrive, SharePoint, YouTube, Vimeo or Dailymotion; the bot sends none, so it is not on the list',
  'Action.Http': 'Action.Http is for Outlook Actionable Messages, not Teams',
};
const NEWER_THAN_1_5 = ['Carousel', 'CarouselPage', 'Icon', 'Badge', 'CompoundButton', 'Rating', 'Input.Rating',
  'ProgressBar', 'ProgressRing', 'CodeBlock', 'Action.Popover', 'Action.ResetInputs'];

const SCHEMA_URL = /^https?:\/\/adaptivecards\.io\/schemas\/adaptive-card\.json$/;

/** Keys whose values are the card author's payload (Action.Submit/Execute data, Teams' own settings), not card objects. */
const PAYLOAD_KEYS = new Set(['data', 'msteams']);
/** Keys that hold card objects, each of which must say its type. */
const TYPED_SLOTS = new Set(['body', 'items', 'actions', 'inlines']);

/**
 * What is wrong with a card for Teams, without the renderer: not an object, the root's type, version and $schema, and
 * every element or action type against TEAMS_TYPES. Returns problems as strings naming where they are.
 */
export function teamsProblems(card) {
  if (!card || typeof card !== 'object' || Array.isArray(card)) return [`the card is not a JSON object: ${JSON.stringify(card)?.slice(0, 80)}`];
  const problems = [];
  if (card.type !== 'AdaptiveCard') problems.push(`type is ${JSON.stringify(card.type)}, not "AdaptiveCard"`);
  if (typeof card.version !== 'string' || !/^1\.\d+$/.test(card.version)) {
    problems.push(`version is ${JSON.stringify(card.version)}: it must be a schema version such as "${MAX_VERSION}"`);
  } else if (Number(card.version.split('.')[1]) > Number(MAX_VERSION.split('.')[1])) {
    problems.push(`version is "${card.version}": Teams renders schema ${MAX_VERSION} at most`);
  }
  if (card.$schema !== undefined && !SCHEMA_URL.test(String(card.$schema))) {
    problems.push(`$schema is ${JSON.stringify(card.$schema)}, not http://adaptivecards.io/schemas/adaptive-card.json`);
  }
  walk(card, '', problems);
  return problems;
}

function walk(node, path, problems, slot) {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${path}[${i}]`, problems, slot));
    return;
  }
  if (!node || typeof node !== 'object') return;
  if (typeof node.type === 'string') {
    // The root's type has its own check.
    if (node.type === 'Data.Query') {
      // Teams' dynamic typeahead search: only as the choices.data of an Input.ChoiceSet, which keeps static choices for
      // clients without it (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/dynamic-search).
      if (!path.endsWith('.choices.data')) problems.push(`${path}: "Data.Query" belongs only in an Input.ChoiceSet's choices.data`);
      else if (typeof node.dataset !== 'string' || node.dataset.length === 0) problems.push(`${path}: a Data.Query needs its dataset`);
    } else if (node.type === 'Input.ChoiceSet' && node['choices.data'] && !(Array.isArray(node.choices) && node.choices.length > 0)) {
      problems.push(`${path}: an Input.ChoiceSet with choices.data needs static choices too, for clients without typeahead search`);
    } else if (TEAMS_CHARTS.has(node.type)) {
      if (!node.fallback || typeof node.fallback !== 'object' || !TEAMS_TYPES.has(node.fallback.type)) {
        problems.push(`${path}: "${node.type}" needs a fallback element (not "drop") for clients that cannot draw charts`);
      }
    } else if (path && !TEAMS_TYPES.has(node.type)) problems.push(`${path}: ${whyNot(node.type)}`);
  } else if (slot) {
    problems.push(`${path}: a card object without a "type"`);
  }
  for (const [key, value] of Object.entries(node)) {
    if (PAYLOAD_KEYS.has(key) || !value || typeof value !== 'object') continue;
    walk(value, path ? `${path}.${key}` : key, problems, TYPED_SLOTS.has(key) && Array.isArray(value));
  }
}

function whyNot(type) {
  if (NOT_FOR_TEAMS[type]) return `"${type}" is not allowed: ${NOT_FOR_TEAMS[type]}`;
  if (NEWER_THAN_1_5.includes(type) || type.startsWith('Chart.')) return `"${type}" is not allowed: it is newer than schema ${MAX_VERSION}`;
  return `"${type}" is not an element or action Teams supports`;
}

/** The text of the first TextBlock (or rich text) in a card, depth first: how people recognise it. */
export function cardTitle(node) {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = cardTitle(item);
      if (found) return found;
    }
    return undefined;
  }
  if (!node || typeof node !== 'object') return undefined;
  if (node.type === 'TextBlock' && node.text) return String(node.text);
  if (node.type === 'RichTextBlock') {
    const text = (node.inlines ?? []).map((i) => (typeof i === 'string' ? i : i?.text ?? '')).join('');
    if (text) return text;
  }
  for (const [key, value] of Object.entries(node)) {
    if (PAYLOAD_KEYS.has(key) || !value || typeof value !== 'object') continue;
    const found = cardTitle(value);
    if (found) return found;
  }
  return undefined;
}

const rendererBundle = createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js');

/** Runs in the page: parse with the 1.5 serialisation context, validateProperties(), render(). */
function parseValidateRender({ json, maxVersion, charts }) {
  const AC = window.AdaptiveCards;
  const [major, minor] = maxVersion.split('.').map(Number);
  const target = new AC.Version(major, minor);
  const eventName = (e) => AC.ValidationEvent[e.event] ?? String(e.event);
  const hostElement = document.getElementById('card');
  hostElement.replaceChildren();
  const errors = [];
  const hints = [];
  // The renderer does not know Teams' charts and renders their fallback (teamsProblems insists there is one): a hint.
  const isChart = (e) => e.event === AC.ValidationEvent.UnknownElementType && charts.some((c) => e.message.includes(`"${c}"`));
  // Teams' dynamic typeahead (choices.data) is a 1.6 property to the renderer, which shows the static choices instead
  // (teamsProblems insists there are some): a hint.
  const isTypeahead = (e) => e.event === AC.ValidationEvent.UnsupportedProperty && e.message.includes('"choices.data"');
  const note = (phase, e) => (e.event === AC.ValidationEvent.Hint || isChart(e) || isTypeahead(e) ? hints : errors).push(`${phase}: ${eventName(e)}: ${e.message}`);
  try {
    const card = new AC.AdaptiveCard();
    card.maxVersion = target;
    const context = new AC.SerializationContext(target);
    // The renderer checks "lang" with a global regular expression (/^[a-z]{2,3}$/gi), whose lastIndex survives from
    // one card to the next: every other card's valid "en" or "cy" was refused. Each card starts the expression afresh.
    AC.CardElement.langProperty.regEx.lastIndex = 0;
    card.parse(json, context);
    for (let i = 0; i < context.eventCount; i++) note('parse', context.getEventAt(i));
    for (const e of card.validateProperties().validationEvents) note('validation', e);
    const rendered = card.render();
    if (!rendered) errors.push('render: the renderer produced nothing');
    else hostElement.appendChild(rendered);
    if (card.shouldFallback()) errors.push('render: the card would show its fallback text instead of its content');
  } catch (error) {
    errors.push(`renderer threw: ${error?.stack ?? error}`);
  }
  return { errors, hints };
}

/** The official renderer in a blank Chromium page; one per process, reused for every card. */
export class CardRenderer {
  #browser;
  #page;
  #pageErrors = [];

  static async open() {
    const renderer = new CardRenderer();
    renderer.#browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
    try {
      renderer.#page = await renderer.#browser.newPage();
      renderer.#page.on('pageerror', (e) => renderer.#pageErrors.push(`page error: ${e.message}`));
      renderer.#page.on('console', (m) => { if (m.type() === 'error') renderer.#pageErrors.push(`console error: ${m.text()}`); });
      await renderer.#page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="card"></div></body></html>');
      await renderer.#page.addScriptTag({ path: rendererBundle });
      if (!(await renderer.#page.evaluate(() => typeof window.AdaptiveCards?.AdaptiveCard === 'function'))) {
        throw new Error(`the Adaptive Cards renderer did not load from ${rendererBundle}`);
      }
    } catch (error) {
      await renderer.close();
      throw error;
    }
    return renderer;
  }

  /**
   * Checks a card: Teams' rules (teamsProblems), then the renderer's parse and validation events and render().
   * Answers { problems, hints }: problems fail the card; hints are the renderer's advice (ValidationEvent.Hint).
   */
  async check(card) {
    const problems = teamsProblems(card);
    if (!card || typeof card !== 'object' || Array.isArray(card)) return { problems, hints: [] };
    this.#pageErrors = [];
    const { errors, hints } = await this.#page.evaluate(parseValidateRender, { json: card, maxVersion: MAX_VERSION, charts: [...TEAMS_CHARTS] });
    return { problems: [...problems, ...errors, ...this.#pageErrors], hints };
  }

  async close() {
    await this.#browser?.close();
  }
}
