"""OpenAI Responses (``POST /responses``): the ``response`` object, and the SSE events ``response.created``,
``response.output_item.added``, ``response.output_text.delta``, ``response.function_call_arguments.delta``,
``response.reasoning_summary_text.delta``, ..., ``response.completed`` / ``response.incomplete``.

Like OpenAI with ``store`` on, the server keeps every output item and response, so a later request may point at
them with ``item_reference`` items or ``previous_response_id``; each server has its own :class:`ResponsesStore`.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

from tests.support.vendor_server.openai_chat import openai_error_body, validate_openai_key
from tests.support.vendor_server.script import (
    ScriptedReply,
    SeenRequest,
    finish_of,
    neutral_message,
    signature_for,
    text_chunks,
    token_counts,
    tool_call_id,
)
from tests.support.vendor_server.wire import WireFormat, sse_event

__all__ = ["ResponsesStore", "openai_responses_wire"]

_ENCRYPTED_REASONING = "reasoning.encrypted_content"


class ResponsesStore:
    """Output items by id and each response's whole item list by response id (what ``store`` keeps)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[str, dict[str, Any]] = {}
        self._conversations: dict[str, list[dict[str, Any]]] = {}

    def item(self, item_id: str) -> dict[str, Any] | None:
        """A stored output item."""
        with self._lock:
            return self._items.get(item_id)

    def conversation(self, response_id: str) -> list[dict[str, Any]]:
        """The input and output items of a stored response (empty when unknown)."""
        with self._lock:
            return list(self._conversations.get(response_id, ()))

    def keep(self, response_id: str, input_items: list[dict[str, Any]], output: list[dict[str, Any]]) -> None:
        """Remember one response."""
        with self._lock:
            self._items.update({item["id"]: item for item in output})
            self._conversations[response_id] = [*input_items, *output]


def _content_texts(content: Any, kinds: tuple[str, ...]) -> str:
    if isinstance(content, str):
        return content
    return "".join(
        str(part.get("text", "")) for part in content or () if isinstance(part, dict) and part.get("type") in kinds
    )


class _Normaliser:
    """Folds input items into neutral messages: consecutive assistant-side items (reasoning, text, calls) form
    one assistant turn, consecutive call outputs one tool turn."""

    def __init__(self, store: ResponsesStore) -> None:
        self.store = store
        self.system: list[str] = []
        self.messages: list[dict[str, Any]] = []
        self.names_by_id: dict[str, str] = {}

    def _turn(self, role: str) -> dict[str, Any]:
        if not self.messages or self.messages[-1]["role"] != role:
            self.messages.append(neutral_message(role))
        return self.messages[-1]

    def add(self, item: dict[str, Any]) -> None:
        kind = item.get("type", "message")
        if kind == "item_reference":
            stored = self.store.item(str(item.get("id")))
            if stored is not None:
                self.add(stored)
            return
        if kind == "message":
            self._message(item)
        elif kind == "reasoning":
            turn = self._turn("assistant")
            summary = _content_texts(item.get("summary"), ("summary_text",))
            turn["reasoning"] = (turn["reasoning"] or "") + summary
            turn["signature"] = item.get("encrypted_content") or turn["signature"]
        elif kind == "function_call":
            call = {
                "id": item.get("call_id"),
                "name": item.get("name"),
                "arguments": json.loads(item.get("arguments") or "{}"),
            }
            self.names_by_id[str(call["id"])] = str(call["name"])
            self._turn("assistant")["tool_calls"].append(call)
        elif kind == "function_call_output":
            call_id = item.get("call_id")
            output = item.get("output")
            content = output if isinstance(output, str) else _content_texts(output, ("input_text",))
            result = {"id": call_id, "name": self.names_by_id.get(str(call_id), ""), "content": content}
            self._turn("tool")["tool_results"].append(result)

    def _message(self, item: dict[str, Any]) -> None:
        role = item.get("role")
        content = item.get("content")
        if role in ("system", "developer"):
            self.system.append(_content_texts(content, ("input_text",)))
        elif role == "assistant":
            turn = self._turn("assistant")
            turn["text"] += _content_texts(content, ("output_text", "input_text"))
        else:
            images = (
                sum(
                    1
                    for part in content or ()
                    if isinstance(part, dict) and part.get("type") in ("input_image", "input_file")
                )
                if isinstance(content, list)
                else 0
            )
            self.messages.append(neutral_message("user", text=_content_texts(content, ("input_text",)), images=images))


