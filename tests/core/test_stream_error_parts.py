"""A stream ``error`` part carrying a vendor's raw error payload surfaces as a readable exception."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk_core import astream_text, stream_text
from ai_sdk_core.generate_text import ModelStreamError
from ai_sdk_core.generate_text.stream_errors import stream_error_to_exception
from ai_sdk_core.spec import StreamError, StreamStart, TextDelta, TextStart
from ai_sdk_core.testing.mock_models import MockLanguageModel
from tests.core.conftest import Api

pytestmark = pytest.mark.anyio

VENDOR_ERROR = {"message": "The server had an error while processing your request.", "type": "server_error"}


def _broken_stream() -> list[Any]:
    return [StreamStart(), TextStart(id="t"), TextDelta(id="t", delta="partial"), StreamError(error=VENDOR_ERROR)]


async def test_error_dict_becomes_an_exception_with_the_vendor_message(api: Api) -> None:
    outcome = await api.stream(model=MockLanguageModel(do_stream=_broken_stream()), prompt="hi")
    assert isinstance(outcome.error, ModelStreamError)
    assert str(outcome.error) == VENDOR_ERROR["message"]
    assert outcome.error.data == VENDOR_ERROR
    assert outcome.text == "partial"


async def test_text_stream_raises_the_vendor_message() -> None:
    result = stream_text(model=MockLanguageModel(do_stream=_broken_stream()), prompt="hi")
    with pytest.raises(ModelStreamError, match="server had an error") as caught:
        list(result.text_stream)
    assert caught.value.data == VENDOR_ERROR

    async_result = astream_text(model=MockLanguageModel(do_stream=_broken_stream()), prompt="hi")
    with pytest.raises(ModelStreamError, match="server had an error"):
        _ = [delta async for delta in async_result.text_stream]


def test_conversion_of_other_error_values() -> None:
    original = ValueError("kept")
    assert stream_error_to_exception(original) is original
    wrapped = stream_error_to_exception({"error": {"message": "nested", "code": "x"}})
    assert str(wrapped) == "nested"
    assert str(stream_error_to_exception("plain text")) == "plain text"
    opaque = stream_error_to_exception({"code": 7})
    assert isinstance(opaque, ModelStreamError) and "{'code': 7}" in str(opaque) and opaque.data == {"code": 7}
