"""Tests of the UI message stream protocol (ai_sdk_core.ui)."""
