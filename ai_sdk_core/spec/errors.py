"""The one exception tree of the SDK.

Every error the SDK raises on purpose derives from :class:`AISDKError`::

    AISDKError
    ├── APICallError                    the provider answered with an error status, or could not be reached
    │   └── RetryAfterTooLongError      the server asked us to wait longer than the retry cap
    ├── RetryError                      every attempt failed; ``errors`` holds each attempt's error
    ├── TimeoutBudgetError (TimeoutError)  a time budget (total, first chunk, between chunks) ran out
    ├── StreamInterruptedError          a stream broke after it started; ``partial`` keeps what arrived
    ├── InvalidResponseDataError        the provider sent data we cannot interpret
    ├── ResponseTooLargeError           the provider sent more bytes than a configured bound
    ├── JSONParseError (ValueError)     text that should be JSON is not
    ├── TypeValidationError (ValueError)  a value does not match its schema
    ├── InvalidArgumentError (ValueError)  a caller passed an invalid argument
    ├── InvalidPromptError (ValueError)    a prompt or message list cannot be converted
    ├── LoadAPIKeyError                 no API key was passed nor found in the environment
    ├── LoadSettingError                a required setting was neither passed nor found in the environment
    ├── DownloadError                   fetching a URL referenced by a prompt failed or was refused
    ├── UnsupportedFunctionalityError   the model or provider cannot do what was asked
    ├── NoSuchModelError (KeyError)     a registry or provider has no model of that id
    │   └── NoSuchProviderError         a registry has no provider of that id
    ├── NoSuchToolError                 the model called a tool that was not offered
    ├── InvalidToolInputError           the model's tool input does not parse or validate
    ├── ToolExecutionError              a tool's ``execute`` raised (reported to the model as a tool error)
    ├── NoContentGeneratedError         the provider returned no content at all
    ├── NoImageGeneratedError           an image call returned no image; ``responses`` keeps what came back
    ├── NoSpeechGeneratedError          a speech call returned no audio; ``responses`` keeps what came back
    └── NoTranscriptGeneratedError      a transcription call returned no text; ``responses`` likewise

Messages never contain secrets: API keys are held in :class:`~ai_sdk_core.provider_utils.secret.Secret`
holders and request headers are not part of any message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "AISDKError",
    "APICallError",
    "DownloadError",
    "InvalidArgumentError",
    "InvalidPromptError",
    "InvalidResponseDataError",
    "InvalidToolInputError",
    "JSONParseError",
    "LoadAPIKeyError",
    "LoadSettingError",
    "NoContentGeneratedError",
    "NoImageGeneratedError",
    "NoObjectGeneratedError",
    "NoSpeechGeneratedError",
    "NoSuchModelError",
    "NoSuchProviderError",
    "NoSuchToolError",
    "NoTranscriptGeneratedError",
    "ResponseTooLargeError",
    "RetryAfterTooLongError",
    "RetryError",
    "StreamInterruptedError",
    "TimeoutBudgetError",
    "ToolExecutionError",
    "TypeValidationError",
    "UnsupportedFunctionalityError",
]

# Error bodies are kept for debugging, but a gateway's 1 MiB HTML page must not live on in every traceback.
MAX_ERROR_BODY_CHARS = 8192


def _truncate(text: str | None, limit: int = MAX_ERROR_BODY_CHARS) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return text[:limit] + f"... [truncated, {len(text) - limit} more characters]"


class AISDKError(Exception):
    """Root of every error the SDK raises on purpose."""

    def __init__(self, message: str, *, cause: BaseException | None = None) -> None:
        super().__init__(message)
        self.message = message
        if cause is not None:
            self.__cause__ = cause

    def __str__(self) -> str:
        return self.message


class APICallError(AISDKError):
    """A call to a provider's API failed: an error status, or no answer at all (``status_code`` is then None)."""

    def __init__(
        self,
        message: str,
        *,
        url: str,
        status_code: int | None = None,
        response_headers: Mapping[str, str] | None = None,
        response_body: str | None = None,
        is_retryable: bool | None = None,
        data: Any = None,
        cause: BaseException | None = None,
    ) -> None:
        super().__init__(message, cause=cause)
        self.url = url
        self.status_code = status_code
        self.response_headers: dict[str, str] = dict(response_headers or {})
        self.response_body = _truncate(response_body)
        if is_retryable is None:
            is_retryable = status_code is None or status_code in (408, 409, 429) or status_code >= 500
        self.is_retryable = is_retryable
        self.data = data

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, url={self.url!r}, status_code={self.status_code!r})"


