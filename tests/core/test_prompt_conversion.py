"""User-facing messages -> spec prompt: dict shapes, files and images, downloads and their guards."""

from __future__ import annotations

import base64
import re
from typing import Any

import httpx
import pytest

from ai_sdk_core import (
    AssistantModelMessage,
    DownloadConfig,
    DownloadError,
    ImagePart,
    InvalidPromptError,
    TextPart,
    UserModelMessage,
    message_to_dict,
)
from ai_sdk_core.prompt import standardize_prompt, to_spec_prompt, urls_to_download
from ai_sdk_core.prompt.download import adownload, check_addresses, download
from ai_sdk_core.spec import prompt as spec
from ai_sdk_core.testing.mock_models import MockLanguageModel, mock_text_result
from tests.core.conftest import Api

pytestmark = pytest.mark.anyio

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
PNG_BASE64 = base64.b64encode(PNG).decode()


@pytest.fixture
async def clients() -> Any:
    """Make (sync, async) httpx clients over a handler; all are closed after the test."""
    made: list[Any] = []

    def make(handler: Any) -> tuple[httpx.Client, httpx.AsyncClient]:
        transport = httpx.MockTransport(handler)
        pair = (httpx.Client(transport=transport), httpx.AsyncClient(transport=transport))
        made.append(pair)
        return pair

    yield make
    for client, async_client in made:
        client.close()
        await async_client.aclose()


def convert(messages: list[Any], supported_urls: dict[str, list[re.Pattern[str]]] | None = None) -> spec.Prompt:
    instructions, typed = standardize_prompt(prompt=None, messages=messages, instructions="sys")
    return to_spec_prompt(instructions, typed, supported_urls=supported_urls or {}, downloads={})


def test_camel_and_snake_case_dicts_convert_alike() -> None:
    camel = [
        {"role": "user", "content": "hi", "unknownKey": 1},
        {
            "role": "assistant",
            "content": [
                {"type": "reasoning", "text": "hmm", "providerOptions": {"anthropic": {"signature": "s"}}},
                {"type": "tool-call", "toolCallId": "c1", "toolName": "get", "input": {"a": 1}},
            ],
        },
        {
            "role": "tool",
            "content": [
                {"type": "tool-result", "toolCallId": "c1", "toolName": "get", "output": {"type": "json", "value": 2}}
            ],
        },
    ]
    snake = [
        {"role": "user", "content": "hi"},
        {
            "role": "assistant",
            "content": [
                {"type": "reasoning", "text": "hmm", "provider_options": {"anthropic": {"signature": "s"}}},
                {"type": "tool-call", "tool_call_id": "c1", "tool_name": "get", "input": {"a": 1}},
            ],
        },
        {
            "role": "tool",
            "content": [
                {
                    "type": "tool-result",
                    "tool_call_id": "c1",
                    "tool_name": "get",
                    "output": {"type": "json", "value": 2},
                }
            ],
        },
    ]
    assert convert(camel) == convert(snake)
    prompt = convert(camel)
    assert isinstance(prompt[0], spec.SystemMessage)
    reasoning = prompt[2].content[0]  # type: ignore[union-attr]
    assert isinstance(reasoning, spec.ReasoningPart) and reasoning.provider_options == {"anthropic": {"signature": "s"}}
    tool_result = prompt[3].content[0]  # type: ignore[union-attr]
    assert isinstance(tool_result, spec.ToolResultPart) and tool_result.output == spec.ToolResultOutput("json", 2)


def test_invalid_dict_names_the_path() -> None:
    with pytest.raises(InvalidPromptError, match=r"messages\[1\]\.content"):
        convert([{"role": "user", "content": "ok"}, {"role": "user", "content": [{"type": "image"}]}])
    with pytest.raises(InvalidPromptError, match=r"messages\[0\]"):
        convert([{"role": "robot", "content": "x"}])
    with pytest.raises(InvalidPromptError, match="not both"):
        standardize_prompt(prompt="a", messages=[], instructions=None)


@pytest.mark.parametrize(
    "image",
    [PNG, PNG_BASE64, f"data:image/png;base64,{PNG_BASE64}"],
    ids=["bytes", "base64", "data-url"],
)
def test_images_as_bytes_base64_and_data_url(image: bytes | str) -> None:
    prompt = convert([UserModelMessage(content=[TextPart("look"), ImagePart(image=image)])])
    part = prompt[1].content[1]  # type: ignore[union-attr]
    assert isinstance(part, spec.FilePart)
    assert part.media_type == "image/png"
    data = part.data if isinstance(part.data, bytes) else base64.b64decode(part.data)
    assert data == PNG


