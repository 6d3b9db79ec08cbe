// The Agents Playground's HTTP API and its conversation stream: drive the bot as any configured user without the
// browser, and see what the bot sends back. Facts: /work/shared/design/PLAYGROUND.md ("HTTP API of the Playground").
import { PLAYGROUND_URL, TIMEOUTS } from './env.mjs';

async function call(method, path, body) {
  const response = await fetch(new URL(path, PLAYGROUND_URL), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUTS.http),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Playground ${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

let configPromise;

/** The effective configuration (users, chats, team) as the Playground reports it; read once per test file. */
export function playgroundConfig() {
  configPromise ??= call('GET', '/_internal/v1/config').then((body) => body.config);
  return configPromise;
}

/** Conversation ids of the configured personal chat, group chat, team General and its other channel. */
export async function conversations() {
  const config = await playgroundConfig();
  const team = config.teams[0];
  return {
    personal: config.personalChat.id,
    group: config.groupChats[0].id,
    general: team.id,
    channel: team.channels.find((c) => c.id !== team.id)?.id,
  };
}

/** A configured person by Teams id ("29:helen"): { id, name, email, aadObjectId, … }. */
export async function person(id) {
  const config = await playgroundConfig();
  const found = [config.currentUser, ...config.users].find((u) => u.id === id);
  if (!found) throw new Error(`${id} is not a user in .m365agentsplayground.yml`);
  return found;
}

/**
 * Sends an activity to the bot as the Playground would, starting from its own template for the conversation
 * (serviceUrl, recipient, conversation, tenant), then the fields given. Unlike the UI, this can speak as any user:
 * `sendActivity({ conversationId, from: '29:helen', text: 'help', mentionBot: true })`. Returns the activity sent.
 * - `mentionBot`: prefix the text with an @mention of the bot, as Teams does in group chats and channels (the bot
 *   only receives messages that mention it there).
 * - In a team channel, `channelData` (team, channel, tenant) is added as Teams sends it.
 * The Playground answers the bot's member look-up (GET members/{id}) only for members of that conversation:
 * in the personal chat that is the current user alone; in the group chat and the team, the five `users`.
 */
export async function sendActivity({ conversationId, from, type = 'message', mentionBot = false, ...fields }) {
  const template = await call('GET', `/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`);
  const config = await playgroundConfig();
  const sender = typeof from === 'string' ? await person(from).catch(() => ({ id: from })) : from;
  const activity = {
    ...template,
    type,
    from: { id: sender.id, name: sender.name, aadObjectId: sender.aadObjectId },
    ...(type === 'message' ? { textFormat: 'plain', locale: 'en-GB' } : {}),
    ...channelDataFor(config, template.conversation),
    ...fields,
  };
  if (mentionBot) {
    const at = `<at>${config.bot.name}</at>`;
    activity.text = `${at} ${activity.text ?? ''}`.trim();
    activity.entities = [...(activity.entities ?? []), { type: 'mention', mentioned: { id: config.bot.id, name: config.bot.name }, text: at }];
  }
  await call('POST', '/_internal/v1/customActivities', activity);
  return activity;
}

function channelDataFor(config, conversation) {
  if (conversation?.conversationType !== 'channel') return {};
  const team = config.teams.find((t) => t.channels.some((c) => c.id === conversation.id));
  if (!team) return {};
  return {
    channelData: {
      teamsChannelId: conversation.id,
      teamsTeamId: team.id,
      team: { id: team.id, name: team.name, aadGroupId: team.aadGroupId },
      channel: { id: conversation.id, name: team.channels.find((c) => c.id === conversation.id)?.name },
      tenant: { id: config.tenantId },
    },
  };
}

/** Sends an Adaptive Card Action.Execute as the Playground's UI would; returns the bot's invoke response body. */
export function invokeCardAction({ conversationId, from, replyToId, action }) {
  return call('POST', '/_conversation/v1/invoke', {
    name: 'adaptiveCard/action',
    from: { id: from },
    conversation: { id: conversationId },
    replyToId,
    value: { action },
  });
}

/**
 * A WebSocket of the Playground that sends JSON frames: keeps every frame and lets a test wait for one. Every
 * connected client gets every frame, so this works next to an open browser.
 */
class FrameStream {
  #socket;
  #frames = [];
  #waiters = new Set();

  /** Connects to the Playground's WebSocket at `path`; resolves once it is open. */
  async connect(path) {
    if (typeof WebSocket !== 'function') throw new Error('WebSocket is missing: Node 20 needs --experimental-websocket (run.sh adds it)');
    const url = new URL(path, PLAYGROUND_URL);
    url.protocol = url.protocol.replace('http', 'ws');
    this.#socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      this.#socket.addEventListener('open', resolve, { once: true });
      this.#socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
    });
    this.#socket.addEventListener('message', (event) => this.#receive(JSON.parse(String(event.data))));
    return this;
  }

  /** Frames so far, oldest first. */
  get frames() {
    return [...this.#frames];
  }

  /** Called with each frame as it arrives (after it is kept), if set. */
  onFrame;

  #receive(frame) {
    this.#frames.push(frame);
    this.onFrame?.(frame);
    for (const waiter of this.#waiters) waiter();
  }

  /** Waits for a frame at index >= since that matches; returns it. */
  waitFor(predicate, { since = 0, timeout = TIMEOUTS.reply, what = 'a matching frame' } = {}) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.#frames.slice(since).find(predicate);
        if (!found) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        const seen = this.#frames.slice(since).map((f) => this.describe(f));
        reject(new Error(`no ${what} within ${timeout} ms; frames seen: ${seen.length ? seen.join(' | ') : 'none'}`));
      }, timeout);
      this.#waiters.add(check);
      check();
    });
  }

  /** One frame in a line, for failure messages. */
  describe(frame) {
    return JSON.stringify(frame).slice(0, 160);
  }

  close() {
    this.#socket?.close();
  }
}

