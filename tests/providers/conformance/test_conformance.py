"""The shared conformance suite: every provider's scenarios through the same checks, sync and async.

Providers join by writing ``tests/providers/<dir>/conformance_cases.py`` (see :mod:`.cases`); this module
discovers them, so it holds no provider names. Scenario calls are built the same way for everyone:

* prompt: one user message with the text ``call["prompt"]`` (default :data:`DEFAULT_PROMPT`);
* tools: ``call["tools"]`` (name -> JSON Schema) as :class:`FunctionTool` objects without a description; tool
  scenarios default to ``{"get_weather": WEATHER_TOOL_SCHEMA}``;
* ``call["response_format"]``: a schema sent as ``ResponseFormat(type="json", schema=...)`` (no name);
* ``call["provider_options"]`` and ``call["max_output_tokens"]`` as they are.

``metadata_round_trip`` runs through the core (``generate_text``/``agenerate_text``, or the stream functions
when the scenario streams) with a ``get_weather`` tool answering ``{"temperature": 21}`` and
``stop_when=step_count_is(2)``, so the second request is built from the first answer's messages.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from ai_sdk_core import agenerate_text, astream_text, generate_text, step_count_is, stream_text, tool
from ai_sdk_core.provider_utils.json import parse_json, try_parse_json
from ai_sdk_core.spec import (
    APICallError,
    CallOptions,
    Content,
    Finish,
    FunctionTool,
    LanguageModel,
    ReasoningContent,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    ResponseFormat,
    SourceContent,
    StreamError,
    StreamPart,
    StreamStart,
    TextContent,
    TextDelta,
    TextEnd,
    TextPart,
    TextStart,
    ToolCallContent,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
    Usage,
    UserMessage,
)
from ai_sdk_core.testing.replay import ReplayResponse, ReplayTransport

from .cases import OPTIONAL_KINDS, REQUIRED_KINDS, WEATHER_TOOL_SCHEMA, ProviderUnderTest, Scenario

DEFAULT_PROMPT = "What is the weather in Paris?"
TOOL_KINDS = frozenset({"tool_call", "stream_tool_call", "metadata_round_trip"})
PROVIDERS_DIRECTORY = Path(__file__).resolve().parent.parent


def discover_providers() -> list[ProviderUnderTest]:
    """Every ``PROVIDER`` (or each of ``PROVIDERS``) of ``tests/providers/*/conformance_cases.py``, sorted by
    directory name."""
    providers: list[ProviderUnderTest] = []
    for path in sorted(PROVIDERS_DIRECTORY.glob("*/conformance_cases.py")):
        module = importlib.import_module(f"tests.providers.{path.parent.name}.conformance_cases")
        # PROVIDER for one provider; PROVIDERS for a module entering several (presets sharing fixtures).
        entries = list(getattr(module, "PROVIDERS", ())) or [getattr(module, "PROVIDER", None)]
        for provider in entries:
            assert isinstance(provider, ProviderUnderTest), f"{path} must define PROVIDER = ProviderUnderTest(...)"
            providers.append(provider)
    return providers


PROVIDERS = discover_providers()
SCENARIOS = [
    pytest.param(provider, kind, id=f"{provider.name}-{kind}")
    for provider in PROVIDERS
    for kind in sorted(provider.scenarios)
]

pytestmark = pytest.mark.anyio


# --- building calls and models ------------------------------------------------------------------------------


@dataclass(slots=True)
class Harness:
    """One scenario's model over a replay transport (which records the requests)."""

    model: LanguageModel
    transport: ReplayTransport


def _replay_response(provider: ProviderUnderTest, fixture: str) -> ReplayResponse:
    if provider.replay_response is not None:
        response: ReplayResponse = provider.replay_response(provider.fixtures / fixture)
        return response
    return ReplayResponse.from_fixture(provider.fixtures, fixture)


@pytest.fixture
def harness() -> Iterator[Any]:
    """``harness(provider, scenario)`` -> a :class:`Harness` serving the scenario's fixtures in order."""
    opened: list[httpx.Client | httpx.AsyncClient] = []

    def make(provider: ProviderUnderTest, scenario: Scenario) -> Harness:
        transport = ReplayTransport([_replay_response(provider, name) for name in scenario.fixtures])
        client = httpx.Client(transport=transport)
        async_client = httpx.AsyncClient(transport=transport)
        opened.extend((client, async_client))
        return Harness(model=provider.make_model(client, async_client), transport=transport)

    yield make
    for client in opened:
        if isinstance(client, httpx.Client):
            client.close()


