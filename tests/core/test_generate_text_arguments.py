"""The keyword arguments of ``generate_text``/``stream_text``: what reaches the model, what is refused."""

from __future__ import annotations

import pytest

from ai_sdk_core import InvalidArgumentError, generate_text, stream_text
from ai_sdk_core.testing import MockLanguageModel, mock_text_result


def test_call_settings_reach_the_model_and_none_means_not_set() -> None:
    model = MockLanguageModel(do_generate=mock_text_result("hi"))
    generate_text(model=model, prompt="x", temperature=0.5, seed=7, top_p=None, max_output_tokens=None)
    options = model.calls[0]
    assert (options.temperature, options.seed) == (0.5, 7)
    assert options.top_p is None and options.max_output_tokens is None


def test_run_settings_are_read_only_when_given() -> None:
    model = MockLanguageModel(do_generate=mock_text_result("hi"))
    result = generate_text(model=model, prompt="x", headers={"x-trace": "1"}, provider_options={"a": {"b": 1}})
    options = model.calls[0]
    assert options.headers == {"x-trace": "1"}
    assert options.provider_options == {"a": {"b": 1}}
    assert result.text == "hi"
    bare = MockLanguageModel(do_generate=mock_text_result("hi"))
    generate_text(model=bare, prompt="x")
    assert bare.calls[0].headers is None and bare.calls[0].provider_options is None


def test_an_unknown_keyword_is_refused_by_name() -> None:
    model = MockLanguageModel(do_generate=mock_text_result("hi"))
    with pytest.raises(TypeError, match="generate_text\\(\\) got unexpected keyword arguments: on_chunk, temprature"):
        generate_text(model=model, prompt="x", temprature=1, on_chunk=print)  # type: ignore[call-arg]
    assert model.calls == []


def test_an_argument_and_its_alias_together_are_refused() -> None:
    model = MockLanguageModel(do_generate=mock_text_result("hi"))
    with pytest.raises(InvalidArgumentError, match="instructions= or system="):
        generate_text(model=model, prompt="x", instructions="a", system="b")


def test_on_end_sees_the_finished_run() -> None:
    seen = []
    model = MockLanguageModel(do_generate=mock_text_result("hi"))
    result = generate_text(model=model, prompt="x", on_end=seen.append)
    assert [run.text for run in seen] == ["hi"]
    assert seen[0].steps == result.steps


def test_include_raw_chunks_is_read_as_a_flag() -> None:
    model = MockLanguageModel(do_stream=[])
    for _ in stream_text(model=model, prompt="x", include_raw_chunks=1).full_stream:  # type: ignore[arg-type]
        pass
    assert model.calls[0].include_raw_chunks is True
