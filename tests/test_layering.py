"""Hold the layers of DESIGN.md section 2 by reading every module's imports (``ast``, nothing is imported).

```
spec  <-  provider_utils  <-  providers/*  <-  core functions  <-  integrations
```

- ``ai_sdk_core.spec`` imports nothing of ours but the spec.
- ``ai_sdk_core.provider_utils`` imports only the spec and itself.
- A provider (``ai_sdk_core.providers.<name>``) imports the spec, provider_utils, its own package and the shared
  ``openai_compatible`` base (plus the reviewed pairs in ``EXTRA_PROVIDER_DEPENDENCIES``).
- Core modules (everything else in ``ai_sdk_core``, except ``testing``) never import providers, with one
  exception: the registry resolves ``"provider:model"`` strings by importing a provider inside a function.
- ``ai_sdk_core.testing`` is shipped for users' tests and may import anything of ``ai_sdk_core``.
- An integration imports only the public ``ai_sdk_core`` names (``from ai_sdk_core import X`` with ``X`` in
  ``ai_sdk_core.__all__``) and ``ai_sdk_core.testing``, never another integration.

Imports under ``if TYPE_CHECKING:`` count: a type-only dependency on a higher layer is still a wrong arrow.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE_PACKAGE = "ai_sdk_core"

# Top-level import names of each integration, mapped to its directory under `integrations/`.
INTEGRATIONS = {
    "django_ai_sdk": "django_ai_sdk",
    "fastapi_ai_sdk": "fastapi_ai_sdk",
    "langchain_ai_sdk": "langchain_ai_sdk",
    "llama_index.embeddings.ai_sdk": "llama_index/embeddings/ai_sdk",
    "llama_index.llms.ai_sdk": "llama_index/llms/ai_sdk",
}

# Providers that every provider may build on.
SHARED_PROVIDER_BASES = frozenset({"openai_compatible"})

# Reviewed exceptions, provider -> other provider packages it may import (e.g. a vendor that hosts another
# vendor's models with the same wire format). Add a pair here only with a reason in the review.
EXTRA_PROVIDER_DEPENDENCIES: dict[str, frozenset[str]] = {}

# Modules of `ai_sdk_core.*` that may import providers, and only inside a function (lazily).
LAZY_PROVIDER_IMPORTERS = ("ai_sdk_core.registry",)

# Besides `from ai_sdk_core import <public name>`, integrations may use the shipped test doubles.
INTEGRATION_TESTING_PACKAGE = "ai_sdk_core.testing"


@dataclass(frozen=True, slots=True)
class ImportEdge:
    """One import of one of our modules, found in the source of ``importer``."""

    importer: str
    target: str
    line: int
    in_function: bool
    imported_names: tuple[str, ...] = ()


def _is_ours(module: str) -> bool:
    return _within(module, CORE_PACKAGE) or any(_within(module, name) for name in INTEGRATIONS)


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _resolve_relative(importer: str, is_package: bool, level: int, module: str | None) -> str:
    parts = importer.split(".")
    # `from . import x` in a package's __init__ is relative to the package itself, elsewhere to the parent.
    base = parts if is_package else parts[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


class _ImportCollector(ast.NodeVisitor):
    def __init__(
        self, importer: str, is_package: bool, known_modules: frozenset[str], public_names: frozenset[str]
    ) -> None:
        self.importer = importer
        self.is_package = is_package
        self.known_modules = known_modules
        self.public_names = public_names
        self.function_depth = 0
        self.edges: list[ImportEdge] = []

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        self.function_depth += 1
        self.generic_visit(node)
        self.function_depth -= 1

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._visit_function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._visit_function(node)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._visit_function(node)

    def _add(self, target: str, line: int, names: tuple[str, ...] = ()) -> None:
        if _is_ours(target):
            self.edges.append(ImportEdge(self.importer, target, line, self.function_depth > 0, names))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            module = _resolve_relative(self.importer, self.is_package, node.level, node.module)
        else:
            module = node.module or ""
        plain_names: list[str] = []
        for alias in node.names:
            submodule = f"{module}.{alias.name}"
            # `from ai_sdk_core import providers` imports a module, not a name: judge it as that module. A public
            # function named like its module (`from ai_sdk_core import generate_text`) is the function: the
            # package keeps that attribute bound to it.
            is_public_function = module == CORE_PACKAGE and alias.name in self.public_names
            if submodule in self.known_modules and not is_public_function:
                self._add(submodule, node.lineno)
            else:
                plain_names.append(alias.name)
        if plain_names or not node.names:
            self._add(module, node.lineno, tuple(plain_names))


def collect_imports(
    importer: str,
    source: str,
    *,
    is_package: bool,
    known_modules: frozenset[str],
    public_names: frozenset[str] = frozenset(),
) -> list[ImportEdge]:
    """Every import of one of our modules made by ``importer`` (given its source text)."""
    collector = _ImportCollector(importer, is_package, known_modules, public_names)
    collector.visit(ast.parse(source))
    return collector.edges


def _provider_name(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 3 and parts[:2] == ["ai_sdk_core", "providers"]:
        return parts[2]
    return None


def _integration_of(module: str) -> str | None:
    return next((name for name in INTEGRATIONS if _within(module, name)), None)


def check_edge(edge: ImportEdge, public_names: frozenset[str]) -> str | None:
    """The layering rule ``edge`` breaks, or ``None`` when the import is allowed."""
    importer, target = edge.importer, edge.target
    where = f"{importer}:{edge.line} imports {target}"

    integration = _integration_of(importer)
    if integration is not None:
        if _integration_of(target) == integration:
            return None
        if _integration_of(target) is not None:
            return f"{where}: integrations never import each other"
        if target == CORE_PACKAGE:
            private = sorted(set(edge.imported_names) - public_names)
            if private:
                return f"{where}: {', '.join(private)} not in ai_sdk_core.__all__"
            return None
        if _within(target, INTEGRATION_TESTING_PACKAGE):
            return None
        return f"{where}: integrations use only the public `ai_sdk_core` API"

    if _within(importer, "ai_sdk_core.spec"):
        return None if _within(target, "ai_sdk_core.spec") else f"{where}: the spec imports nothing else of ours"

    if _within(importer, "ai_sdk_core.provider_utils"):
        allowed = _within(target, "ai_sdk_core.spec") or _within(target, "ai_sdk_core.provider_utils")
        return None if allowed else f"{where}: provider_utils imports only the spec and itself"

    if _within(importer, "ai_sdk_core.testing"):
        return None if _within(target, CORE_PACKAGE) else f"{where}: ai_sdk_core.testing stays within ai_sdk_core"

    if _within(importer, "ai_sdk_core.providers"):
        if _within(target, "ai_sdk_core.spec") or _within(target, "ai_sdk_core.provider_utils"):
            return None
        own = _provider_name(importer)
        other = _provider_name(target)
        if other is not None:
            allowed_providers = {own, *SHARED_PROVIDER_BASES, *EXTRA_PROVIDER_DEPENDENCIES.get(own or "", ())}
            if other in allowed_providers:
                return None
            return f"{where}: a provider imports only its own package and {sorted(SHARED_PROVIDER_BASES)}"
        return f"{where}: providers import only the spec, provider_utils and provider packages"

    # Everything else in ai_sdk_core is a core module.
    if _within(target, "ai_sdk_core.testing"):
        return f"{where}: core code never imports the test helpers"
    if _within(target, "ai_sdk_core.providers"):
        lazy_allowed = any(_within(importer, module) for module in LAZY_PROVIDER_IMPORTERS)
        if lazy_allowed and edge.in_function:
            return None
        if lazy_allowed:
            return f"{where}: the registry imports providers only inside functions, so they load lazily"
        return f"{where}: core code never imports providers (resolve models through the registry)"
    return None


def _module_name(path: Path) -> tuple[str, bool]:
    relative = path.relative_to(ROOT)
    parts = list(relative.with_suffix("").parts)
    if parts[0] == "integrations":
        parts = parts[1:]
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    return ".".join(parts), is_package


def _our_sources() -> list[Path]:
    files = sorted((ROOT / CORE_PACKAGE).rglob("*.py"))
    for directory in INTEGRATIONS.values():
        files.extend(sorted((ROOT / "integrations" / directory).rglob("*.py")))
    return files


def _public_names() -> frozenset[str]:
    init = ROOT / CORE_PACKAGE / "__init__.py"
    if not init.exists():
        return frozenset()
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        value: ast.expr | None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign):
            targets, value = [node.target], node.value
        else:
            continue
        names_all = any(isinstance(target, ast.Name) and target.id == "__all__" for target in targets)
        if names_all and isinstance(value, ast.List | ast.Tuple):
            return frozenset(str(item.value) for item in value.elts if isinstance(item, ast.Constant))
    return frozenset()


def _layering_violations() -> list[str]:
    sources = _our_sources()
    known_modules = frozenset(_module_name(path)[0] for path in sources)
    public_names = _public_names()
    violations: list[str] = []
    for path in sources:
        module, is_package = _module_name(path)
        source = path.read_text(encoding="utf-8")
        edges = collect_imports(
            module, source, is_package=is_package, known_modules=known_modules, public_names=public_names
        )
        for edge in edges:
            problem = check_edge(edge, public_names)
            if problem is not None:
                violations.append(problem)
    return violations


def test_the_source_tree_follows_the_layers() -> None:
    assert _our_sources(), "no modules found: the test is looking in the wrong place"
    assert _layering_violations() == []


def test_importing_the_package_loads_no_provider() -> None:
    code = "import ai_sdk_core, sys; print(sorted(m for m in sys.modules if m.startswith('ai_sdk_core.providers')))"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert completed.stdout.strip() == "[]"


def test_integration_namespace_portions_have_no_init_files() -> None:
    # An `__init__.py` here would shadow LlamaIndex's own `llama_index` namespace package.
    for directory in ("llama_index", "llama_index/llms", "llama_index/embeddings"):
        assert not (ROOT / "integrations" / directory / "__init__.py").exists()


# The checker itself, on small synthetic modules: each rule must be able to fail.

KNOWN = frozenset(
    {
        "ai_sdk_core",
        "ai_sdk_core.generate_text",
        "ai_sdk_core.providers",
        "ai_sdk_core.providers.openai",
        "ai_sdk_core.providers.groq",
        "ai_sdk_core.registry",
        "ai_sdk_core.spec",
        "ai_sdk_core.spec.errors",
    }
)


def _problems(
    importer: str, source: str, *, is_package: bool = False, public: frozenset[str] = frozenset()
) -> list[str]:
    edges = collect_imports(importer, source, is_package=is_package, known_modules=KNOWN, public_names=public)
    return [problem for edge in edges if (problem := check_edge(edge, public)) is not None]


@pytest.mark.parametrize(
    ("importer", "source"),
    [
        ("ai_sdk_core.spec.prompt", "from ai_sdk_core.provider_utils.json import parse_json"),
        ("ai_sdk_core.spec.prompt", "from ..provider_utils import json"),
        ("ai_sdk_core.provider_utils.http", "import ai_sdk_core.providers.openai"),
        ("ai_sdk_core.provider_utils.http", "from ai_sdk_core.generate_text import generate_text"),
        ("ai_sdk_core.providers.openai.chat", "from ai_sdk_core.generate_text import generate_text"),
        ("ai_sdk_core.providers.openai.chat", "from ai_sdk_core.providers.groq import groq"),
        ("ai_sdk_core.providers.groq", "from ai_sdk_core.registry import resolve"),
        ("ai_sdk_core.generate_text.generate_text", "from ai_sdk_core.providers.openai import openai"),
        ("ai_sdk_core.generate_text.generate_text", "def f():\n    from ai_sdk_core.providers import openai"),
        ("ai_sdk_core.generate_text.generate_text", "from ai_sdk_core import providers"),
        ("ai_sdk_core.generate_text.generate_text", "from ai_sdk_core.testing.mock_models import MockLanguageModel"),
        ("ai_sdk_core.registry.registry", "from ai_sdk_core.providers.openai import openai"),
        (
            "ai_sdk_core.registry.registry",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import ai_sdk_core.providers",
        ),
        ("langchain_ai_sdk.chat_model", "from ai_sdk_core.providers.openai import create_openai"),
        ("langchain_ai_sdk.chat_model", "from ai_sdk_core.generate_text.results import StepResult"),
        # The module `ai_sdk_core.generate_text`, which an integration may not import (its names are not public).
        ("langchain_ai_sdk.chat_model", "import ai_sdk_core.generate_text"),
        ("langchain_ai_sdk.chat_model", "from ai_sdk_core import _private_helper"),
        ("langchain_ai_sdk.chat_model", "from django_ai_sdk.conf import settings"),
        ("llama_index.llms.ai_sdk.base", "from llama_index.embeddings.ai_sdk import AISDKEmbedding"),
    ],
)
def test_checker_rejects(importer: str, source: str) -> None:
    assert _problems(importer, source, public=frozenset({"generate_text"}))


@pytest.mark.parametrize(
    ("importer", "source"),
    [
        ("ai_sdk_core.spec.prompt", "from ai_sdk_core.spec.shared import ProviderOptions\nimport httpx"),
        ("ai_sdk_core.spec.prompt", "from .shared import ProviderOptions"),
        ("ai_sdk_core.provider_utils.http", "from ai_sdk_core.spec.errors import APICallError"),
        ("ai_sdk_core.providers.groq", "from ai_sdk_core.providers.openai_compatible import create_openai_compatible"),
        ("ai_sdk_core.providers.openai.chat", "from ai_sdk_core.providers.openai.config import OpenAIConfig"),
        ("ai_sdk_core.providers.openai.chat", "from ai_sdk_core.provider_utils.http import HttpTransport"),
        ("ai_sdk_core.registry.registry", "def resolve():\n    from ai_sdk_core.providers.openai import openai"),
        ("ai_sdk_core.generate_text.generate_text", "from ai_sdk_core.provider_utils.retry import call_with_retries"),
        ("ai_sdk_core.testing.mock_models", "from ai_sdk_core.providers.openai import openai"),
        ("langchain_ai_sdk.chat_model", "from ai_sdk_core import generate_text\nimport langchain_core"),
        ("langchain_ai_sdk.chat_model", "from ai_sdk_core.testing import MockLanguageModel"),
        ("langchain_ai_sdk.chat_model", "from .convert import to_messages"),
        ("llama_index.llms.ai_sdk.base", "from llama_index.core.llms import ChatMessage"),
    ],
)
def test_checker_accepts(importer: str, source: str) -> None:
    assert _problems(importer, source, public=frozenset({"generate_text"})) == []


def test_relative_imports_resolve_against_the_package() -> None:
    edges = collect_imports("ai_sdk_core.spec", "from . import errors", is_package=True, known_modules=KNOWN)
    assert [edge.target for edge in edges] == ["ai_sdk_core.spec.errors"]
    edges = collect_imports(
        "ai_sdk_core.spec.prompt", "from .. import providers", is_package=False, known_modules=KNOWN
    )
    assert [edge.target for edge in edges] == ["ai_sdk_core.providers"]
