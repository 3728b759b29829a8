"""``tools`` on stream results: what the call was given, read-only (the UI stream reads it to tell static tools
from dynamic ones)."""

from __future__ import annotations

import pytest

from ai_sdk_core import astream_text, stream_text, tool
from ai_sdk_core.testing import MockLanguageModel, text_stream_parts

pytestmark = pytest.mark.anyio


def _weather(city: str) -> str:
    """The weather in a city."""
    return f"Sunny in {city}"


def test_the_tools_of_a_sync_result_are_those_given_and_read_only() -> None:
    weather = tool(_weather)
    result = stream_text(
        model=MockLanguageModel(do_stream=text_stream_parts("hi")), prompt="x", tools={"weather": weather}
    )
    assert dict(result.tools) == {"weather": weather}
    with pytest.raises(TypeError):
        result.tools["other"] = weather  # type: ignore[index]
    without = stream_text(model=MockLanguageModel(do_stream=text_stream_parts("hi")), prompt="x")
    assert dict(without.tools) == {}


async def test_the_tools_of_an_async_result_are_those_given() -> None:
    weather = tool(_weather)
    result = astream_text(
        model=MockLanguageModel(do_stream=text_stream_parts("hi")), prompt="x", tools={"weather": weather}
    )
    assert dict(result.tools) == {"weather": weather}
    assert await result.text == "hi"
