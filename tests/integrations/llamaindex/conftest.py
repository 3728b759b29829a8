"""Warnings that LlamaIndex itself raises on the pinned versions, tolerated here and nowhere else (the suite turns
warnings into errors): ``workflows`` builds an agent by ``inspect.getmembers`` over it, which touches every
deprecated pydantic attribute (``__fields__``, ``__fields_set__``, ``model_computed_fields`` on an instance)."""

from __future__ import annotations

import pytest

THIRD_PARTY_WARNINGS = ("ignore::pydantic.warnings.PydanticDeprecationWarning",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "integrations/llamaindex" in item.nodeid:
            for rule in THIRD_PARTY_WARNINGS:
                item.add_marker(pytest.mark.filterwarnings(rule))
