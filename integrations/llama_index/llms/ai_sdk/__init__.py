"""Placeholder: this integration is built by a later issue (see the tracker)."""

__all__: list[str] = []