/**
 * Everything the bot sends to any conversation, as the Playground's web UI receives it (WebSocket
 * /_ws_conversation/v1/conversations/stream). Use `replyTo(() => send…)` to get the first message the bot posts in a
 * conversation after an action, and `messagesIn(conversationId)` for everything it created there. Frames are
 * { action: 'createMessage' | 'updateMessage' | …, actionConversationId, message }.
 */
export class ConversationStream extends FrameStream {
  static open() {
    return new ConversationStream().connect('/_ws_conversation/v1/conversations/stream');
  }

  /** Waits for a frame at index >= since that matches; returns it. */
  waitFor(predicate, { what = 'a matching message from the bot', ...options } = {}) {
    return super.waitFor(predicate, { what, ...options });
  }

  /** The messages the bot has created in a conversation so far (frame `message`s), oldest first. */
  messagesIn(conversationId, { since = 0 } = {}) {
    return this.frames.slice(since)
      .filter((f) => f.action === 'createMessage' && f.actionConversationId === conversationId)
      .map((f) => f.message);
  }

  /** Runs `send` and returns the first message the bot then creates in `conversationId` (the frame's `message`). */
  async replyTo(send, { conversationId, timeout } = {}) {
    const since = this.frames.length;
    const activity = await send();
    const target = conversationId ?? activity?.conversation?.id;
    const frame = await this.waitFor((f) => f.action === 'createMessage' && (!target || f.actionConversationId === target), {
      since,
      timeout,
      what: `reply from the bot in ${target ?? 'any conversation'}`,
    });
    return frame.message;
  }

  describe(frame) {
    return `${frame.action} in ${frame.actionConversationId}: ${summarise(frame.message)}`;
  }
}

/**
 * The Playground's traffic log (WebSocket /_ws/log/stream, what its Log Panel shows): every activity it sends to the
 * bot, with the bot's HTTP answer, and every connector call the bot makes. An entry for an activity arrives once the
 * bot has answered it, so `botHandled` tells when the bot has finished with, say, the team install that opening a
 * channel sends.
 */
export class PlaygroundLog extends FrameStream {
  static open() {
    return new PlaygroundLog().connect('/_ws/log/stream');
  }

  /**
   * Waits until the bot has answered (2xx) an activity the Playground sent it: `activityName` ('conversationUpdate',
   * 'message', …), in `conversationId` (a channel's id also matches its threads), and passing `where(body)` if given.
   */
  botHandled({ activityName, conversationId, where = () => true, since = 0, timeout }) {
    return this.waitFor((frame) => {
      const log = frame.log;
      const status = log?.response?.statusCode;
      return log?.activityName === activityName && log.to === 'User Application' &&
        (conversationId === undefined || log.conversationId?.split(';')[0] === conversationId) &&
        status >= 200 && status < 300 && where(log.request?.body ?? {});
    }, { since, timeout, what: `answered ${activityName} in ${conversationId ?? 'any conversation'}` });
  }

  describe(frame) {
    const log = frame.log ?? {};
    return `${log.activityName ?? log.type} ${log.conversationId ?? ''} ${log.response?.statusCode ?? ''} ${log.displayText ?? ''}`.trim();
  }
}

function summarise(message) {
  if (!message) return '';
  const card = message.attachments?.find((a) => a.contentType?.includes('adaptive'));
  return card ? `card "${JSON.stringify(card.content).slice(0, 120)}…"` : JSON.stringify(message.text ?? '').slice(0, 160);
}
