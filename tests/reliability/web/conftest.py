"""The web cases need their frameworks (the ``reliability`` tox env installs them); without, they are not
collected, so the core suite runs anywhere."""

from __future__ import annotations

from importlib.util import find_spec

collect_ignore: list[str] = []
if find_spec("fastapi") is None or find_spec("uvicorn") is None:
    collect_ignore.extend(["test_fastapi.py", "test_cut_usage.py"])
if find_spec("django") is None or find_spec("pytest_django") is None or find_spec("uvicorn") is None:
    collect_ignore.append("django")
