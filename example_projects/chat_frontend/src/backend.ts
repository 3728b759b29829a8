// What the page needs from the backend, in one place. Both example projects serve these URLs on the page's own
// origin:
//   POST /api/chat            the useChat endpoint (UI message stream); body field `model` picks an alias
//   GET  /api/models          {"aliases": [...], "default": "..."} for the model picker
//   GET  /api/chats/<id>      {"id": ..., "messages": [UI messages]} for a stored chat, 404 for an unknown one
import type { UIMessage } from "ai";

export const CHAT_URL = "/api/chat";
const MODELS_URL = "/api/models";
const historyUrl = (chatId: string) => `/api/chats/${encodeURIComponent(chatId)}`;

export interface ModelChoices {
  aliases: string[];
  default: string | null;
}

/** Django's CSRF token, from the `csrftoken` cookie its page view sets (absent on the FastAPI example). */
export function csrfToken(): string | null {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : null;
}

/** Headers for every chat request: the CSRF token when there is one (Django rejects a POST without it). */
export function requestHeaders(): Record<string, string> {
  const token = csrfToken();
  return token ? { "X-CSRFToken": token } : {};
}

/** A new random chat id (the server stores the conversation under it). */
export function newChatId(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

/** The chat id in the URL (`?chat=<id>`), adding a new one when there is none, so a reload reopens the chat. */
export function chatIdFromUrl(): string {
  const url = new URL(window.location.href);
  let chatId = url.searchParams.get("chat");
  if (!chatId) {
    chatId = newChatId();
    url.searchParams.set("chat", chatId);
    window.history.replaceState(null, "", url);
  }
  return chatId;
}

/** The aliases to offer; a backend without the endpoint gets no picker (it answers with its default). */
export async function loadModelChoices(): Promise<ModelChoices> {
  try {
    const response = await fetch(MODELS_URL, { headers: { accept: "application/json" } });
    if (!response.ok) return { aliases: [], default: null };
    const body = (await response.json()) as Partial<ModelChoices>;
    const aliases = Array.isArray(body.aliases) ? body.aliases.filter((alias) => typeof alias === "string") : [];
    const fallback = aliases.includes("default") ? "default" : (aliases[0] ?? null);
    return { aliases, default: typeof body.default === "string" ? body.default : fallback };
  } catch {
    return { aliases: [], default: null };
  }
}

/** The stored messages of a chat; none for a chat the server does not know (404) yet. */
export async function loadHistory(chatId: string): Promise<UIMessage[]> {
  const response = await fetch(historyUrl(chatId), { headers: { accept: "application/json" } });
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`Could not load the chat (HTTP ${response.status}).`);
  const body = (await response.json()) as { messages?: UIMessage[] };
  return Array.isArray(body.messages) ? body.messages : [];
}
