"""Every relative link in the repository's Markdown points at a file that
exists (README files, docs/, the guides, the changelog)."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Build output, installed packages and caches: not the project's documents.
SKIPPED = {".git", ".venv", ".venv-package", "dist", "node_modules", "target", ".pytest_cache", ".mypy_cache", "__pycache__"}


def markdown_files() -> list[Path]:
    found = []
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED]
        found += [Path(folder) / name for name in names if name.endswith(".md")]
    return sorted(found)


def test_relative_links_resolve() -> None:
    files = markdown_files()
    assert ROOT / "README.md" in files and ROOT / "docs" / "glossary.md" in files
    broken = []
    for path in files:
        for target in re.findall(r"\]\(([^)\s]+)\)", path.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue  # a web address or an anchor on the same page
            if not (path.parent / target.split("#")[0]).exists():
                broken.append(f"{path.relative_to(ROOT)}: {target}")
    assert broken == []
