"""Shared fixtures: the repository root and the committed ECB sample."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import landed

# tests/ -> bindings-python/ -> repository root
REPO_ROOT = Path(__file__).resolve().parents[2]
ECB_SAMPLE = REPO_ROOT / "tests" / "data" / "ecb-sample.csv"
# The ECB's full history (eurofxref-hist.csv, not committed), when
# LANDED_ECB_HISTORY names it.
ECB_FULL_HISTORY = Path(os.environ.get("LANDED_ECB_HISTORY") or "/nonexistent/eurofxref-hist.csv")


@pytest.fixture(scope="session")
def ecb_sample_text() -> str:
    return ECB_SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def ecb_book(ecb_sample_text: str) -> landed.RateBook:
    book = landed.RateBook("EUR")
    book.load_ecb_csv(ecb_sample_text)
    return book
