"""Shared fixtures: the repository root and the committed ECB sample."""

from __future__ import annotations

from pathlib import Path

import pytest

import landed

# tests/ -> bindings-python/ -> repository root
REPO_ROOT = Path(__file__).resolve().parents[2]
ECB_SAMPLE = REPO_ROOT / "tests" / "data" / "ecb-sample.csv"
# The full ECB history lives in shared/, beside the checkout (not committed).
ECB_FULL_HISTORY = REPO_ROOT.parent / "shared" / "data" / "ecb" / "eurofxref-hist.csv"


@pytest.fixture(scope="session")
def ecb_sample_text() -> str:
    return ECB_SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def ecb_book(ecb_sample_text: str) -> landed.RateBook:
    book = landed.RateBook("EUR")
    book.load_ecb_csv(ecb_sample_text)
    return book
