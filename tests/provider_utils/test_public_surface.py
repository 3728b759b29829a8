"""The public names of provider_utils: explicit, sorted, documented, and importable from the package."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import ai_sdk_core.provider_utils as provider_utils

MODULES = ["ai_sdk_core.provider_utils"] + [
    f"ai_sdk_core.provider_utils.{info.name}" for info in pkgutil.iter_modules(provider_utils.__path__)
]


@pytest.mark.parametrize("module_name", MODULES)
def test_all_is_sorted_and_every_name_exists(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert module.__all__ == sorted(module.__all__)
    assert [name for name in module.__all__ if not hasattr(module, name)] == []


@pytest.mark.parametrize("module_name", MODULES)
def test_public_functions_and_classes_have_docstrings(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert module.__doc__
    undocumented = [
        name
        for name in module.__all__
        if (inspect.isclass(getattr(module, name)) or inspect.isfunction(getattr(module, name)))
        and not inspect.getdoc(getattr(module, name))
    ]
    assert undocumented == []


def test_interface_names_used_by_other_layers() -> None:
    expected = {
        "HttpEmbeddingModel",
        "HttpLanguageModel",
        "HttpRequest",
        "HttpTransport",
        "NOT_GIVEN",
        "NotGiven",
        "PreparedCall",
        "SSEDecoder",
        "Secret",
        "ServerSentEvent",
        "StreamDecoder",
        "acall_with_retries",
        "call_with_retries",
        "load_api_key",
        "load_optional_setting",
        "parse_json",
        "parse_partial_json",
        "to_json_bytes",
        "to_json_str",
        "try_parse_json",
        "without_trailing_slash",
    }
    assert expected <= set(provider_utils.__all__)
