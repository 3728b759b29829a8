"""OpenAI embeddings (``POST /embeddings``) with deterministic bag-of-words vectors.

Each lowercased word is hashed into one of ``dimensions`` buckets (with a hashed sign, as in feature hashing) and
the vector is L2-normalised, so texts sharing words have a high cosine similarity: retrieval tests can rely on it.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
import struct
from typing import Any

from tests.support.vendor_server.script import estimate_tokens

__all__ = [
    "DEFAULT_DIMENSIONS",
    "embed_text",
    "embedding_error",
    "encode_embeddings",
    "encode_google_embeddings",
    "google_embedding_error",
    "model_dimensions",
]

DEFAULT_DIMENSIONS = 64
_WORD = re.compile(r"\w+")


def embed_text(text: str, dimensions: int = DEFAULT_DIMENSIONS) -> list[float]:
    """The hashing vector of ``text``; an empty or wordless text gets a fixed unit vector (first bucket)."""
    vector = [0.0] * dimensions
    for word in _WORD.findall(text.lower()):
        digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
        bucket = int.from_bytes(digest[:4], "big") % dimensions
        vector[bucket] += 1.0 if digest[4] & 1 else -1.0
    norm = math.sqrt(sum(value * value for value in vector))
    if norm == 0.0:
        return [1.0] + [0.0] * (dimensions - 1)
    return [value / norm for value in vector]


def embedding_error(body: dict[str, Any]) -> str | None:
    """Why a request body is not a valid embeddings request, or ``None``."""
    values = body.get("input")
    dimensions = body.get("dimensions")
    if dimensions is not None and (not isinstance(dimensions, int) or dimensions < 1):
        return "'dimensions' must be a positive integer."
    if isinstance(values, str):
        return None
    if not isinstance(values, list) or not values or not all(isinstance(value, str) for value in values):
        return "'input' must be a non-empty string or array of strings."
    return None


def model_dimensions(model_id: str) -> int:
    """The size a model id names (``hash-embedding-128`` -> 128), else :data:`DEFAULT_DIMENSIONS`."""
    match = re.search(r"-(\d+)$", model_id)
    return int(match[1]) if match is not None and int(match[1]) > 0 else DEFAULT_DIMENSIONS


def encode_embeddings(body: dict[str, Any]) -> dict[str, Any]:
    """The ``list`` of ``embedding`` objects for a valid request: ``dimensions`` from the body, else from the model
    id; ``encoding_format`` ``base64`` packs little-endian float32s as OpenAI does."""
    values = body["input"]
    texts = [values] if isinstance(values, str) else list(values)
    dimensions = body.get("dimensions") or model_dimensions(str(body.get("model", "")))
    data = []
    for index, text in enumerate(texts):
        vector = embed_text(text, dimensions)
        embedding: Any = vector
        if body.get("encoding_format") == "base64":
            embedding = base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()
        data.append({"object": "embedding", "index": index, "embedding": embedding})
    tokens = sum(estimate_tokens(text) for text in texts)
    return {
        "object": "list",
        "data": data,
        "model": body.get("model", ""),
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }


def google_embedding_error(body: dict[str, Any]) -> str | None:
    """Why a ``batchEmbedContents`` / ``embedContent`` body is invalid, or ``None``."""
    requests = body.get("requests") if "requests" in body else [body]
    if not isinstance(requests, list) or not requests:
        return "* BatchEmbedContentsRequest.requests: requests is not specified"
    for request in requests:
        parts = ((request or {}).get("content") or {}).get("parts") if isinstance(request, dict) else None
        if not isinstance(parts, list) or not parts:
            return "* EmbedContentRequest.content: contents is not specified"
    return None


def encode_google_embeddings(body: dict[str, Any], model_id: str) -> dict[str, Any]:
    """``{"embeddings": [{"values"}]}`` for a batch, ``{"embedding": {"values"}}`` for one ``embedContent``;
    the size is ``outputDimensionality``, else the one the model id names."""

    def values(request: dict[str, Any]) -> list[float]:
        text = "".join(str(part.get("text", "")) for part in request["content"]["parts"])
        return embed_text(text, request.get("outputDimensionality") or model_dimensions(model_id))

    if "requests" in body:
        return {"embeddings": [{"values": values(request)} for request in body["requests"]]}
    return {"embedding": {"values": values(body)}}
