"""Our wheel merges into LlamaIndex's namespace packages without overwriting a file of theirs.

``llama_index``, ``llama_index.llms`` and ``llama_index.embeddings`` are implicit namespace packages in every
LlamaIndex distribution: a wheel that ships an ``__init__.py`` there would replace (or be replaced by) another
distribution's and break imports. The wheel is built here from the checkout (hatchling, in process, no network)
and its RECORD compared with the RECORDs of the installed ``llama-index-core`` and ``llama-index-llms-openai``
(the tox env installs the latter for this comparison).
"""

from __future__ import annotations

import csv
import importlib.metadata
import io
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
NAMESPACE_INITS = ("llama_index/__init__.py", "llama_index/llms/__init__.py", "llama_index/embeddings/__init__.py")


@pytest.fixture(scope="module")
def our_wheel_files(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    from hatchling.builders.wheel import WheelBuilder

    directory = tmp_path_factory.mktemp("wheel")
    (wheel_path,) = list(WheelBuilder(str(ROOT)).build(directory=str(directory), versions=["standard"]))
    with zipfile.ZipFile(wheel_path) as archive:
        record_name = next(name for name in archive.namelist() if name.endswith(".dist-info/RECORD"))
        record = archive.read(record_name).decode()
        names = set(archive.namelist())
    paths = {row[0] for row in csv.reader(io.StringIO(record)) if row}
    assert paths == names  # the RECORD lists exactly what the archive holds
    return paths


def installed_files(distribution: str) -> set[str]:
    files = importlib.metadata.files(distribution)
    assert files, f"{distribution} has no RECORD"
    return {file.as_posix() for file in files}


def test_our_wheel_ships_the_adapters_and_no_namespace_init(our_wheel_files: set[str]) -> None:
    assert "llama_index/llms/ai_sdk/__init__.py" in our_wheel_files
    assert "llama_index/embeddings/ai_sdk/__init__.py" in our_wheel_files
    assert not set(NAMESPACE_INITS) & our_wheel_files
    assert not any(path.startswith("integrations/") for path in our_wheel_files)


@pytest.mark.parametrize("distribution", ["llama-index-core", "llama-index-llms-openai"])
def test_no_file_is_shared_with_llama_index_distributions(our_wheel_files: set[str], distribution: str) -> None:
    theirs = installed_files(distribution)
    assert any(path.startswith("llama_index/") for path in theirs)
    assert not set(NAMESPACE_INITS) & theirs  # they keep the convention too, so nobody owns those levels
    assert our_wheel_files & theirs == set()


def test_the_namespace_spans_every_distribution() -> None:
    import llama_index.core
    import llama_index.llms.openai

    import llama_index
    import llama_index.embeddings.ai_sdk
    import llama_index.llms.ai_sdk

    assert getattr(llama_index, "__file__", None) is None  # a namespace package, not a regular one
    assert getattr(llama_index.llms, "__file__", None) is None
    assert llama_index.llms.openai.OpenAI.class_name() == "openai_llm"
    assert llama_index.llms.ai_sdk.__all__ == ["AISDK"]
    assert llama_index.embeddings.ai_sdk.__all__ == ["AISDKEmbedding"]
