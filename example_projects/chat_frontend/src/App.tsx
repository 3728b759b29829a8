// The chat: history restored from the backend, then useChat with DefaultChatTransport posting to /api/chat.
import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, type UIMessage } from "ai";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";

import {
  CHAT_URL,
  chatIdFromUrl,
  loadHistory,
  loadModelChoices,
  newChatId,
  requestHeaders,
  type ModelChoices,
} from "./backend";
import { MessagePart } from "./Parts";

type Loaded = { history: UIMessage[]; models: ModelChoices } | { failure: string };

export function App() {
  const chatId = useMemo(chatIdFromUrl, []);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([loadHistory(chatId), loadModelChoices()]).then(
      ([history, models]) => !cancelled && setLoaded({ history, models }),
      (error: unknown) => !cancelled && setLoaded({ failure: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [chatId]);

  return (
    <main className="app">
      <header>
        <h1>AI SDK chat</h1>
        <button
          type="button"
          className="secondary"
          onClick={() => window.location.assign(`${window.location.pathname}?chat=${newChatId()}`)}
        >
          New chat
        </button>
      </header>
      {loaded === null && <p className="muted">Loading…</p>}
      {loaded !== null && "failure" in loaded && (
        <p className="error" role="alert">
          {loaded.failure}
        </p>
      )}
      {loaded !== null && "history" in loaded && (
        <Chat chatId={chatId} history={loaded.history} models={loaded.models} />
      )}
    </main>
  );
}

/** False for an answer that has nothing to show yet (only step markers), e.g. one that failed at once. */
function hasVisibleParts(message: UIMessage): boolean {
  return message.parts.some((part) => part.type !== "step-start" && !part.type.startsWith("data-"));
}

function Chat({ chatId, history, models }: { chatId: string; history: UIMessage[]; models: ModelChoices }) {
  const [model, setModel] = useState(models.default ?? "");
  // The transport reads the alias when it sends, so a change in the picker applies to the next request.
  const modelRef = useRef(model);
  modelRef.current = model;
  const transport = useMemo(
    () =>
      new DefaultChatTransport({
        api: CHAT_URL,
        headers: requestHeaders,
        body: () => (modelRef.current ? { model: modelRef.current } : {}),
      }),
    [],
  );
  const { messages, sendMessage, status, error, stop, regenerate } = useChat({
    id: chatId,
    messages: history,
    transport,
  });
  const [input, setInput] = useState("");
  const busy = status === "submitted" || status === "streaming";
  const bottom = useRef<HTMLDivElement>(null);

  useEffect(() => {
    bottom.current?.scrollIntoView?.({ block: "end" });
  }, [messages]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = input.trim();
    if (!text || busy) return;
    setInput("");
    void sendMessage({ text });
  }

  return (
    <section className="chat" data-testid="chat" data-status={status}>
      {models.aliases.length > 0 && (
        <label className="picker">
          Model{" "}
          <select data-testid="model" value={model} onChange={(event) => setModel(event.target.value)}>
            {models.aliases.map((alias) => (
              <option key={alias} value={alias}>
                {alias}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="messages">
        {messages.length === 0 && <p className="muted">Ask something to start.</p>}
        {messages.filter(hasVisibleParts).map((message) => (
          <article key={message.id} className={`message ${message.role}`} data-testid="message" data-role={message.role}>
            {message.parts.map((part, index) => (
              <MessagePart key={index} part={part} />
            ))}
          </article>
        ))}
        {status === "submitted" && <p className="muted" data-testid="waiting">Thinking…</p>}
        {error && (
          <div className="error" role="alert" data-testid="error">
            <span>{error.message || "Something went wrong."}</span>
            <button type="button" onClick={() => void regenerate()} disabled={busy}>
              Retry
            </button>
          </div>
        )}
        <div ref={bottom} />
      </div>
      <form className="composer" onSubmit={submit}>
        <input
          data-testid="input"
          value={input}
          onChange={(event) => setInput(event.target.value)}
          placeholder="Say something"
          autoComplete="off"
          aria-label="Message"
        />
        {busy ? (
          <button type="button" data-testid="stop" onClick={() => void stop()}>
            Stop
          </button>
        ) : (
          <button type="submit" data-testid="send" disabled={!input.trim()}>
            Send
          </button>
        )}
      </form>
    </section>
  );
}
