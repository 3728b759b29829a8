"""tool() definitions, registries and lazy "provider:model" resolution, usage sums, the public surface."""

from __future__ import annotations

import subprocess
import sys
import types
from typing import Any

import pytest
from pydantic import BaseModel

import ai_sdk_core
from ai_sdk_core import (
    InputTokenDetails,
    LanguageModelUsage,
    NoSuchModelError,
    NoSuchProviderError,
    Tool,
    ToolExecutionOptions,
    TypeValidationError,
    create_provider_registry,
    custom_provider,
    dynamic_tool,
    generate_text,
    step_count_is,
    tool,
)
from ai_sdk_core.registry import BUILTIN_PROVIDERS, resolve_embedding_model, resolve_language_model
from ai_sdk_core.testing.mock_models import (
    MockEmbeddingModel,
    MockLanguageModel,
    mock_text_result,
    mock_tool_call_result,
)
from tests.core.conftest import Api

pytestmark = pytest.mark.anyio


def test_tool_from_function_uses_hints_and_docstring() -> None:
    @tool
    def search(query: str, limit: int = 5, exact: bool = False) -> list[str]:
        """Search the archive.

        Args:
            query: Words to look for.
            limit: How many results
                to return at most.
            exact: Match whole words only.

        Returns:
            Matching titles.
        """
        return [query] * limit

    assert search.name == "search"
    assert search.description == "Search the archive."
    schema = search.input_schema
    assert schema["required"] == ["query"]
    assert schema["properties"]["query"] == {"type": "string", "description": "Words to look for."}
    assert schema["properties"]["limit"]["description"] == "How many results to return at most."
    assert schema["properties"]["limit"]["default"] == 5
    with pytest.raises(TypeValidationError):
        search.parse_input({"limit": 2})


def test_tool_decorator_with_arguments_and_options_parameter() -> None:
    @tool(description="Custom", name="lookup")
    def find(key: str, options: ToolExecutionOptions) -> str:
        return f"{key}:{options.tool_call_id}"

    assert isinstance(find, Tool)
    assert (find.name, find.description) == ("lookup", "Custom")
    assert "options" not in find.input_schema["properties"]
    model = MockLanguageModel(
        do_generate=[mock_tool_call_result(("c9", "lookup", {"key": "k"})), mock_text_result("x")]
    )
    result = generate_text(model=model, prompt="go", tools=[find], stop_when=step_count_is(2))
    assert result.steps[0].tool_results[0].output == "k:c9"


def test_tool_with_pydantic_schema_and_dict_schema() -> None:
    class City(BaseModel):
        name: str

    with_model = tool(description="City", input_schema=City, execute=lambda city: city.name.upper())
    assert with_model.input_schema["required"] == ["name"]
    assert with_model.call(with_model.parse_input({"name": "rome"}), ToolExecutionOptions("c")) == "ROME"

    schema = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}
    with_dict = tool(input_schema=schema, execute=lambda value: value["n"] + 1)
    assert with_dict.parse_input({"n": 1}) == {"n": 1}
    for bad in ({}, {"n": "1"}, {"n": True}, []):
        with pytest.raises(TypeValidationError):
            with_dict.parse_input(bad)


async def test_dynamic_tool_results_are_marked(api: Api) -> None:
    received: list[Any] = []
    anything = dynamic_tool(description="Anything", execute=lambda value: received.append(value) or "ok")
    model = MockLanguageModel(
        do_generate=[mock_tool_call_result(("c1", "mcp_tool", {"free": [1]})), mock_text_result("x")]
    )
    result = await api.generate(model=model, prompt="go", tools={"mcp_tool": anything}, stop_when=step_count_is(2))
    assert received == [{"free": [1]}]
    assert result.steps[0].tool_calls[0].dynamic and result.steps[0].tool_results[0].dynamic


