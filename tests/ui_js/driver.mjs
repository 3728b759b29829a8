// Drives a Python chat endpoint with the npm `ai` package's own client, as `useChat` does, and prints what the
// client ended with as one JSON document on stdout (read by test_js_client.py).
//
//   node driver.mjs <base-url> <scenario> <major>       e.g. node driver.mjs http://127.0.0.1:8123 text 7
//
// The chat is an `AbstractChat` over a `DefaultChatTransport` (the pair `useChat` runs) with a small ChatState
// like the one @ai-sdk/react keeps. Its `fetch` is wrapped so that the same response body is also read raw:
// every SSE event is checked with `parseJsonEventStream` + `uiMessageChunkSchema` from the same package version,
// so a chunk the client would reject is reported with the reason, not only as a failed chat.
//
// Major 7 imports `ai`, 6 and 5 import `ai6` / `ai5` (npm:ai@6.x / 5.x); all are pinned in package.json.

import { createRequire } from 'node:module';

const PACKAGES = { 7: 'ai', 6: 'ai6', 5: 'ai5' };
const TURN_TIMEOUT_MS = 15_000;

// What the client does per scenario; the server side of each is in app.py. `stopAfterText`: call chat.stop()
// once the assistant message shows that text (the server is holding the stream open at that point).
const SCENARIOS = {
  text: { turns: [{ text: 'Say hello' }] },
  reasoning: { turns: [{ text: 'Think first' }] },
  'tool-call': { turns: [{ text: 'Weather in Paris?' }] },
  'tool-error': { turns: [{ text: 'Weather in Atlantis?' }] },
  data: { turns: [{ text: 'Show progress' }] },
  metadata: { turns: [{ text: 'With metadata' }] },
  'server-error': { turns: [{ text: 'Fail please' }] },
  'server-error-text': { turns: [{ text: 'Fail politely' }] },
  'execute-error': { turns: [{ text: 'Fail after writing' }] },
  abort: { turns: [{ text: 'Talk for a long time', stopAfterText: 'Hello' }] },
  'second-turn': {
    turns: [{ text: 'Weather in Paris?' }, { text: 'And tomorrow?', body: { turnNumber: 2 } }],
  },
  // `approve`: answer the pending tool approval, then send (no new user message): the server continues the
  // assistant message. Majors without approvals (5) stop after the first turn.
  approval: { turns: [{ text: 'Weather in Paris?' }, { approve: true }] },
  'approval-denied': { turns: [{ text: 'Weather in Paris?' }, { approve: false, reason: 'not now' }] },
  rich: { turns: [{ text: 'Sources please' }, { text: 'Thanks' }] },
  'invalid-tool': { turns: [{ text: 'My horoscope?' }, { text: 'Please?' }] },
  'keep-alive': { turns: [{ text: 'Take your time' }] },
  // streamProtocol: 'text' in useChat: a TextStreamChatTransport reading plain text.
  'text-protocol': { transport: 'text', turns: [{ text: 'Plain please' }] },
  // `regenerate`: chat.regenerate() replaces the last answer (trigger regenerate-message).
  regenerate: { turns: [{ text: 'Answer twice' }, { regenerate: true }] },
};

function errorText(error) {
  if (error == null) return null;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

// A ChatState that keeps plain arrays, copying on snapshot as @ai-sdk/react does (structuredClone), and records
// every status the chat passes through.
class RecordingChatState {
  constructor(onMessagesChanged) {
    this.messages = [];
    this.error = undefined;
    this.statusHistory = [];
    this._status = 'ready';
    this.onMessagesChanged = onMessagesChanged;
  }

  get status() {
    return this._status;
  }

  set status(value) {
    this._status = value;
    this.statusHistory.push(value);
  }

  pushMessage = message => {
    this.messages = this.messages.concat(message);
    this.onMessagesChanged(this.messages);
  };

  popMessage = () => {
    this.messages = this.messages.slice(0, -1);
    this.onMessagesChanged(this.messages);
  };

  replaceMessage = (index, message) => {
    this.messages = [...this.messages.slice(0, index), this.snapshot(message), ...this.messages.slice(index + 1)];
    this.onMessagesChanged(this.messages);
  };

  snapshot = value => structuredClone(value);
}

async function readAll(stream, record) {
  const reader = stream.getReader();
  const pieces = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pieces.push(value);
    }
  } catch (error) {
    record.rawReadError = errorText(error); // an aborted request ends the body this way
  }
  return Buffer.concat(pieces.map(piece => Buffer.from(piece)));
}

// Every event of the raw body through the package's own parser and chunk schema.
async function validateChunks(sdk, bytes, record) {
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(new Uint8Array(bytes));
      controller.close();
    },
  });
  const results = sdk.parseJsonEventStream({ stream, schema: sdk.uiMessageChunkSchema });
  for await (const result of results) {
    if (result.success) {
      record.chunks.push(result.value);
    } else {
      record.invalidChunks.push({ raw: result.rawValue ?? null, error: errorText(result.error) });
    }
  }
}

