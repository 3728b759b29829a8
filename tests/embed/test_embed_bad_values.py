"""``embed_many`` refuses values that are not a list of strings with a typed error, before any model call."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk_core import InvalidArgumentError, aembed_many, embed_many
from ai_sdk_core.testing import MockEmbeddingModel

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("values", [None, [1, 2], ["ok", None], 42])
async def test_values_must_be_a_list_of_strings(mode: str, values: Any) -> None:
    model = MockEmbeddingModel()
    with pytest.raises(InvalidArgumentError) as raised:
        if mode == "sync":
            embed_many(model=model, values=values)
        else:
            await aembed_many(model=model, values=values)
    assert raised.value.argument == "values"
    assert model.calls == []