def test_usage_sums_none_aware() -> None:
    first = LanguageModelUsage(input_tokens=3, output_tokens=None, total_tokens=3)
    second = LanguageModelUsage(
        input_tokens=2, output_tokens=4, total_tokens=6, input_token_details=InputTokenDetails(cache_read_tokens=1)
    )
    total = first + second
    assert (total.input_tokens, total.output_tokens, total.total_tokens) == (5, 4, 9)
    assert total.input_token_details.cache_read_tokens == 1
    assert total.input_token_details.cache_write_tokens is None
    assert LanguageModelUsage() + LanguageModelUsage() == LanguageModelUsage()


@pytest.fixture
def fake_openai(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A stand-in for the openai provider module, registered under a module name nothing imported yet."""
    imported: dict[str, Any] = {"count": 0, "model": MockLanguageModel(do_generate=mock_text_result("from registry"))}

    class FakeProvider:
        def language_model(self, model_id: str) -> MockLanguageModel:
            imported["model_id"] = model_id
            model: MockLanguageModel = imported["model"]
            return model

        def embedding_model(self, model_id: str) -> MockEmbeddingModel:
            return MockEmbeddingModel(model_id=model_id)

    def create_module() -> types.ModuleType:
        imported["count"] += 1
        module = types.ModuleType("fake_openai_provider")
        module.openai = FakeProvider()  # type: ignore[attr-defined]
        return module

    from ai_sdk_core.registry import builtin

    monkeypatch.setattr(builtin, "_cache", {})
    monkeypatch.setitem(BUILTIN_PROVIDERS, "openai", ("fake_openai_provider", "openai"))
    monkeypatch.delitem(sys.modules, "fake_openai_provider", raising=False)
    imported["create"] = create_module
    return imported


async def test_model_string_resolves_lazily(
    api: Api, fake_openai: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    real_import = importlib.import_module

    def import_module(name: str, package: str | None = None) -> types.ModuleType:
        if name == "fake_openai_provider":
            return fake_openai["create"]()  # type: ignore[no-any-return]
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", import_module)
    assert fake_openai["count"] == 0
    result = await api.generate(model="openai:gpt-4o-mini", prompt="hi")
    assert result.text == "from registry"
    assert fake_openai["model_id"] == "gpt-4o-mini"
    assert fake_openai["count"] == 1
    await api.generate(model="openai:gpt-4o-mini", prompt="again")
    assert fake_openai["count"] == 1
    assert resolve_embedding_model("openai:text-embedding-3-small").model_id == "text-embedding-3-small"


def test_unknown_provider_lists_known_ones() -> None:
    with pytest.raises(NoSuchProviderError) as caught:
        resolve_language_model("nope:model")
    assert "openai" in str(caught.value) and "anthropic" in str(caught.value)
    assert "openai-compatible" not in BUILTIN_PROVIDERS
    with pytest.raises(NoSuchModelError, match="provider:model"):
        resolve_language_model("no-separator")


def test_registry_and_custom_provider() -> None:
    fast = MockLanguageModel(model_id="fast-model")
    fallback = custom_provider(language_models={"other": MockLanguageModel(model_id="other-model")})
    aliases = custom_provider(
        language_models={"fast": fast}, embedding_models={"small": MockEmbeddingModel()}, fallback_provider=fallback
    )
    registry = create_provider_registry({"mine": aliases})
    assert registry.language_model("mine:fast") is fast
    assert registry.language_model("mine:other").model_id == "other-model"
    assert registry.embedding_model("mine:small").model_id == "mock-embedding-model-id"
    with pytest.raises(NoSuchProviderError):
        registry.language_model("theirs:fast")
    with pytest.raises(NoSuchModelError):
        aliases.embedding_model("missing")


def test_import_is_light_and_all_is_sorted() -> None:
    heavy = ("ai_sdk_core.providers", "pydantic.", "ai_sdk_core.prompt.validation")
    code = f"import sys, ai_sdk_core; print(sorted(m for m in sys.modules if m.startswith({heavy!r})))"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"
    assert ai_sdk_core.__all__ == sorted(ai_sdk_core.__all__)
    for name in ai_sdk_core.__all__:
        assert getattr(ai_sdk_core, name) is not None
    assert callable(ai_sdk_core.generate_text)