def _validate(headers: dict[str, str], body: dict[str, Any]) -> tuple[int, str] | None:
    if (problem := validate_openai_key(headers)) is not None:
        return problem
    if not body.get("model"):
        return 400, "Missing required parameter: 'model'."
    if not body.get("input") and not body.get("previous_response_id"):
        return 400, "Missing required parameter: 'input'."
    return None


def _input_items(body: dict[str, Any], store: ResponsesStore) -> list[dict[str, Any]]:
    raw_input = body.get("input")
    items = [{"role": "user", "content": raw_input}] if isinstance(raw_input, str) else list(raw_input or ())
    previous = body.get("previous_response_id")
    return [*store.conversation(str(previous)), *items] if previous else items


def _parse(store: ResponsesStore, path: str, headers: dict[str, str], body: dict[str, Any]) -> SeenRequest:
    normaliser = _Normaliser(store)
    if body.get("instructions"):
        normaliser.system.append(str(body["instructions"]))
    for item in _input_items(body, store):
        if isinstance(item, dict):
            normaliser.add(item)
    tools = [
        {"name": tool.get("name"), "description": tool.get("description"), "parameters": tool.get("parameters")}
        for tool in body.get("tools") or ()
        if tool.get("type") == "function"
    ]
    text_format = (body.get("text") or {}).get("format") or {}
    response_format: Any = None
    if text_format.get("type") == "json_schema":
        response_format = text_format.get("schema") or {}
    elif text_format.get("type") == "json_object":
        response_format = {}
    return SeenRequest(
        wire="openai-responses",
        path=path,
        headers=headers,
        body=body,
        stream=bool(body.get("stream")),
        model=str(body.get("model", "")),
        system="\n\n".join(normaliser.system) if normaliser.system else None,
        messages=normaliser.messages,
        tools=tools,
        tool_choice=body.get("tool_choice"),
        response_format=response_format,
        max_tokens=body.get("max_output_tokens"),
        temperature=body.get("temperature"),
        stop=[],
    )


def _output_items(reply: ScriptedReply, request: SeenRequest) -> list[dict[str, Any]]:
    """``reasoning``, ``message`` and ``function_call`` items, with fresh ids."""
    suffix = uuid.uuid4().hex[:16]
    output: list[dict[str, Any]] = []
    if reply.reasoning is not None:
        reasoning: dict[str, Any] = {"id": f"rs_{suffix}", "type": "reasoning", "summary": []}
        if reply.reasoning:
            reasoning["summary"] = [{"type": "summary_text", "text": reply.reasoning}]
        if _ENCRYPTED_REASONING in (request.body.get("include") or ()):
            reasoning["encrypted_content"] = signature_for(reply)
        output.append(reasoning)
    if reply.text:
        content = [{"type": "output_text", "annotations": [], "logprobs": [], "text": reply.text}]
        output.append(
            {"id": f"msg_{suffix}", "type": "message", "status": "completed", "role": "assistant", "content": content}
        )
    for index, call in enumerate(reply.tool_calls):
        output.append(
            {
                "id": f"fc_{suffix}_{index}",
                "type": "function_call",
                "status": "completed",
                "arguments": json.dumps(call.arguments),
                "call_id": tool_call_id(call, "call_"),
                "name": call.name,
            }
        )
    return output


def _usage(reply: ScriptedReply, request: SeenRequest) -> dict[str, Any]:
    input_tokens, output_tokens = token_counts(reply, request)
    return {
        "input_tokens": input_tokens,
        "input_tokens_details": {"cached_tokens": reply.cached_input_tokens},
        "output_tokens": output_tokens,
        "output_tokens_details": {"reasoning_tokens": reply.reasoning_tokens},
        "total_tokens": input_tokens + output_tokens,
    }


def _status(reply: ScriptedReply) -> tuple[str, dict[str, Any] | None]:
    finish = finish_of(reply)
    if finish == "length":
        return "incomplete", {"reason": "max_output_tokens"}
    if finish == "content_filter":
        return "incomplete", {"reason": "content_filter"}
    return "completed", None


def _response(request: SeenRequest, response_id: str, status: str) -> dict[str, Any]:
    body = request.body
    return {
        "id": response_id,
        "object": "response",
        "created_at": int(time.time()),
        "status": status,
        "background": False,
        "error": None,
        "incomplete_details": None,
        "instructions": body.get("instructions"),
        "max_output_tokens": body.get("max_output_tokens"),
        "model": request.model,
        "output": [],
        "parallel_tool_calls": body.get("parallel_tool_calls", True),
        "previous_response_id": body.get("previous_response_id"),
        "service_tier": "default",
        "store": body.get("store", True),
        "temperature": body.get("temperature", 1.0),
        "text": body.get("text") or {"format": {"type": "text"}},
        "tool_choice": body.get("tool_choice", "auto"),
        "tools": body.get("tools") or [],
        "top_p": body.get("top_p", 1.0),
        "truncation": "disabled",
        "usage": None,
        "user": None,
        "metadata": {},
    }


