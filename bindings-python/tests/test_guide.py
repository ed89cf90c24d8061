"""Runs the Python guide, docs/guides/python.md.

Its ```python blocks are executed in order, in one namespace (a later block
uses the names an earlier one defined), so the guide's own ``assert`` lines
are the test. Each block is compiled under the guide's path with its own
line numbers, so a failure's traceback points at the line of the guide.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# tests/ -> bindings-python/ -> repository root
GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "python.md"


def fenced_blocks(text: str, language: str) -> list[tuple[int, str]]:
    """The fenced blocks of `language`, each with the guide line its code starts on."""
    blocks: list[tuple[int, str]] = []
    current: list[str] | None = None
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if current is None:
            if line.strip() == f"```{language}":
                current, start = [], number + 1
        elif line.strip() == "```":
            blocks.append((start, "\n".join(current)))
            current = None
        else:
            current.append(line)
    assert current is None, f"a ```{language} block starting on line {start - 1} is not closed"
    return blocks


def test_the_python_guide_runs_as_written() -> None:
    assert __debug__, "the guide's checks are assert statements: do not run pytest with -O"
    blocks = fenced_blocks(GUIDE.read_text(encoding="utf-8"), "python")
    assert len(blocks) >= 10, "the guide lost its code"
    assert sum(code.count("assert ") for _, code in blocks) >= 40, "the guide lost its checks"
    namespace: dict[str, Any] = {"__name__": "python_guide"}
    for start, code in blocks:
        # Blank lines in front keep the guide's line numbers in tracebacks.
        exec(compile("\n" * (start - 1) + code, str(GUIDE), "exec"), namespace)  # noqa: S102


def test_blocks_are_found_with_their_line_numbers() -> None:
    text = "# t\n\n```python\nx = 1\ny = 2\n```\n\n```sh\nls\n```\n```python\nassert x == 1\n```\n"
    assert fenced_blocks(text, "python") == [(4, "x = 1\ny = 2"), (12, "assert x == 1")]
