"""The implementations under test, one small class each, all with the same four operations on one wire format.

Every class takes the stub server's address and the chunk count of its streams, builds its client lazily (an
async client inside the event loop that uses it), and offers what the library has of:

- ``call()`` / ``acall()``: one non-streaming request; the answer's text must not be empty;
- ``stream()`` / ``astream()``: one streaming request, read to the end; returns the number of text chunks, which
  the caller checks against what the server sent, so a broken stream cannot pass for a fast one.

Peers are imported inside the methods: a missing peer fails its own rows, never the run. The formats are those of
``stub_server.py``: ``openai-chat``, ``responses``, ``anthropic`` and ``gemini``.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["FORMATS", "IMPLEMENTATIONS", "Implementation", "Target"]

PROMPT = "Why is the sky blue?"
API_KEY = "bench"
MODELS = {
    "openai-chat": "gpt-4o-mini",
    "responses": "gpt-4o-mini",
    "anthropic": "claude-sonnet-4-5",
    "gemini": "gemini-2.0-flash",
}
FORMATS = {
    "openai-chat": "OpenAI Chat Completions",
    "responses": "OpenAI Responses",
    "anthropic": "Anthropic Messages",
    "gemini": "Gemini",
}


class Target:
    """Where one wire format lives on the stub server, for a given stream length."""

    def __init__(self, port: int, chunks: int, wire: str) -> None:
        self.root = f"http://127.0.0.1:{port}/chunks/{chunks}"
        self.chunks = chunks
        self.wire = wire
        self.model_id = MODELS[wire]

    @property
    def v1(self) -> str:
        return self.root + ("/v1beta" if self.wire == "gemini" else "/v1")


class Implementation:
    """The base: subclasses override what their library supports; ``close``/``aclose`` release clients."""

    def __init__(self, target: Target) -> None:
        self.target = target

    def close(self) -> None:
        """Release sync resources."""

    async def aclose(self) -> None:
        """Release async resources."""


# -- raw httpx: the limit ----------------------------------------------------------------------------------------


def _raw_request(target: Target, *, stream: bool) -> tuple[str, dict[str, Any], dict[str, str]]:
    """(url, JSON body, headers) of the request each format's SDK would send."""
    user = {"role": "user", "content": PROMPT}
    if target.wire == "openai-chat":
        body: dict[str, Any] = {"model": target.model_id, "messages": [user]}
        if stream:
            body |= {"stream": True, "stream_options": {"include_usage": True}}
        return target.v1 + "/chat/completions", body, {"authorization": f"Bearer {API_KEY}"}
    if target.wire == "responses":
        body = {"model": target.model_id, "input": [user], "stream": stream}
        return target.v1 + "/responses", body, {"authorization": f"Bearer {API_KEY}"}
    if target.wire == "anthropic":
        body = {"model": target.model_id, "max_tokens": 4096, "messages": [user], "stream": stream}
        return target.v1 + "/messages", body, {"x-api-key": API_KEY, "anthropic-version": "2023-06-01"}
    method = "streamGenerateContent?alt=sse" if stream else "generateContent"
    body = {"contents": [{"role": "user", "parts": [{"text": PROMPT}]}]}
    return f"{target.v1}/models/{target.model_id}:{method}", body, {"x-goog-api-key": API_KEY}


def _answer_text(wire: str, answer: dict[str, Any]) -> str:
    if wire == "openai-chat":
        return str(answer["choices"][0]["message"]["content"])
    if wire == "responses":
        return "".join(part["text"] for item in answer["output"] for part in item["content"])
    if wire == "anthropic":
        return "".join(block["text"] for block in answer["content"])
    return "".join(part["text"] for part in answer["candidates"][0]["content"]["parts"])


def _text_chunks(wire: str, event: dict[str, Any]) -> int:
    """How many text chunks one decoded event carries (0 for the frame events)."""
    if wire == "openai-chat":
        return sum(1 for choice in event["choices"] if choice["delta"].get("content"))
    if wire == "responses":
        return int(event["type"] == "response.output_text.delta")
    if wire == "anthropic":
        return int(event["type"] == "content_block_delta" and event["delta"]["type"] == "text_delta")
    return sum(1 for candidate in event["candidates"] for part in candidate["content"]["parts"] if part.get("text"))


def _count_line(wire: str, line: str) -> int:
    if not line.startswith("data: ") or line == "data: [DONE]":
        return 0
    return _text_chunks(wire, json.loads(line[6:]))