def _finished(
    store: ResponsesStore, reply: ScriptedReply, request: SeenRequest, response_id: str, output: list[dict[str, Any]]
) -> dict[str, Any]:
    status, details = _status(reply)
    body = _response(request, response_id, status)
    body.update(output=output, incomplete_details=details, usage=_usage(reply, request))
    if request.body.get("store", True) is not False:
        store.keep(response_id, _input_items(request.body, store), output)
    return body


def _encode_json(store: ResponsesStore, reply: ScriptedReply, request: SeenRequest) -> dict[str, Any]:
    return _finished(store, reply, request, f"resp_{uuid.uuid4().hex[:24]}", _output_items(reply, request))


def _item_events(item: dict[str, Any], output_index: int, chunk_size: int) -> Iterator[dict[str, Any]]:
    """One output item's events, without sequence numbers."""
    item_id = item["id"]
    where = {"item_id": item_id, "output_index": output_index}
    kind = item["type"]
    if kind == "reasoning":
        yield {"type": "response.output_item.added", "output_index": output_index, "item": {**item, "summary": []}}
        for summary_index, summary in enumerate(item["summary"]):
            part_where = {**where, "summary_index": summary_index}
            empty = {"type": "summary_text", "text": ""}
            yield {"type": "response.reasoning_summary_part.added", **part_where, "part": empty}
            for piece in text_chunks(summary["text"], chunk_size):
                yield {"type": "response.reasoning_summary_text.delta", **part_where, "delta": piece}
            yield {"type": "response.reasoning_summary_text.done", **part_where, "text": summary["text"]}
            yield {"type": "response.reasoning_summary_part.done", **part_where, "part": summary}
    elif kind == "message":
        opening = {**item, "status": "in_progress", "content": []}
        yield {"type": "response.output_item.added", "output_index": output_index, "item": opening}
        part = item["content"][0]
        part_where = {**where, "content_index": 0}
        yield {"type": "response.content_part.added", **part_where, "part": {**part, "text": ""}}
        for piece in text_chunks(part["text"], chunk_size):
            yield {"type": "response.output_text.delta", **part_where, "delta": piece, "logprobs": []}
        yield {"type": "response.output_text.done", **part_where, "text": part["text"], "logprobs": []}
        yield {"type": "response.content_part.done", **part_where, "part": part}
    else:
        opening = {**item, "status": "in_progress", "arguments": ""}
        yield {"type": "response.output_item.added", "output_index": output_index, "item": opening}
        for piece in text_chunks(item["arguments"], chunk_size):
            yield {"type": "response.function_call_arguments.delta", **where, "delta": piece}
        yield {"type": "response.function_call_arguments.done", **where, "arguments": item["arguments"]}
    yield {"type": "response.output_item.done", "output_index": output_index, "item": item}


def _encode_events(store: ResponsesStore, reply: ScriptedReply, request: SeenRequest) -> Iterator[str]:
    response_id = f"resp_{uuid.uuid4().hex[:24]}"
    output = _output_items(reply, request)

    def events() -> Iterator[dict[str, Any]]:
        opening = _response(request, response_id, "in_progress")
        yield {"type": "response.created", "response": opening}
        yield {"type": "response.in_progress", "response": opening}
        for output_index, item in enumerate(output):
            yield from _item_events(item, output_index, reply.chunk_size)
        finished = _finished(store, reply, request, response_id, output)
        kind = "response.completed" if finished["status"] == "completed" else "response.incomplete"
        yield {"type": kind, "response": finished}

    for sequence_number, event in enumerate(events()):
        yield sse_event({"type": event["type"], "sequence_number": sequence_number, **event}, event["type"])


def openai_responses_wire(store: ResponsesStore | None = None) -> WireFormat:
    """The Responses wire format over ``store`` (a fresh one by default)."""
    kept = store or ResponsesStore()
    return WireFormat(
        name="openai-responses",
        parse=lambda path, headers, body: _parse(kept, path, headers, body),
        encode_json=lambda reply, request: _encode_json(kept, reply, request),
        encode_events=lambda reply, request: _encode_events(kept, reply, request),
        error_body=openai_error_body,
        validate=_validate,
    )