// The package's own readUIMessageStream over the valid chunks: the JS counterpart of the Python reader (it starts
// a new message on a `start` chunk with another id, which the chat does not do outside of resuming).
async function readMessage(sdk, record) {
  const chunks = record.chunks;
  const stream = new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  record.readerErrors = [];
  let last = null;
  const posted = record.requestBody?.messages ?? [];
  const lastPosted = posted[posted.length - 1];
  const continued = lastPosted?.role === 'assistant' ? lastPosted : undefined;
  const onError = error => record.readerErrors.push(errorText(error));
  const message = continued && structuredClone(continued); // the reader updates the message it is given
  for await (const snapshot of sdk.readUIMessageStream({ stream, message, onError })) {
    last = snapshot;
  }
  record.readerMessage = last && structuredClone(last);
}

async function runTurn({ sdk, chat, state, turn, record, api }) {
  record.pendingChecks = [];
  const turnTimer = setTimeout(() => {
    record.timedOut = true;
    void chat.stop();
  }, TURN_TIMEOUT_MS);
  try {
    if (turn.regenerate) {
      // As a "regenerate this answer" button does: name the message.
      await chat.regenerate({ messageId: state.messages[state.messages.length - 1].id });
    } else if (turn.approve != null) {
      const pending = state.messages
        .flatMap(message => message.parts)
        .find(part => part.state === 'approval-requested');
      if (!pending) throw new Error('no tool part waits for an approval');
      await chat.addToolApprovalResponse({ id: pending.approval.id, approved: turn.approve, reason: turn.reason });
      await chat.sendMessage();
    } else {
      await chat.sendMessage({ text: turn.text }, turn.body ? { body: turn.body } : undefined);
    }
    if (record.stopPromise) await record.stopPromise;
  } catch (error) {
    record.sendError = errorText(error);
  } finally {
    clearTimeout(turnTimer);
  }
  await Promise.all(record.pendingChecks);
  delete record.pendingChecks;
  record.status = chat.status;
  record.error = chat.error ? chat.error.message : null;
  record.errorName = chat.error ? chat.error.name : null;
  record.messages = structuredClone(state.messages);
  record.api = api;
}

async function main() {
  const [baseUrl, scenarioName, majorText] = process.argv.slice(2);
  const major = Number(majorText);
  const scenario = SCENARIOS[scenarioName];
  if (!baseUrl || !scenario || !(major in PACKAGES)) {
    process.stderr.write(`usage: node driver.mjs <base-url> <${Object.keys(SCENARIOS).join('|')}> <5|6|7>\n`);
    process.exit(64);
  }
  const sdk = await import(PACKAGES[major]);
  const packageVersion = createRequire(import.meta.url)(`${PACKAGES[major]}/package.json`).version;
  const api = `${baseUrl}/api/chat/${scenarioName}?v=${major}`;

  let current = null; // the record of the turn in progress
  let stopRequested = false;
  const state = new RecordingChatState(messages => {
    const turn = current?.turn;
    if (!turn?.stopAfterText || stopRequested) return;
    const last = messages[messages.length - 1];
    const texts = last?.role === 'assistant' ? last.parts.filter(part => part.type === 'text') : [];
    const shown = texts.map(part => part.text).join('');
    if (shown.includes(turn.stopAfterText)) {
      stopRequested = true;
      // Not awaited here: stop() waits for the update job this callback runs in.
      current.record.stopPromise = chat.stop();
    }
  });

  const recordingFetch = async (input, init) => {
    const record = current.record;
    record.requestBody = JSON.parse(init.body);
    const response = await fetch(input, init);
    record.httpStatus = response.status;
    record.headers = Object.fromEntries(response.headers.entries());
    if (!response.body) return response;
    const [forClient, forCheck] = response.body.tee();
    record.pendingChecks.push(
      (async () => {
        const bytes = await readAll(forCheck, record);
        record.raw = bytes.toString('utf8');
        if (scenario.transport === 'text') return; // not a UI message stream
        await validateChunks(sdk, bytes, record);
        await readMessage(sdk, record);
      })(),
    );
    const { status, statusText, headers } = response;
    return new Response(forClient, { status, statusText, headers });
  };

  let idCounter = 0;
  const chat = new (class extends sdk.AbstractChat {})({
    id: `chat-${scenarioName}`,
    generateId: () => `client-id-${++idCounter}`,
    state,
    transport:
      scenario.transport === 'text'
        ? new sdk.TextStreamChatTransport({ api, fetch: recordingFetch })
        : new sdk.DefaultChatTransport({ api, fetch: recordingFetch }),
    onData: part => current.record.onData.push(structuredClone(part)),
    onFinish: ({ isAbort, isDisconnect, isError, finishReason }) => {
      current.record.onFinish = { isAbort, isDisconnect, isError, finishReason: finishReason ?? null };
    },
    onError: error => {
      current.record.onError = errorText(error);
    },
  });

  const turns = [];
  const turnsToRun = major < 6 ? scenario.turns.filter(turn => turn.approve == null) : scenario.turns;
  for (const turn of turnsToRun) {
    const record = { chunks: [], invalidChunks: [], onData: [], onFinish: null, onError: null };
    current = { turn, record };
    await runTurn({ sdk, chat, state, turn, record, api });
    delete record.stopPromise;
    turns.push(record);
  }
  const result = {
    scenario: scenarioName,
    major,
    packageVersion,
    statusHistory: state.statusHistory,
    turns,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

// A hard bound on the whole run, whatever happens to the server.
const processTimer = setTimeout(() => {
  process.stderr.write('driver.mjs: timed out\n');
  process.exit(70);
}, 2 * TURN_TIMEOUT_MS + 10_000);
processTimer.unref();

main().catch(error => {
  process.stderr.write(`driver.mjs failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