def _tool_schemas(kind: str, scenario: Scenario) -> Mapping[str, Any]:
    tools: Mapping[str, Any] | None = scenario.call.get("tools")
    if tools is None and kind in TOOL_KINDS:
        return {"get_weather": WEATHER_TOOL_SCHEMA}
    return tools or {}


def build_call_options(kind: str, scenario: Scenario) -> CallOptions:
    """The spec call options of a scenario (module docstring)."""
    call = scenario.call
    tools = [FunctionTool(name=name, input_schema=schema) for name, schema in _tool_schemas(kind, scenario).items()]
    schema = call.get("response_format")
    return CallOptions(
        prompt=[UserMessage([TextPart(call.get("prompt", DEFAULT_PROMPT))])],
        tools=tools or None,
        response_format=ResponseFormat(type="json", schema=schema) if schema is not None else None,
        provider_options=call.get("provider_options"),
        max_output_tokens=call.get("max_output_tokens"),
    )


# --- what a call decoded to, stream or not ----------------------------------------------------------------------


@dataclass(slots=True)
class Decoded:
    """The parts of an answer every provider can be checked on, gathered from a result or from a stream."""

    text: str = ""
    reasoning: str = ""
    tool_calls: list[tuple[str, Any]] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    finish_reason: str | None = None
    usage: Usage | None = None


def decode_result(content: list[Content], finish_reason: str, usage: Usage) -> Decoded:
    """Gather a non-streaming result's content."""
    decoded = Decoded(finish_reason=finish_reason, usage=usage)
    for part in content:
        decoded.kinds.add(part.type)
        if isinstance(part, TextContent):
            decoded.text += part.text
        elif isinstance(part, ReasoningContent):
            decoded.reasoning += part.text
        elif isinstance(part, ToolCallContent):
            decoded.tool_calls.append((part.tool_name, parse_json(part.input)))
    return decoded


def decode_stream(parts: list[StreamPart]) -> Decoded:
    """Gather a stream's parts (after :func:`check_stream_invariants` proved them well ordered)."""
    decoded = Decoded()
    for part in parts:
        if isinstance(part, TextDelta):
            decoded.kinds.add("text")
            decoded.text += part.delta
        elif isinstance(part, ReasoningDelta):
            decoded.kinds.add("reasoning")
            decoded.reasoning += part.delta
        elif isinstance(part, ToolCallContent):
            decoded.kinds.add("tool-call")
            decoded.tool_calls.append((part.tool_name, parse_json(part.input)))
        elif isinstance(part, SourceContent):
            decoded.kinds.add("source")
        elif isinstance(part, Finish):
            decoded.finish_reason = part.finish_reason.unified
            decoded.usage = part.usage
    return decoded


def _check_block_order(parts: list[StreamPart], start: type[Any], delta: type[Any], end: type[Any], label: str) -> None:
    """Each id: one start, then its deltas, then one end."""
    state: dict[str, str] = {}
    for index, part in enumerate(parts):
        if isinstance(part, start):
            assert part.id not in state, f"{label} {part.id!r} started twice (part {index})"
            state[part.id] = "open"
        elif isinstance(part, delta):
            assert state.get(part.id) == "open", f"{label} delta for {part.id!r} outside start/end (part {index})"
        elif isinstance(part, end):
            assert state.get(part.id) == "open", f"{label} end for {part.id!r} without an open start (part {index})"
            state[part.id] = "closed"
    assert all(value == "closed" for value in state.values()), f"{label} blocks left open: {state}"


