// Reading Adaptive Cards as JSON (from the Playground's conversation stream), for assertions.

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The first Adaptive Card attached to a message, or undefined. */
export function adaptiveCardOf(message) {
  return message?.attachments?.find((a) => a.contentType === ADAPTIVE_CARD)?.content;
}

/** Every piece of text a person would read in a card, in order: TextBlocks, facts, actions, inputs. */
export function cardTexts(node, out = []) {
  if (Array.isArray(node)) {
    for (const item of node) cardTexts(item, out);
    return out;
  }
  if (!node || typeof node !== 'object') return out;
  switch (node.type) {
    case 'TextBlock':
      out.push(node.text);
      break;
    case 'RichTextBlock':
      out.push((node.inlines ?? []).map((i) => (typeof i === 'string' ? i : i.text)).join(''));
      break;
    case 'FactSet':
      for (const fact of node.facts ?? []) out.push(`${fact.title} ${fact.value}`);
      break;
    default:
      if (typeof node.type === 'string' && node.type.startsWith('Action.') && node.title) out.push(node.title);
      if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.label) out.push(node.label);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'facts' && key !== 'inlines' && value && typeof value === 'object') cardTexts(value, out);
  }
  return out;
}

/** All of a card's text as one string (single spaces), handy for regex assertions. */
export const cardText = (card) => cardTexts(card).join('\n');

/** Every FactSet fact in a card, in order: [{ title, value }]. */
export function cardFacts(node, out = []) {
  if (Array.isArray(node)) {
    for (const item of node) cardFacts(item, out);
  } else if (node && typeof node === 'object') {
    if (node.type === 'FactSet') out.push(...(node.facts ?? []).map(({ title, value }) => ({ title, value })));
    for (const value of Object.values(node)) if (value && typeof value === 'object') cardFacts(value, out);
  }
  return out;
}

/**
 * The Adaptive Cards the bot sent in one entry of the Playground's traffic log (PlaygroundLog frame `log`):
 * attachments of the activities it posted or updated through the connector (a new conversation carries its first
 * activity in `activity`), and the card of an invoke response (Action.Execute). Answers [{ source, card }].
 */
export function cardsInLogEntry(log) {
  if (!log || log.type !== 'bot') return [];
  if (log.from === 'User Application') {
    const body = log.request?.body;
    return [body, body?.activity].flatMap((activity) => (activity?.attachments ?? [])
      .filter((a) => a?.contentType === ADAPTIVE_CARD)
      .map((a) => ({ source: `${log.activityName ?? 'message'} to the connector`, card: a.content })));
  }
  const answer = log.response?.body;
  if (log.to === 'User Application' && answer?.type === ADAPTIVE_CARD) {
    return [{ source: `answer to ${log.activityName ?? 'an activity'}`, card: answer.value }];
  }
  return [];
}
