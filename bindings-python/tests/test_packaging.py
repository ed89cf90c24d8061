"""The package metadata: the README and both licence texts are shipped
(pyproject `readme` and `license-files`; the licence files here are links
to the texts at the repository root), and no repository URL is declared."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

PACKAGE = Path(__file__).resolve().parents[1]
ROOT = PACKAGE.parent


def project() -> dict[str, Any]:
    if sys.version_info < (3, 11):
        pytest.skip("tomllib needs Python 3.11")
    import tomllib

    with (PACKAGE / "pyproject.toml").open("rb") as file:
        table: dict[str, Any] = tomllib.load(file)["project"]
    return table


def test_the_readme_and_the_licence_texts_are_shipped() -> None:
    meta = project()
    assert (PACKAGE / meta["readme"]).read_text(encoding="utf-8").startswith("# landed for Python")
    assert meta["license"] == "MIT OR Apache-2.0"
    assert meta["license-files"] == ["LICENSE-MIT", "LICENSE-APACHE"]
    for name in meta["license-files"]:
        assert (PACKAGE / name).read_text(encoding="utf-8") == (ROOT / name).read_text(encoding="utf-8")
    assert "Copyright (c) 2026 the landed authors" in (ROOT / "LICENSE-MIT").read_text(encoding="utf-8")
    assert "Copyright 2026 the landed authors" in (ROOT / "LICENSE-APACHE").read_text(encoding="utf-8")


def test_no_repository_url_is_declared() -> None:
    meta = project()
    assert "urls" not in meta
    import tomllib

    with (ROOT / "Cargo.toml").open("rb") as file:
        workspace = tomllib.load(file)["workspace"]["package"]
    assert "repository" not in workspace  # the crate (and so this package) names none