def check_stream_invariants(parts: list[StreamPart]) -> None:
    """A ``StreamStart`` first; text and reasoning blocks opened, filled and closed per id; each streamed tool
    call's input started, sent and ended before its ``ToolCallContent`` (and the deltas add up to the input);
    exactly one ``Finish``, last."""
    assert parts, "the stream yielded nothing"
    assert isinstance(parts[0], StreamStart), f"first part is {parts[0]!r}, not stream-start"
    errors = [part for part in parts if isinstance(part, StreamError)]
    assert not errors, f"unexpected error parts: {errors}"
    finishes = [index for index, part in enumerate(parts) if isinstance(part, Finish)]
    assert finishes == [len(parts) - 1], f"expected exactly one finish part, last; found at {finishes}"
    _check_block_order(parts, TextStart, TextDelta, TextEnd, "text")
    _check_block_order(parts, ReasoningStart, ReasoningDelta, ReasoningEnd, "reasoning")
    _check_block_order(parts, ToolInputStart, ToolInputDelta, ToolInputEnd, "tool input")
    ended: set[str] = set()
    inputs: dict[str, str] = {}
    for part in parts:
        if isinstance(part, ToolInputDelta):
            inputs[part.id] = inputs.get(part.id, "") + part.delta
        elif isinstance(part, ToolInputEnd):
            ended.add(part.id)
        elif isinstance(part, ToolCallContent) and not part.provider_executed:
            assert part.tool_call_id in ended, f"tool call {part.tool_call_id!r} before its tool-input-end"
            parsed, streamed = try_parse_json(inputs.get(part.tool_call_id, "").strip() or "{}")
            assert parsed, f"tool input deltas of {part.tool_call_id!r} are not JSON"
            assert streamed == parse_json(part.input), "tool input deltas do not add up to the call"


# --- running a scenario ---------------------------------------------------------------------------------------


async def run_call(mode: str, model: LanguageModel, options: CallOptions, *, stream: bool) -> Decoded:
    """One spec-level call in ``mode`` ("sync" or "async"), decoded; streams are checked for invariants."""
    if stream:
        if mode == "sync":
            parts = list(model.do_stream(options).stream)
        else:
            result = await model.ado_stream(options)
            parts = [part async for part in result.stream]
        check_stream_invariants(parts)
        return decode_stream(parts)
    generated = model.do_generate(options) if mode == "sync" else await model.ado_generate(options)
    return decode_result(generated.content, generated.finish_reason.unified, generated.usage)


def check_expectations(scenario: Scenario, decoded: Decoded) -> None:
    """Every ``expect_*`` field the scenario set."""
    if scenario.expect_text is not None:
        assert decoded.text == scenario.expect_text
    if scenario.expect_reasoning is not None:
        assert decoded.reasoning == scenario.expect_reasoning
    if scenario.expect_tool_calls is not None:
        assert decoded.tool_calls == [(name, dict(arguments)) for name, arguments in scenario.expect_tool_calls]
    if scenario.expect_json is not None:
        assert parse_json(decoded.text) == scenario.expect_json
    if scenario.expect_finish_reason is not None:
        assert decoded.finish_reason == scenario.expect_finish_reason
    if scenario.expect_input_tokens is not None:
        assert decoded.usage is not None
        assert decoded.usage.input_tokens.total == scenario.expect_input_tokens
    if scenario.expect_output_tokens is not None:
        assert decoded.usage is not None
        assert decoded.usage.output_tokens.total == scenario.expect_output_tokens


def _first_request_body(transport: ReplayTransport) -> Any:
    assert transport.requests, "no request was sent"
    return transport.requests[0].json


async def run_error(mode: str, harness: Harness, kind: str, scenario: Scenario) -> None:
    options = build_call_options(kind, scenario)
    with pytest.raises(APICallError) as caught:
        await run_call(mode, harness.model, options, stream=scenario.stream)
    if scenario.expect_error_status is not None:
        assert caught.value.status_code == scenario.expect_error_status
    if scenario.expect_error_message_contains is not None:
        assert scenario.expect_error_message_contains in caught.value.message


def _weather_tool() -> Any:
    return tool(
        description=None,
        input_schema=WEATHER_TOOL_SCHEMA,
        execute=lambda arguments: {"temperature": 21},
    )