class RawHttpx(Implementation):
    """``httpx.Client.post`` + ``json.loads``; ``iter_lines`` + ``json.loads`` of each ``data:`` line."""

    label = "raw httpx"

    def __init__(self, target: Target) -> None:
        super().__init__(target)
        self.client: Any = None
        self.async_client: Any = None

    def call(self) -> None:
        import httpx

        self.client = self.client or httpx.Client()
        url, body, headers = _raw_request(self.target, stream=False)
        response = self.client.post(url, json=body, headers=headers)
        response.raise_for_status()
        assert _answer_text(self.target.wire, json.loads(response.content))

    def stream(self) -> int:
        import httpx

        self.client = self.client or httpx.Client()
        url, body, headers = _raw_request(self.target, stream=True)
        wire, count = self.target.wire, 0
        with self.client.stream("POST", url, json=body, headers=headers) as response:
            response.raise_for_status()
            for line in response.iter_lines():
                count += _count_line(wire, line)
        return count

    async def acall(self) -> None:
        import httpx

        self.async_client = self.async_client or httpx.AsyncClient()
        url, body, headers = _raw_request(self.target, stream=False)
        response = await self.async_client.post(url, json=body, headers=headers)
        response.raise_for_status()
        assert _answer_text(self.target.wire, json.loads(response.content))

    async def astream(self) -> int:
        import httpx

        self.async_client = self.async_client or httpx.AsyncClient()
        url, body, headers = _raw_request(self.target, stream=True)
        wire, count = self.target.wire, 0
        async with self.async_client.stream("POST", url, json=body, headers=headers) as response:
            response.raise_for_status()
            async for line in response.aiter_lines():
                count += _count_line(wire, line)
        return count

    def close(self) -> None:
        if self.client is not None:
            self.client.close()

    async def aclose(self) -> None:
        if self.async_client is not None:
            await self.async_client.aclose()


# -- ours --------------------------------------------------------------------------------------------------------


def _our_model(target: Target) -> Any:
    if target.wire in ("openai-chat", "responses"):
        from ai_sdk_core.providers.openai import create_openai

        provider = create_openai(base_url=target.v1, api_key=API_KEY)
        return provider.chat(target.model_id) if target.wire == "openai-chat" else provider.responses(target.model_id)
    if target.wire == "anthropic":
        from ai_sdk_core.providers.anthropic import create_anthropic

        return create_anthropic(base_url=target.v1, api_key=API_KEY)(target.model_id)
    from ai_sdk_core.providers.google import create_google_generative_ai

    return create_google_generative_ai(base_url=target.v1, api_key=API_KEY)(target.model_id)


class OursText(Implementation):
    """``generate_text`` / ``stream_text(...).text_stream`` and their ``a``-prefixed forms."""

    label = "ai_sdk_core generate_text / stream_text"
    ours = True

    def __init__(self, target: Target) -> None:
        super().__init__(target)
        self.model = _our_model(target)

    def call(self) -> None:
        from ai_sdk_core import generate_text

        assert generate_text(model=self.model, prompt=PROMPT).text

    def stream(self) -> int:
        from ai_sdk_core import stream_text

        return sum(1 for _ in stream_text(model=self.model, prompt=PROMPT).text_stream)

    async def acall(self) -> None:
        from ai_sdk_core import agenerate_text

        assert (await agenerate_text(model=self.model, prompt=PROMPT)).text

    async def astream(self) -> int:
        from ai_sdk_core import astream_text

        count = 0
        async for _ in astream_text(model=self.model, prompt=PROMPT).text_stream:
            count += 1
        return count


class OursModel(OursText):
    """The provider model itself: ``model.do_generate`` / ``do_stream`` (and ``ado_*``), below ``generate_text``."""

    label = "ai_sdk_core model.do_generate / do_stream"

    def __init__(self, target: Target) -> None:
        super().__init__(target)
        from ai_sdk_core.spec import CallOptions, TextPart, UserMessage

        self.options = CallOptions(prompt=[UserMessage(content=[TextPart(text=PROMPT)])])

    def call(self) -> None:
        assert self.model.do_generate(self.options).content

    def stream(self) -> int:
        return sum(1 for part in self.model.do_stream(self.options).stream if part.type == "text-delta")

    async def acall(self) -> None:
        assert (await self.model.ado_generate(self.options)).content

    async def astream(self) -> int:
        count = 0
        async for part in (await self.model.ado_stream(self.options)).stream:
            count += part.type == "text-delta"
        return count


# -- vendor SDKs and LiteLLM -------------------------------------------------------------------------------------


