// The card validator (lib/card-validator.mjs) fails cards that Teams or the official renderer would not take, and
// passes a card built like the bot's. Needs only Chromium, not the bot or the Playground:
// `cd tests/e2e && node --test card-validator.test.mjs`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CardRenderer, cardTitle, teamsProblems } from './lib/card-validator.mjs';

/** A card in the shape the bot builds (src/CspBot.Core/Cards/AdaptiveCard.cs): the good case. */
function goodCard() {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body: [
      { type: 'TextBlock', text: 'ASB-01 · Reduce repeat victims', wrap: true, size: 'Large', weight: 'Bolder' },
      { type: 'FactSet', facts: [{ title: 'Owner', value: 'Priya Shah' }] },
      {
        type: 'Container',
        separator: true,
        items: [{
          type: 'ColumnSet',
          columns: [
            { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: '⏳ Outstanding', wrap: true }] },
            { type: 'Column', width: 'auto', items: [{ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Open', url: 'https://example.org/' }] }] },
          ],
        }],
      },
      { type: 'Input.ChoiceSet', id: 'status', label: 'Status', style: 'compact', choices: [{ title: 'Green: on track', value: 'Green' }] },
      { type: 'Input.Text', id: 'commentary', label: 'Commentary', isMultiline: true, maxLength: 2000 },
      { type: 'Input.Date', id: 'revisedDate', label: 'Revised date' },
    ],
    actions: [{
      type: 'Action.Execute',
      title: 'Submit return',
      verb: 'submitReturn',
      data: { verb: 'submitReturn', msteams: { type: 'messageBack' }, type: 'not a card object' },
      fallback: { type: 'Action.Submit', title: 'Submit return', data: { verb: 'submitReturn' } },
    }],
  };
}

describe('the Adaptive Card validator', () => {
  /** @type {CardRenderer} */
  let renderer;
  before(async () => {
    renderer = await CardRenderer.open();
  }, { timeout: 60_000 });
  after(() => renderer?.close());

  const problemsOf = async (card) => (await renderer.check(card)).problems;

  test('passes a card built like the bot\'s (schema 1.5, Teams elements, Execute with a Submit fallback)', async () => {
    assert.deepEqual(await problemsOf(goodCard()), []);
  });

  test('passes a Teams chart with a fallback element, and rejects one without (or with "drop")', async () => {
    const chart = (fallback) => ({
      type: 'Chart.HorizontalBar.Stacked', title: 'RAG', data: [{ title: 'VIO', data: [{ legend: 'Red', value: 2, color: 'attention' }] }], ...(fallback === undefined ? {} : { fallback }),
    });
    const withFallback = goodCard();
    withFallback.body.push(chart({ type: 'Container', items: [{ type: 'TextBlock', text: 'VIO: 2 Red', wrap: true }] }));
    assert.deepEqual(await problemsOf(withFallback), []);
    for (const fallback of [undefined, 'drop']) {
      const card = goodCard();
      card.body.push(chart(fallback));
      const problems = await problemsOf(card);
      assert.ok(problems.some((p) => /"Chart.HorizontalBar.Stacked" needs a fallback element/.test(p)), problems.join('\n'));
    }
  });

  test('passes Teams\' typeahead search on a ChoiceSet with static choices, and rejects it without them or elsewhere', async () => {
    const query = { type: 'Data.Query', dataset: 'members' };
    const card = goodCard();
    card.body[3] = { ...card.body[3], style: 'filtered', 'choices.data': query };
    assert.deepEqual(await problemsOf(card), []);

    const bare = goodCard();
    bare.body[3] = { ...bare.body[3], choices: [], 'choices.data': query };
    assert.ok((await problemsOf(bare)).some((p) => /needs static choices too/.test(p)));

    const stray = goodCard();
    stray.body.push({ type: 'Container', items: [query] });
    assert.ok((await problemsOf(stray)).some((p) => /"Data.Query" belongs only in an Input.ChoiceSet's choices.data/.test(p)));
  });

  test('rejects an element type that does not exist, in its own check and in the renderer\'s parse', async () => {
    const card = goodCard();
    card.body[2].items.push({ type: 'FancyGauge', value: 3 });
    const problems = await problemsOf(card);
    assert.ok(problems.some((p) => p.startsWith('body[2].items[1]: "FancyGauge" is not an element or action Teams supports')), problems.join('\n'));
    assert.ok(problems.some((p) => /^parse: UnknownElementType: .*FancyGauge/.test(p)), problems.join('\n'));
  });

  test('rejects an element the renderer knows but the Teams allow-list does not (Media)', async () => {
    const card = goodCard();
    card.body.push({ type: 'Media', sources: [{ mimeType: 'video/mp4', url: 'https://example.org/a.mp4' }] });
    const problems = await problemsOf(card);
    assert.deepEqual(problems.filter((p) => p.includes('Media')).length, 1, problems.join('\n'));
    assert.match(problems[0], /^body\[6\]: "Media" is not allowed: Teams plays Media only from/);
  });

  test('rejects a 1.6 element and a card of version 1.6: Teams renders schema 1.5 at most', async () => {
    const card = { ...goodCard(), version: '1.6' };
    card.body.push({ type: 'Carousel', pages: [] });
    const problems = await problemsOf(card);
    assert.ok(problems.includes('version is "1.6": Teams renders schema 1.5 at most'), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('body[6]: "Carousel" is not allowed: it is newer than schema 1.5')), problems.join('\n'));
    assert.ok(problems.some((p) => /^validation: UnsupportedCardVersion/.test(p)), `the renderer also refuses 1.6:\n${problems.join('\n')}`);
  });

  test('rejects malformed inputs: one without an id, two with the same id', async () => {
    const card = goodCard();
    delete card.body[4].id;
    card.body.push({ type: 'Input.Text', id: 'status', label: 'Status again' });
    const problems = await problemsOf(card);
    assert.ok(problems.some((p) => /^validation: PropertyCantBeNull: All inputs must have a unique Id/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /^validation: DuplicateId: .*status/.test(p)), problems.join('\n'));
  });

  test('rejects a card that is not an Adaptive Card: wrong type, no version, a foreign $schema, an untyped element', async () => {
    const problems = await problemsOf({ type: 'HeroCard', $schema: 'https://example.org/card.json', body: [{ text: 'no type' }] });
    assert.ok(problems.includes('type is "HeroCard", not "AdaptiveCard"'), problems.join('\n'));
    assert.ok(problems.includes('version is undefined: it must be a schema version such as "1.5"'), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('$schema is "https://example.org/card.json"')), problems.join('\n'));
    assert.ok(problems.includes('body[0]: a card object without a "type"'), problems.join('\n'));
    assert.ok(problems.some((p) => /^validation: MissingCardType/.test(p)), problems.join('\n'));
    assert.deepEqual(teamsProblems('not json'), ['the card is not a JSON object: "not json"']);
  });

  test('names a card by its first text', () => {
    assert.equal(cardTitle(goodCard()), 'ASB-01 · Reduce repeat victims');
    assert.equal(cardTitle({ type: 'AdaptiveCard', body: [{ type: 'Container', items: [{ type: 'RichTextBlock', inlines: ['A ', { type: 'TextRun', text: 'b' }] }] }] }), 'A b');
    assert.equal(cardTitle({ type: 'AdaptiveCard', body: [] }), undefined);
  });
});
