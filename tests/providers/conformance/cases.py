"""What a provider contributes to the shared conformance suite.

Each provider's test package has a module ``conformance_cases.py`` defining ``PROVIDER: ProviderUnderTest`` (or
``PROVIDERS: list[ProviderUnderTest]`` when one package enters several providers sharing fixtures).
``test_conformance.py`` discovers them (``tests/providers/*/conformance_cases.py``) and runs every scenario
through the same checks, sync and async, so behaviour cannot drift between providers. A new provider joins by
writing fixtures and one such module; it writes no test functions of its own for these behaviours.

Scenario kinds (keys of ``ProviderUnderTest.scenarios``); every provider must have all of ``REQUIRED_KINDS``,
and ``reasoning`` where the vendor supports it:

``text``                 non-streaming text answer (``.json`` fixture)
``stream_text``          streamed text answer (``.chunks.txt`` or ``.sse.txt`` fixture)
``tool_call``            non-streaming tool call; the call options offer ``tools``
``stream_tool_call``     streamed tool call with arguments split across events
``structured_output``    ``response_format`` JSON with a schema; the answer parses to ``expect_json``
``reasoning``            reasoning/thinking content (``expect_reasoning``)
``error``                an error status with the vendor's error body (``expect_error_status``, message text)
``metadata_round_trip``  a first answer whose parts carry provider metadata (signatures, item ids), then a
                         second request built by the core from ``response.messages``: ``check_follow_up_request``
                         asserts that the metadata came back in the second request body
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from ai_sdk_core.spec import LanguageModel

__all__ = ["OPTIONAL_KINDS", "REQUIRED_KINDS", "ProviderUnderTest", "Scenario"]

REQUIRED_KINDS = frozenset(
    {"text", "stream_text", "tool_call", "stream_tool_call", "structured_output", "error", "metadata_round_trip"}
)
OPTIONAL_KINDS = frozenset({"reasoning"})

# The tool every tool scenario offers, so fixtures across providers answer the same question.
WEATHER_TOOL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"city": {"type": "string"}},
    "required": ["city"],
    "additionalProperties": False,
}


@dataclass(frozen=True)
class Scenario:
    """One replayed exchange and what must come out of it.

    ``fixtures`` names the fixture files served in order (without extension; ``.json`` or ``.chunks.txt`` /
    the provider's stream format as its replay helper defines). ``stream`` says whether the call streams.
    ``expect_*`` fields left at None are not checked. ``check_request`` receives the first request's parsed
    JSON body (assert the exact body there); ``check_follow_up_request`` the second one's (round trips).
    ``call`` holds extra call settings: ``prompt`` (default "What is the weather in Paris?"), ``tools``
    (``{"get_weather": WEATHER_TOOL_SCHEMA}`` for tool scenarios), ``response_format`` schema,
    ``provider_options``, ``max_output_tokens``.
    """

    fixtures: tuple[str, ...]
    stream: bool = False
    expect_text: str | None = None
    expect_reasoning: str | None = None
    expect_tool_calls: tuple[tuple[str, dict[str, Any]], ...] | None = None
    expect_json: Any = None
    expect_finish_reason: str | None = None
    expect_input_tokens: int | None = None
    expect_output_tokens: int | None = None
    expect_error_status: int | None = None
    expect_error_message_contains: str | None = None
    check_request: Callable[[Any], None] | None = None
    check_follow_up_request: Callable[[Any], None] | None = None
    call: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ProviderUnderTest:
    """A provider's entry: how to build its model over test HTTP clients, where its fixtures are, its scenarios.

    ``make_model(http_client, async_http_client)`` returns a language model whose requests go through the given
    clients (both use a replay transport serving the scenario's fixtures) with a dummy API key.
    ``replay_response(path)`` turns one fixture file into a ``ReplayResponse`` when the provider's stream format
    is not plain ``data:`` SSE (defaults to ``ReplayResponse.from_fixture``).
    ``unsupported`` maps a required kind the vendor's API cannot do at all (Perplexity has no function calling)
    to the reason; such a kind needs no scenario.
    """

    name: str
    fixtures: Path
    make_model: Callable[[httpx.Client, httpx.AsyncClient], LanguageModel]
    scenarios: Mapping[str, Scenario]
    replay_response: Callable[[Path], Any] | None = None
    unsupported: Mapping[str, str] = field(default_factory=dict)
