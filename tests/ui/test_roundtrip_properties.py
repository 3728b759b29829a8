"""Property: random valid chunk sequences survive encode -> SSE bytes -> Python reader unchanged.

The message read back from the encoded bytes must equal the one the assembler builds from the chunks directly
(for every chunk type), and, for sequences of text, reasoning, data, source, file and metadata chunks, an
expectation computed here independently of the assembler."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ai_sdk_core.ui.assemble import UIMessageAssembler
from ai_sdk_core.ui.encoding import encode_ui_message_stream
from ai_sdk_core.ui.reader import parse_ui_message_stream, read_ui_message_stream

text = st.text(max_size=12)  # any unicode, including what needs escaping in JSON
json_leaf = st.none() | st.booleans() | st.integers(-1000, 1000) | text
json_value = st.recursive(
    json_leaf,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3),
    max_leaves=6,
)
json_object = st.dictionaries(st.text(min_size=1, max_size=4), json_value, min_size=1, max_size=3)
provider_metadata = st.dictionaries(st.sampled_from(["openai", "anthropic"]), json_object, min_size=1, max_size=1)


def _maybe(draw: st.DrawFn, chunk: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    if draw(st.booleans()):
        chunk[key] = draw(strategy)


@st.composite
def chunk_sequences(draw: st.DrawFn, *, with_tools: bool) -> list[dict[str, Any]]:
    chunks: list[dict[str, Any]] = []
    if draw(st.booleans()):
        start: dict[str, Any] = {"type": "start", "messageId": draw(st.text(min_size=1, max_size=6))}
        _maybe(draw, start, "messageMetadata", json_object)
        chunks.append(start)
    open_text: list[str] = []
    open_reasoning: list[str] = []
    tool_calls: dict[str, str] = {}  # id -> "streaming" | "input" | "done"
    data_ids = ["d1", "d2"]
    counter = 0
    for _ in range(draw(st.integers(0, 30))):
        actions = ["start-step", "finish-step", "text-start", "reasoning-start", "data", "message-metadata"]
        actions += ["source-url", "source-document", "file"]
        if open_text:
            actions += ["text-delta", "text-delta", "text-end"]
        if open_reasoning:
            actions += ["reasoning-delta", "reasoning-end"]
        if with_tools:
            actions += ["tool-input-start", "tool-input-available", "tool-input-error"]
            if any(state == "streaming" for state in tool_calls.values()):
                actions += ["tool-input-delta"]
            if any(state == "input" for state in tool_calls.values()):
                actions += ["tool-output-available", "tool-output-error", "tool-approval-request"]
        action = draw(st.sampled_from(actions))
        counter += 1
        chunk: dict[str, Any] = {"type": action}
        if action in ("text-start", "reasoning-start"):
            chunk["id"] = f"{action[0]}{counter}"
            (open_text if action == "text-start" else open_reasoning).append(chunk["id"])
            _maybe(draw, chunk, "providerMetadata", provider_metadata)
        elif action in ("text-delta", "reasoning-delta"):
            chunk["id"] = draw(st.sampled_from(open_text if action == "text-delta" else open_reasoning))
            chunk["delta"] = draw(text)
        elif action in ("text-end", "reasoning-end"):
            pool = open_text if action == "text-end" else open_reasoning
            chunk["id"] = draw(st.sampled_from(pool))
            pool.remove(chunk["id"])
            _maybe(draw, chunk, "providerMetadata", provider_metadata)
        elif action == "data":
            chunk["type"] = "data-" + draw(st.sampled_from(["weather", "status"]))
            chunk["data"] = draw(json_value)
            _maybe(draw, chunk, "id", st.sampled_from(data_ids))
            if draw(st.integers(0, 5)) == 0:
                chunk["transient"] = True
        elif action == "message-metadata":
            chunk["messageMetadata"] = draw(json_object)
        elif action == "source-url":
            chunk.update(
                sourceId=f"s{counter}", url=draw(st.sampled_from(["https://a.example", "https://b.example/x"]))
            )
            _maybe(draw, chunk, "title", text)
        elif action == "source-document":
            chunk.update(sourceId=f"s{counter}", mediaType="application/pdf", title=draw(text))
            _maybe(draw, chunk, "filename", text)
        elif action == "file":
            chunk.update(url="data:text/plain;base64,aGk=", mediaType="text/plain")
        elif action == "tool-input-start":
            call_id = f"call{counter}"
            tool_calls[call_id] = "streaming"
            chunk.update(toolCallId=call_id, toolName=draw(st.sampled_from(["weather", "search"])))
            _maybe(draw, chunk, "dynamic", st.booleans())
            _maybe(draw, chunk, "title", text)
        elif action == "tool-input-delta":
            call_id = draw(st.sampled_from([key for key, state in tool_calls.items() if state == "streaming"]))
            chunk.update(
                toolCallId=call_id, inputTextDelta=draw(st.sampled_from(['{"ci', 'ty": "P', "aris", '"}', " "]))
            )
        elif action in ("tool-input-available", "tool-input-error"):
            streaming = [key for key, state in tool_calls.items() if state == "streaming"]
            call_id = draw(st.sampled_from(streaming)) if streaming and draw(st.booleans()) else f"call{counter}"
            tool_calls[call_id] = "input" if action == "tool-input-available" else "done"
            chunk.update(toolCallId=call_id, toolName="weather", input=draw(json_value))
            if action == "tool-input-error":
                chunk["errorText"] = draw(text)
            _maybe(draw, chunk, "providerExecuted", st.booleans())
            _maybe(draw, chunk, "providerMetadata", provider_metadata)
        elif action in ("tool-output-available", "tool-output-error", "tool-approval-request"):
            call_id = draw(st.sampled_from([key for key, state in tool_calls.items() if state == "input"]))
            chunk["toolCallId"] = call_id
            if action == "tool-output-available":
                chunk["output"] = draw(json_value)
                preliminary = draw(st.booleans())
                if preliminary:
                    chunk["preliminary"] = True
                tool_calls[call_id] = "input" if preliminary else "done"
            elif action == "tool-output-error":
                chunk["errorText"] = draw(text)
                tool_calls[call_id] = "done"
            else:
                chunk["approvalId"] = f"ap{counter}"
                tool_calls[call_id] = "approval"
                chunks.append(chunk)
                answer = draw(st.sampled_from(["none", "approve", "deny"]))
                if answer != "none":
                    chunk = {
                        "type": "tool-approval-response",
                        "approvalId": f"ap{counter}",
                        "approved": answer == "approve",
                    }
                    if answer == "deny":
                        chunks.append(chunk)
                        chunk = {"type": "tool-output-denied", "toolCallId": call_id}
                        tool_calls[call_id] = "done"
                    else:
                        tool_calls[call_id] = "input"
                else:
                    continue
        chunks.append(chunk)
    if draw(st.booleans()):
        finish: dict[str, Any] = {
            "type": "finish",
            "finishReason": draw(st.sampled_from(["stop", "tool-calls", "length"])),
        }
        _maybe(draw, finish, "messageMetadata", json_object)
        chunks.append(finish)
    return chunks


def _direct(chunks: list[dict[str, Any]]) -> tuple[UIMessageAssembler, list[dict[str, Any]]]:
    """The assembler fed the chunks directly, and the snapshots a reader would yield (one per change)."""
    assembler = UIMessageAssembler(reset_on_message_id_change=True)
    snapshots = []
    for chunk in chunks:
        assembler.process(chunk)
        if assembler.changed:
            snapshots.append(assembler.snapshot().to_dict())
    return assembler, snapshots


def _deep_merge(base: Any, update: Any) -> Any:
    if not isinstance(base, dict) or not isinstance(update, dict):
        return update
    merged = dict(base)
    for key, value in update.items():
        merged[key] = _deep_merge(merged[key], value) if key in merged else value
    return merged


def _expected(chunks: list[dict[str, Any]]) -> dict[str, Any]:
    """The final message of a tool-free sequence, computed without the assembler."""
    message: dict[str, Any] = {"id": "", "role": "assistant", "parts": []}
    by_id: dict[str, dict[str, Any]] = {}
    for chunk in chunks:
        kind = chunk["type"]
        metadata = chunk.get("messageMetadata")
        if metadata is not None:
            message["metadata"] = _deep_merge(message.get("metadata"), metadata)
        if kind == "start":
            message["id"] = chunk["messageId"]
        elif kind == "start-step":
            message["parts"].append({"type": "step-start"})
        elif kind in ("text-start", "reasoning-start"):
            part = {"type": kind.split("-")[0], "text": "", "state": "streaming"}
            if kind == "reasoning-start":
                part["id"] = chunk["id"]
            if "providerMetadata" in chunk:
                part["providerMetadata"] = chunk["providerMetadata"]
            by_id[chunk["id"]] = part
            message["parts"].append(part)
        elif kind in ("text-delta", "reasoning-delta"):
            by_id[chunk["id"]]["text"] += chunk["delta"]
        elif kind in ("text-end", "reasoning-end"):
            by_id[chunk["id"]]["state"] = "done"
            if "providerMetadata" in chunk:
                by_id[chunk["id"]]["providerMetadata"] = chunk["providerMetadata"]
        elif kind.startswith("data-") and not chunk.get("transient"):
            same = [p for p in message["parts"] if "id" in chunk and p["type"] == kind and p.get("id") == chunk["id"]]
            if same:
                same[0]["data"] = chunk["data"]
            else:
                message["parts"].append(dict(chunk))
        elif kind in ("source-url", "source-document", "file"):
            message["parts"].append({key: value for key, value in chunk.items()})
    return message


def _read_back(chunks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    body = b"".join(encode_ui_message_stream(chunks))
    # Split the bytes unevenly, as a network would.
    pieces = [body[index : index + 7] for index in range(0, len(body), 7)]
    return [message.to_dict() for message in read_ui_message_stream(pieces)]


@settings(max_examples=150, deadline=None)
@given(chunk_sequences(with_tools=True))
def test_encode_then_read_gives_the_directly_assembled_messages(chunks: list[dict[str, Any]]) -> None:
    body = b"".join(encode_ui_message_stream(chunks))
    assert list(parse_ui_message_stream([body])) == json.loads(json.dumps(chunks))
    _, expected_snapshots = _direct(chunks)
    assert _read_back(chunks) == expected_snapshots


@settings(max_examples=150, deadline=None)
@given(chunk_sequences(with_tools=False))
def test_read_message_matches_an_independent_expectation(chunks: list[dict[str, Any]]) -> None:
    assembler, snapshots = _direct(chunks)
    expected = _expected(chunks)
    assert assembler.message.to_dict() == expected
    read_back = _read_back(chunks)
    assert read_back == snapshots
    if read_back:
        # Only step boundaries and chunks that change nothing can follow the last snapshot.
        trailing_steps = [part for part in expected["parts"][len(read_back[-1]["parts"]) :]]
        assert all(part == {"type": "step-start"} for part in trailing_steps)