async def run_round_trip(mode: str, harness: Harness, scenario: Scenario) -> None:
    arguments: dict[str, Any] = {
        "model": harness.model,
        "prompt": scenario.call.get("prompt", DEFAULT_PROMPT),
        "tools": {"get_weather": _weather_tool()},
        "stop_when": step_count_is(2),
        "max_retries": 0,
    }
    if "provider_options" in scenario.call:
        arguments["provider_options"] = scenario.call["provider_options"]
    if "max_output_tokens" in scenario.call:
        arguments["max_output_tokens"] = scenario.call["max_output_tokens"]
    if scenario.stream and mode == "sync":
        with stream_text(**arguments) as streamed:
            streamed.consume_stream()
            error = streamed.error
    elif scenario.stream:
        async with astream_text(**arguments) as async_streamed:
            await async_streamed.consume_stream()
            error = await async_streamed.error
    elif mode == "sync":
        generate_text(**arguments)
        error = None
    else:
        await agenerate_text(**arguments)
        error = None
    assert error is None, f"the round trip failed: {error!r}"
    assert len(harness.transport.requests) == 2, "the core did not send a second request"
    if scenario.check_follow_up_request is not None:
        scenario.check_follow_up_request(harness.transport.requests[1].json)


# --- the tests -------------------------------------------------------------------------------------------------


def test_providers_were_discovered() -> None:
    assert PROVIDERS, "no tests/providers/*/conformance_cases.py found"
    names = [provider.name for provider in PROVIDERS]
    assert len(names) == len(set(names)), f"two providers share a name: {names}"


@pytest.mark.parametrize("provider", [pytest.param(provider, id=provider.name) for provider in PROVIDERS])
def test_provider_covers_required_kinds(provider: ProviderUnderTest) -> None:
    missing = REQUIRED_KINDS - set(provider.scenarios) - set(provider.unsupported)
    unknown = set(provider.scenarios) - REQUIRED_KINDS - OPTIONAL_KINDS
    assert not missing, f"{provider.name} lacks scenarios {sorted(missing)}"
    assert not unknown, f"{provider.name} has unknown scenario kinds {sorted(unknown)}"
    assert all(provider.unsupported.values()), f"{provider.name}: say why each unsupported kind is unsupported"
    assert not set(provider.unsupported) & set(provider.scenarios), f"{provider.name}: a kind is both"
    for kind in ("stream_text", "stream_tool_call"):
        if kind in provider.scenarios:
            assert provider.scenarios[kind].stream, f"{provider.name}: {kind} must stream"
    for kind in ("text", "tool_call"):
        if kind in provider.scenarios:
            assert not provider.scenarios[kind].stream, f"{provider.name}: {kind} must not stream"


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize(("provider", "kind"), SCENARIOS)
async def test_scenario(provider: ProviderUnderTest, kind: str, mode: str, harness: Any) -> None:
    scenario = provider.scenarios[kind]
    under_test: Harness = harness(provider, scenario)
    if kind == "error":
        await run_error(mode, under_test, kind, scenario)
    elif kind == "metadata_round_trip":
        await run_round_trip(mode, under_test, scenario)
    else:
        decoded = await run_call(mode, under_test.model, build_call_options(kind, scenario), stream=scenario.stream)
        check_expectations(scenario, decoded)
        expected_kind = {"tool_call": "tool-call", "stream_tool_call": "tool-call", "reasoning": "reasoning"}
        assert expected_kind.get(kind, "text") in decoded.kinds, f"{kind} decoded to {sorted(decoded.kinds)}"
    if scenario.check_request is not None:
        scenario.check_request(_first_request_body(under_test.transport))


FORM_PAIRS = [
    pytest.param(provider, whole, streamed, id=f"{provider.name}-{whole}")
    for provider in PROVIDERS
    for whole, streamed in (("text", "stream_text"), ("tool_call", "stream_tool_call"))
    if whole in provider.scenarios and streamed in provider.scenarios
]


@pytest.mark.parametrize(("provider", "whole", "streamed"), FORM_PAIRS)
async def test_stream_and_whole_forms_agree(
    provider: ProviderUnderTest, whole: str, streamed: str, harness: Any
) -> None:
    """The streamed and whole forms of an answer decode to the same kinds of content."""
    kinds = []
    for kind in (whole, streamed):
        scenario = provider.scenarios[kind]
        under_test: Harness = harness(provider, scenario)
        decoded = await run_call("sync", under_test.model, build_call_options(kind, scenario), stream=scenario.stream)
        kinds.append(decoded.kinds - {"source"})
    assert kinds[0] == kinds[1], f"{provider.name}: {whole} gives {sorted(kinds[0])}, {streamed} {sorted(kinds[1])}"