class _VendorSDK(Implementation):
    """A vendor SDK: one sync and one async client, made on first use; ``_create`` sends, ``_count`` and ``_text``
    read the answer."""

    def __init__(self, target: Target) -> None:
        super().__init__(target)
        self.client: Any = None
        self.async_client: Any = None

    def _new_client(self, *, asynchronous: bool) -> Any:
        raise NotImplementedError

    def _create(self, client: Any, *, stream: bool) -> Any:
        raise NotImplementedError

    def _count(self, event: Any) -> int:
        raise NotImplementedError

    def _text(self, answer: Any) -> str:
        raise NotImplementedError

    def _sync(self) -> Any:
        self.client = self.client or self._new_client(asynchronous=False)
        return self.client

    def _async(self) -> Any:
        self.async_client = self.async_client or self._new_client(asynchronous=True)
        return self.async_client

    def call(self) -> None:
        assert self._text(self._create(self._sync(), stream=False))

    def stream(self) -> int:
        return sum(self._count(event) for event in self._create(self._sync(), stream=True))

    async def acall(self) -> None:
        assert self._text(await self._create(self._async(), stream=False))

    async def astream(self) -> int:
        count = 0
        async for event in await self._create(self._async(), stream=True):
            count += self._count(event)
        return count

    def close(self) -> None:
        if self.client is not None:
            self.client.close()

    async def aclose(self) -> None:
        if self.async_client is not None:
            await self.async_client.close()


class OpenAISDK(_VendorSDK):
    """The ``openai`` SDK: ``chat.completions.create`` or ``responses.create``, with and without ``stream=True``."""

    label = "openai SDK"

    def _new_client(self, *, asynchronous: bool) -> Any:
        import openai

        factory = openai.AsyncOpenAI if asynchronous else openai.OpenAI
        return factory(base_url=self.target.v1, api_key=API_KEY, max_retries=0)

    def _create(self, client: Any, *, stream: bool) -> Any:
        user = {"role": "user", "content": PROMPT}
        if self.target.wire == "responses":
            return client.responses.create(model=self.target.model_id, input=[user], stream=stream)
        extra = {"stream_options": {"include_usage": True}} if stream else {}
        return client.chat.completions.create(model=self.target.model_id, messages=[user], stream=stream, **extra)

    def _count(self, event: Any) -> int:
        if self.target.wire == "responses":
            return int(event.type == "response.output_text.delta")
        return sum(1 for choice in event.choices if choice.delta.content)

    def _text(self, answer: Any) -> str:
        return str(answer.output_text if self.target.wire == "responses" else answer.choices[0].message.content)


class AnthropicSDK(_VendorSDK):
    """The ``anthropic`` SDK: ``messages.create``, with and without ``stream=True``."""

    label = "anthropic SDK"

    def _new_client(self, *, asynchronous: bool) -> Any:
        import anthropic

        factory = anthropic.AsyncAnthropic if asynchronous else anthropic.Anthropic
        return factory(base_url=self.target.root, api_key=API_KEY, max_retries=0)

    def _create(self, client: Any, *, stream: bool) -> Any:
        messages = [{"role": "user", "content": PROMPT}]
        return client.messages.create(model=self.target.model_id, max_tokens=4096, messages=messages, stream=stream)

    def _count(self, event: Any) -> int:
        return int(event.type == "content_block_delta" and event.delta.type == "text_delta")

    def _text(self, answer: Any) -> str:
        return str(answer.content[0].text)


class LiteLLM(Implementation):
    """``litellm.completion`` / ``acompletion`` (``openai/`` or ``anthropic/`` model names, ``api_base`` on us)."""

    label = "litellm"

    def __init__(self, target: Target) -> None:
        super().__init__(target)
        if target.wire == "anthropic":
            self.arguments = {"model": f"anthropic/{target.model_id}", "api_base": target.v1 + "/messages"}
        else:
            self.arguments = {"model": f"openai/{target.model_id}", "api_base": target.v1}
        self.arguments |= {"api_key": API_KEY, "messages": [{"role": "user", "content": PROMPT}], "num_retries": 0}

    @staticmethod
    def _count(chunk: Any) -> int:
        return sum(1 for choice in chunk.choices if choice.delta.content)

    def call(self) -> None:
        import litellm

        assert litellm.completion(**self.arguments).choices[0].message.content

    def stream(self) -> int:
        import litellm

        return sum(self._count(chunk) for chunk in litellm.completion(**self.arguments, stream=True))

    async def acall(self) -> None:
        import litellm

        assert (await litellm.acompletion(**self.arguments)).choices[0].message.content

    async def astream(self) -> int:
        import litellm

        count = 0
        async for chunk in await litellm.acompletion(**self.arguments, stream=True):
            count += self._count(chunk)
        return count


# Which implementations run on which wire format (the adapters live in adapters.py).
IMPLEMENTATIONS: dict[str, list[type[Implementation]]] = {
    "openai-chat": [RawHttpx, OursModel, OursText, OpenAISDK, LiteLLM],
    "responses": [RawHttpx, OursText, OpenAISDK],
    "anthropic": [RawHttpx, OursText, AnthropicSDK, LiteLLM],
    "gemini": [RawHttpx, OursText],
}