class RetryAfterTooLongError(APICallError):
    """The server asked for a delay above the retry cap; raised at once, carrying the asked delay in seconds."""

    def __init__(self, message: str, *, retry_after_seconds: float, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after_seconds = retry_after_seconds
        self.is_retryable = False


class RetryError(AISDKError):
    """Retries ran out. ``errors`` holds each attempt's error, oldest first; ``last_error`` the final one."""

    def __init__(self, message: str, *, reason: str, errors: Sequence[BaseException]) -> None:
        super().__init__(message, cause=errors[-1] if errors else None)
        self.reason = reason  # "max_retries_exceeded" | "error_not_retryable"
        self.errors = list(errors)

    @property
    def last_error(self) -> BaseException | None:
        return self.errors[-1] if self.errors else None


class TimeoutBudgetError(AISDKError, TimeoutError):
    """A time budget ran out. ``budget`` is ``"total"``, ``"first_chunk"`` or ``"between_chunks"``.

    A connect timeout is not one of these: it is a retryable :class:`APICallError` (no status), like any
    failure to reach the server.
    """

    def __init__(
        self,
        message: str,
        *,
        budget: str,
        seconds: float,
        cause: BaseException | None = None,
    ) -> None:
        super().__init__(message, cause=cause)
        self.budget = budget
        self.seconds = seconds


class StreamInterruptedError(AISDKError):
    """A stream broke after it had started. ``partial`` keeps what arrived before (text or parts).

    From an HTTP model's ``do_stream``, ``partial`` is the list of parts delivered before the break, with the
    runs of adjacent deltas of a long stream merged (the same text in fewer parts), so that keeping it costs
    memory in proportion to the text, not to the number of chunks.
    """

    def __init__(self, message: str, *, partial: Any = None, cause: BaseException | None = None) -> None:
        super().__init__(message, cause=cause)
        self.partial = partial


class InvalidResponseDataError(AISDKError):
    """The provider sent a response we cannot interpret. ``data`` is the offending value (bounded)."""

    def __init__(self, message: str, *, data: Any = None, cause: BaseException | None = None) -> None:
        super().__init__(message, cause=cause)
        self.data = data


class ResponseTooLargeError(InvalidResponseDataError):
    """The provider sent more than a configured bound (body size, SSE line or event size)."""

    def __init__(self, message: str, *, limit: int) -> None:
        super().__init__(message)
        self.limit = limit


class JSONParseError(AISDKError, ValueError):
    """Text that should be JSON is not. ``text`` is kept (truncated) for debugging."""

    def __init__(self, message: str, *, text: str, cause: BaseException | None = None) -> None:
        super().__init__(message, cause=cause)
        self.text = _truncate(text)


class TypeValidationError(AISDKError, ValueError):
    """A value does not match its schema."""

    def __init__(self, message: str, *, value: Any = None, cause: BaseException | None = None) -> None:
        super().__init__(message, cause=cause)
        self.value = value


class InvalidArgumentError(AISDKError, ValueError):
    """A caller passed an invalid argument; ``argument`` names it."""

    def __init__(self, message: str, *, argument: str, value: Any = None) -> None:
        super().__init__(f"Invalid argument for {argument!r}: {message}")
        self.argument = argument
        self.value = value


class InvalidPromptError(AISDKError, ValueError):
    """The prompt or message list cannot be converted into a model prompt."""


class LoadAPIKeyError(AISDKError):
    """No API key was passed nor found in the environment. The message says both ways to fix it."""


class LoadSettingError(AISDKError):
    """A required setting was neither passed nor found in the environment."""


class DownloadError(AISDKError):
    """Downloading a URL referenced by a prompt failed, was too large, or was refused."""

    def __init__(
        self,
        message: str,
        *,
        url: str,
        status_code: int | None = None,
        cause: BaseException | None = None,
    ):
        super().__init__(message, cause=cause)
        self.url = url
        self.status_code = status_code


class UnsupportedFunctionalityError(AISDKError):
    """The model or provider cannot do what was asked; ``functionality`` names it."""

    def __init__(self, functionality: str, message: str | None = None) -> None:
        super().__init__(message or f"{functionality} is not supported.")
        self.functionality = functionality


class NoSuchModelError(AISDKError, KeyError):
    """A provider or registry has no model of that id."""

    def __init__(
        self,
        model_id: str,
        *,
        model_type: str = "language_model",
        message: str | None = None,
    ) -> None:
        super().__init__(message or f"No such {model_type}: {model_id!r}")
        self.model_id = model_id
        self.model_type = model_type

    def __str__(self) -> str:  # KeyError would quote the message otherwise
        return self.message


class NoSuchProviderError(NoSuchModelError):
    """A registry has no provider of that id. ``available_providers`` lists the known ones."""

    def __init__(self, provider_id: str, *, model_id: str, available_providers: Sequence[str]) -> None:
        known = ", ".join(sorted(available_providers)) or "none"
        super().__init__(
            model_id,
            message=f"No such provider: {provider_id!r} (known providers: {known})",
        )
        self.provider_id = provider_id
        self.available_providers = list(available_providers)


class NoSuchToolError(AISDKError):
    """The model called a tool that was not offered."""

    def __init__(self, tool_name: str, *, available_tools: Sequence[str] = ()) -> None:
        known = ", ".join(available_tools) or "none"
        super().__init__(f"Model tried to call unavailable tool {tool_name!r}. Available tools: {known}.")
        self.tool_name = tool_name
        self.available_tools = list(available_tools)


class InvalidToolInputError(AISDKError):
    """The model's input for a tool does not parse as JSON or does not match the tool's schema."""

    def __init__(
        self,
        message: str,
        *,
        tool_name: str,
        tool_input: str,
        cause: BaseException | None = None,
    ) -> None:
        super().__init__(f"Invalid input for tool {tool_name!r}: {message}", cause=cause)
        self.tool_name = tool_name
        self.tool_input = tool_input


class ToolExecutionError(AISDKError):
    """A tool's ``execute`` raised. The model is shown the error as the tool's result."""

    def __init__(
        self,
        message: str,
        *,
        tool_name: str,
        tool_call_id: str,
        tool_input: Any,
        cause: BaseException,
    ):
        super().__init__(message, cause=cause)
        self.tool_name = tool_name
        self.tool_call_id = tool_call_id
        self.tool_input = tool_input


class NoContentGeneratedError(AISDKError):
    """The provider returned no content."""


class _NoMediaGeneratedError(AISDKError):
    def __init__(self, message: str, *, responses: Sequence[Any] = (), cause: BaseException | None = None) -> None:
        super().__init__(message, cause=cause)
        self.responses = list(responses)


class NoImageGeneratedError(_NoMediaGeneratedError):
    """An image call returned no image. ``responses`` holds the ``ResponseInfo`` of each call made."""


class NoSpeechGeneratedError(_NoMediaGeneratedError):
    """A speech call returned no audio. ``responses`` holds the ``ResponseInfo`` of each call made."""


class NoTranscriptGeneratedError(_NoMediaGeneratedError):
    """A transcription call returned no text. ``responses`` holds the ``ResponseInfo`` of each call made."""


class NoObjectGeneratedError(AISDKError):
    """The model's answer could not be turned into the requested structured output (``output=`` or
    ``generate_object``): it is not JSON, does not match the schema, or is not one of the choices.

    ``text`` is the raw answer (truncated), ``response``/``usage``/``finish_reason`` describe the call that
    produced it, and ``cause`` (also ``__cause__``) is the parse or validation error.
    """

    def __init__(
        self,
        message: str = "No object generated.",
        *,
        text: str | None = None,
        response: Any = None,
        usage: Any = None,
        finish_reason: str | None = None,
        cause: BaseException | None = None,
    ) -> None:
        super().__init__(message, cause=cause)
        self.text = _truncate(text)
        self.response = response
        self.usage = usage
        self.finish_reason = finish_reason
        self.cause = cause
