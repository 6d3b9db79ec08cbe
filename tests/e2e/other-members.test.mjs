// Other partnership members, impersonated through the Playground's HTTP API (its UI acts only as Priya Shah).
// What the bot sends back is read from the Playground's conversation stream, as its web UI receives it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adaptiveCardOf, cardFacts, cardText } from './lib/cards.mjs';
import { TIMEOUTS } from './lib/env.mjs';
import { ConversationStream, conversations, sendActivity } from './lib/playground-api.mjs';

describe('other members through the Playground API', () => {
  /** @type {ConversationStream} */
  let stream;
  let chats;
  before(async () => {
    stream = await ConversationStream.open();
    chats = await conversations();
  }, { timeout: TIMEOUTS.file });
  after(() => stream?.close());
  const it = (name, options, body) => test(name, { timeout: TIMEOUTS.test, ...options }, body);

  let helensCard;
  const askForHelpAsHelen = async () => {
    helensCard ??= adaptiveCardOf(await stream.replyTo(() =>
      sendActivity({ conversationId: chats.group, from: '29:helen', text: 'help', mentionBot: true })));
    return helensCard;
  };

  it('Cllr Helen Marsh @mentions the bot with help in the group chat and gets the help card for a chair', {}, async () => {
    const card = await askForHelpAsHelen();

    assert.ok(card, 'the reply is an Adaptive Card');
    assert.match(cardText(card), /^What I can do$/m);
    assert.match(cardText(card), /you are a chair\b.* for Haringey Council\./, 'the card is for Helen (chair), not for Priya');
    const commands = cardFacts(card).map((f) => f.title);
    assert.ok(commands.includes('help'), `commands listed: ${JSON.stringify(commands)}`);
    assert.ok(!commands.includes('my actions'), `Helen owns no actions, so no "my actions": ${JSON.stringify(commands)}`);
  });

  it('the help card greets Helen by her first name', {}, async () => {
    assert.match(cardText(await askForHelpAsHelen()), /^Hi Helen\b/m);
  });

  it('DI Mark Reid gets the friendly pointer to help for text the bot does not know', {}, async () => {
    const reply = await stream.replyTo(() =>
      sendActivity({ conversationId: chats.group, from: '29:mark', text: 'what is on the agenda?', mentionBot: true }));

    assert.equal(reply.text, "Sorry, I didn't understand that. Type **help** to see what I can do.");
  });

  it('a Teams user the bot cannot look up is told to ask to be added', {}, async () => {
    // 29:visitor is not in the Playground's configuration, so the member look-up answers 404, as for a stranger.
    const reply = await stream.replyTo(() => sendActivity({ conversationId: chats.personal, from: '29:visitor', text: 'hello' }));

    assert.match(reply.text, /^Hello! I can't find you among the partnership's members/);
    assert.match(reply.text, /ask your performance officer to add you with the email address you use in Teams/);
  });
});
