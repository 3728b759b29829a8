"""Fixtures of the agent tests: every scenario runs through ``generate``/``stream`` in sync and async form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest

from ai_sdk_core.agent import Agent
from ai_sdk_core.generate_text.results import GenerateTextResult, StepResult
from ai_sdk_core.generate_text.stream_parts import TextStreamPart
from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.language_model import GenerateResult
from ai_sdk_core.spec.stream_parts import StreamPart
from ai_sdk_core.testing.mock_models import (
    MockLanguageModel,
    mock_text_result,
    mock_tool_call_result,
    text_stream_parts,
    tool_call_stream_parts,
)

Step = str | list[tuple[str, str, Any]]
"""A scripted model step: the answer text, or the tool calls ``(tool_call_id, tool_name, input)``."""


def scripted_model(*steps: Step) -> MockLanguageModel:
    """A mock model answering one scripted step per call, for ``generate`` and ``stream`` alike."""
    results: list[GenerateResult] = []
    streams: list[list[StreamPart]] = []
    for step in steps:
        if isinstance(step, str):
            results.append(mock_text_result(step))
            streams.append(text_stream_parts(step))
        else:
            results.append(mock_tool_call_result(*step))
            streams.append(tool_call_stream_parts(*step))
    return MockLanguageModel(do_generate=results, do_stream=streams)


@dataclass
class Outcome:
    """What one agent run produced, read the way a user would (``parts`` stay empty for ``generate``)."""

    result: GenerateTextResult
    parts: list[TextStreamPart] = field(default_factory=list)

    @property
    def steps(self) -> list[StepResult]:
        """The run's steps."""
        return self.result.steps


class Runner:
    """Runs an agent with ``generate``/``stream`` (``kind``), sync or async (``mode``).

    The sync flavour is called inside the async test on purpose: it must work where an event loop runs.
    """

    def __init__(self, mode: str, kind: str) -> None:
        self.mode = mode
        self.kind = kind

    async def run(self, agent: Agent, *, prompt: str | None = None, messages: Sequence[Any] | None = None) -> Outcome:
        """Run the agent once and collect its result (and stream parts)."""
        if self.kind == "generate":
            if self.mode == "sync":
                return Outcome(agent.generate(prompt=prompt, messages=messages))
            return Outcome(await agent.agenerate(prompt=prompt, messages=messages))
        if self.mode == "sync":
            with agent.stream(prompt=prompt, messages=messages) as stream:
                parts = list(stream.full_stream)
                return Outcome(GenerateTextResult(steps=stream.steps, total_usage=stream.total_usage), parts)
        async with agent.astream(prompt=prompt, messages=messages) as astream:
            parts = [part async for part in astream.full_stream]
            steps = await astream.steps
            total_usage = await astream.total_usage
            return Outcome(GenerateTextResult(steps=steps, total_usage=total_usage), parts)


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    """Sync or async API."""
    return str(request.param)


@pytest.fixture(params=["generate", "stream"])
def kind(request: pytest.FixtureRequest) -> str:
    """Whole result or stream."""
    return str(request.param)


@pytest.fixture
def runner(mode: str, kind: str) -> Runner:
    """The agent runner of this parametrisation."""
    return Runner(mode, kind)


def tool_messages(call: CallOptions) -> list[Any]:
    """The tool messages of the prompt a model received."""
    return [message for message in call.prompt if message.role == "tool"]
