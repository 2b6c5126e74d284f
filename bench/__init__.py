"""Benchmarks for the storydiff engine: a story generator and a per-stage timer (not tests)."""