def test_supported_url_is_passed_through() -> None:
    url = "https://example.com/cat.png"
    messages = [{"role": "user", "content": [{"type": "image", "image": url}]}]
    supported = {"image/*": [re.compile(r"^https://")]}
    _, typed = standardize_prompt(prompt=None, messages=messages, instructions=None)
    assert urls_to_download(typed, supported) == []
    part = convert(messages, supported)[1].content[0]  # type: ignore[union-attr]
    assert isinstance(part, spec.FilePart) and part.data == url


async def test_unsupported_url_is_refused_when_downloads_are_off(api: Api) -> None:
    model = MockLanguageModel(do_generate=mock_text_result("x"))
    messages = [
        {
            "role": "user",
            "content": [{"type": "file", "data": "https://example.com/a.pdf", "mediaType": "application/pdf"}],
        }
    ]
    with pytest.raises(DownloadError, match="download=True"):
        await api.generate(model=model, messages=messages)
    assert model.calls == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/a.png",
        "http://10.1.2.3/a.png",
        "http://169.254.169.254/latest",
        "http://[::1]/a.png",
        "http://localhost/a",
    ],
)
async def test_download_refuses_private_addresses(api: Api, url: str, clients: Any) -> None:
    client, async_client = clients(lambda request: httpx.Response(200, content=PNG))
    config = DownloadConfig(http_client=client, async_http_client=async_client)
    model = MockLanguageModel(do_generate=mock_text_result("x"))
    with pytest.raises(DownloadError, match="non-public"):
        await api.generate(
            model=model, messages=[{"role": "user", "content": [{"type": "image", "image": url}]}], download=config
        )
    assert model.calls == []


async def test_download_with_loopback_allowed(api: Api, clients: Any) -> None:
    requested: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        if request.url.path == "/old":
            return httpx.Response(302, headers={"location": "/cat"})
        return httpx.Response(200, content=PNG, headers={"content-type": "image/png"})

    client, async_client = clients(answer)
    config = DownloadConfig(allow_loopback=True, http_client=client, async_http_client=async_client)
    model = MockLanguageModel(do_generate=mock_text_result("x"))
    await api.generate(
        model=model,
        messages=[{"role": "user", "content": [{"type": "image", "image": "http://127.0.0.1/old"}]}],
        download=config,
    )
    assert requested == ["http://127.0.0.1/old", "http://127.0.0.1/cat"]
    part = model.calls[0].prompt[0].content[0]  # type: ignore[union-attr]
    assert isinstance(part, spec.FilePart) and part.data == PNG and part.media_type == "image/png"


async def test_redirect_to_private_address_is_refused(clients: Any) -> None:
    client, _ = clients(lambda request: httpx.Response(302, headers={"location": "http://10.0.0.1/x"}))
    config = DownloadConfig(allow_loopback=True, http_client=client)
    with pytest.raises(DownloadError, match=r"10\.0\.0\.1"):
        download("http://127.0.0.1/start", config)


async def test_download_size_cap(clients: Any) -> None:
    _, async_client = clients(lambda request: httpx.Response(200, content=b"x" * 100))
    config = DownloadConfig(allow_loopback=True, max_bytes=10, async_http_client=async_client)
    with pytest.raises(DownloadError, match="10-byte"):
        await adownload("http://127.0.0.1/big", config)


def test_address_check_unit() -> None:
    config = DownloadConfig()
    check_addresses("https://x", ["93.184.216.34"], config)
    with pytest.raises(DownloadError):
        check_addresses("https://x", ["93.184.216.34", "192.168.1.1"], config)
    with pytest.raises(DownloadError):
        check_addresses("https://x", ["::ffff:127.0.0.1"], config)
    check_addresses("https://x", ["192.168.1.1"], DownloadConfig(allow_private_addresses=True))


def test_message_to_dict_round_trips() -> None:
    message = AssistantModelMessage(
        content=[TextPart("hi", provider_options={"openai": {"itemId": "i1"}})],
    )
    as_dict = message_to_dict(message)
    assert as_dict == {
        "role": "assistant",
        "content": [{"type": "text", "text": "hi", "providerOptions": {"openai": {"itemId": "i1"}}}],
    }
    _, typed = standardize_prompt(prompt=None, messages=[as_dict], instructions=None)
    assert typed == [message]
