"""A provider's own tools (``openai.tools.web_search()``, Anthropic's bash, ...) pass through the core loop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from ai_sdk_core import (
    InvalidArgumentError,
    Tool,
    agenerate_text,
    astream_text,
    generate_text,
    step_count_is,
    stream_text,
)
from ai_sdk_core.providers.openai import create_openai
from ai_sdk_core.spec import FunctionTool, ProviderTool
from ai_sdk_core.testing import MockLanguageModel, mock_text_result, mock_tool_call_result
from ai_sdk_core.testing.replay import ReplayTransport

pytestmark = pytest.mark.anyio

RESPONSES_FIXTURES = Path(__file__).parents[1] / "providers" / "openai_responses" / "fixtures"


def _openai_model(fixture: str) -> tuple[Any, ReplayTransport]:
    transport = ReplayTransport.from_fixtures(RESPONSES_FIXTURES, fixture)
    provider = create_openai(
        api_key="sk-test-provider-tools",
        http_client=httpx.Client(transport=transport),
        async_http_client=httpx.AsyncClient(transport=transport),
    )
    return provider, transport


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_a_built_in_tool_runs_at_the_provider_and_its_results_reach_the_result(mode: str) -> None:
    provider, transport = _openai_model("web-search")
    arguments: dict[str, Any] = {
        "model": provider("gpt-5-mini"),
        "prompt": "What is the weather in Paris?",
        "tools": {"search": provider.tools.web_search(search_context_size="medium")},
    }
    result = generate_text(**arguments) if mode == "sync" else await agenerate_text(**arguments)
    assert len(transport.requests) == 1, "a provider-executed call needs no second step"
    assert transport.requests[0].json["tools"] == [{"type": "web_search", "search_context_size": "medium"}]
    assert [(call.tool_name, call.provider_executed) for call in result.tool_calls] == [("search", True)]
    assert [(output.tool_name, output.provider_executed) for output in result.tool_results] == [("search", True)]
    assert [source.url for source in result.sources] == ["https://meteo.example/paris"]
    assert result.text


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_a_built_in_tool_streams_through_stream_text(mode: str) -> None:
    provider, transport = _openai_model("stream-web-search")
    arguments: dict[str, Any] = {
        "model": provider("gpt-5-mini"),
        "prompt": "What is the weather in Paris?",
        "tools": {"search": provider.tools.web_search()},
    }
    if mode == "sync":
        result = stream_text(**arguments)
        types = [part.type for part in result.full_stream]
        tool_calls = result.tool_calls
    else:
        async_result = astream_text(**arguments)
        types = [part.type async for part in async_result.full_stream]
        tool_calls = await async_result.tool_calls
    assert transport.requests[0].json["tools"] == [{"type": "web_search"}]
    assert "tool-call" in types and "tool-result" in types and "error" not in types
    assert [(call.tool_name, call.provider_executed) for call in tool_calls] == [("search", True)]


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_a_provider_tool_with_execute_is_defined_by_the_provider_and_run_by_the_sdk(mode: str) -> None:
    ran: list[Any] = []

    def run_command(tool_input: dict[str, Any]) -> str:
        ran.append(tool_input)
        return "file.txt"

    bash = Tool(
        input_schema={"type": "object", "properties": {"command": {"type": "string"}}, "required": ["command"]},
        execute=run_command,
        provider_tool=ProviderTool(id="anthropic.bash_20250124", name="bash"),
    )
    model = MockLanguageModel(
        do_generate=[mock_tool_call_result(("call_1", "bash", {"command": "ls"})), mock_text_result("One file.")]
    )
    arguments: dict[str, Any] = {
        "model": model,
        "prompt": "List files",
        "tools": {"bash": bash},
        "stop_when": step_count_is(2),
    }
    result = generate_text(**arguments) if mode == "sync" else await agenerate_text(**arguments)
    assert ran == [{"command": "ls"}]
    assert result.text == "One file."
    sent = model.calls[0].tools
    assert sent == [ProviderTool(id="anthropic.bash_20250124", name="bash")]
    assert not any(isinstance(definition, FunctionTool) for definition in sent or [])


def test_anything_else_is_refused_with_a_reason() -> None:
    with pytest.raises(InvalidArgumentError, match="provider tool"):
        generate_text(model=MockLanguageModel(), prompt="Hi", tools={"bad": 42})
