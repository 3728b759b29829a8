"""Tests of the shipped testing kit."""
