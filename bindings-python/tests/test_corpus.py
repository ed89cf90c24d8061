"""The shared bad-input corpus (tests/corpus/bad-inputs.json) through Python.

For each case: a fresh book built from the corpus's config and setup, its
snapshot text and version taken, the bad input applied, the exact error code
checked, and the snapshot text and version checked byte for byte afterwards.
The same file is run by the Rust, Node and Kotlin runners.

Every input goes to the core as JSON text (a ``str`` argument is JSON text in
``Book``, ``Book.replay``, ``execute`` and ``execute_batch``): ``raw`` as it
is, a JSON value as its exact text in the file (``raw_json``), so the core
sees exactly the case's input. Command cases whose text is a JSON object
run a second time the way Python code usually calls the book, as a dict
(``test_command_case_as_dict``); there the binding refuses by itself what a
dict cannot carry to the core unchanged: a float is a ``TypeError`` before
the core sees it (floats are inexact), which that test accepts instead of
the case's code.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

import landed
from landed import Book
from landed.types import Context

# LANDED_CORPUS=<path> runs another file of the same format instead.
CORPUS = Path(os.environ.get("LANDED_CORPUS") or Path(__file__).resolve().parents[2] / "tests" / "corpus" / "bad-inputs.json")
FILE_TEXT = CORPUS.read_text(encoding="utf-8")
DOC: dict[str, Any] = json.loads(FILE_TEXT)
CASES: list[dict[str, Any]] = DOC["cases"]


class Raw:
    """A JSON value of the corpus file with its exact text: `members` for an
    object, `items` for an array. A value is sent as its own slice of the
    file, not re-serialized (json.loads + json.dumps would turn 1e400 into
    Infinity, and a lone surrogate escape into a str Python cannot encode)."""

    def __init__(self, text: str, members: dict[str, Raw] | None = None, items: list[Raw] | None = None) -> None:
        self.text, self.members, self.items = text, members or {}, items or []


def raw_json(s: str) -> Raw:
    i = 0

    def ws() -> None:
        nonlocal i
        while i < len(s) and s[i] in " \t\r\n":
            i += 1

    def skip_string() -> None:
        nonlocal i
        i += 1
        while s[i] != '"':
            i += 2 if s[i] == "\\" else 1
        i += 1

    def value() -> Raw:
        nonlocal i
        ws()
        start = i
        if s[i] in "{[":
            is_object, close = s[i] == "{", "}" if s[i] == "{" else "]"
            members: dict[str, Raw] = {}
            items: list[Raw] = []
            i += 1
            ws()
            if s[i] == close:
                i += 1
            else:
                while True:
                    ws()
                    if is_object:
                        key_start = i
                        skip_string()
                        key = json.loads(s[key_start:i])
                        ws()
                        i += 1  # ':'
                        members[key] = value()
                    else:
                        items.append(value())
                    ws()
                    i += 1
                    if s[i - 1] == close:
                        break
            return Raw(s[start:i], members, items)
        if s[i] == '"':
            skip_string()
        else:
            while i < len(s) and s[i] not in ",}] \t\r\n":
                i += 1
        return Raw(s[start:i])

    return value()


RAW = raw_json(FILE_TEXT)
RAW_CASES = RAW.members["cases"].items
assert len(RAW_CASES) == len(CASES)

# A context and a command that are fine, for a case that gives only the bad
# half (a bad command with no context, a bad context with no command).
# The defaults the corpus file's "about" prescribes.
DEFAULT_AT = "2026-11-10T09:00:00Z"
DEFAULT_COMMAND: dict[str, Any] = {"type": "receive", "sku": "LAMP", "location": "SZ", "quantity": 1, "unit_cost": {"amount": "2.50", "currency": "USD"}}


def case_id(case: dict[str, Any]) -> str:
    return f"{case['kind']}: {case['name']}"


def base_book() -> Book:
    book = Book(RAW.members["config"].text)
    for step in RAW.members["setup"].items:
        book.execute(step.members["command"].text, step.members["context"].text)
    return book


def default_context(index: int) -> str:
    return json.dumps({"at": DEFAULT_AT, "command_id": f"bad-{index}"})


def apply(book: Book, case: dict[str, Any], index: int) -> landed.LandedError:
    """Applies the case's bad input; returns the error it must raise or report."""
    kind = case["kind"]
    slices = RAW_CASES[index].members

    def text(key: str) -> str:
        return slices[key].text

    def bad_input(_: object, *keys: str) -> str:
        """The bad input: `raw` when present, else the first key given, as its text in the file."""
        if "raw" in case:
            return str(case["raw"])
        for key in keys:
            if key in slices:
                return slices[key].text
        raise AssertionError(f"case {case['name']!r} has none of raw, {', '.join(keys)}")

    try:
        if kind == "command":
            context = text("context") if "context" in case else default_context(index)
            book.execute(bad_input(case, "command"), context)
        elif kind == "context":
            command = text("command") if "command" in case else json.dumps(DEFAULT_COMMAND)
            book.execute(command, bad_input(case, "context"))
        elif kind == "batch_all_or_nothing":
            results = book.execute_batch(bad_input(case, "items", "batch", "command"), all_or_nothing=True)
            errors = [r for r in results if isinstance(r, landed.LandedError)]
            assert errors, f"the batch was accepted: {results}"
            assert results[-1] is errors[0], "all-or-nothing stops at the first failure"
            return errors[0]
        elif kind == "config":
            Book(bad_input(case, "config"))
        elif kind == "replay":
            config = text("config") if "config" in case else RAW.members["config"].text
            Book.replay(config, bad_input(case, "events"))
        elif kind == "restore":
            Book.restore(bad_input(case, "snapshot"))
        else:
            raise AssertionError(f"unknown case kind {kind!r}")
    except landed.LandedError as error:
        return error
    raise AssertionError(f"accepted: {case_id(case)}")


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case_id(c) for c in CASES])
def test_case(index: int) -> None:
    case = CASES[index]
    book = base_book()
    before, version = book.snapshot(), book.version
    error = apply(book, case, index)
    assert error.code == case["expect"], f"{error.code}: {error}"
    # The exception is the code's own class (a LandedError subclass).
    assert type(error).code == case["expect"]
    assert book.version == version
    assert book.snapshot() == before


class _Duplicate(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise _Duplicate(keys)
    return dict(pairs)


def _as_dict(case: dict[str, Any]) -> dict[str, Any] | None:
    """The case's command as the dict Python code would pass, when a dict
    can carry it: a JSON object without duplicate keys (a dict would keep
    only the last one and so send a different command)."""
    try:
        if "raw" in case:
            value = json.loads(case["raw"], object_pairs_hook=_no_duplicates)
        else:
            value = case["command"]
            # A dict built from the value must say the same thing again.
            json.loads(json.dumps(value), object_pairs_hook=_no_duplicates)
    except (ValueError, RecursionError, _Duplicate, KeyError):
        return None
    return value if isinstance(value, dict) else None


DICT_CASES = [i for i, c in enumerate(CASES) if c["kind"] == "command" and "context" not in c and _as_dict(c) is not None]


def _walk(value: Any) -> list[Any]:
    """Every value inside `value` (iteratively: some cases nest deeply)."""
    seen, stack = [], [value]
    while stack:
        item = stack.pop()
        seen.append(item)
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return seen


def _depth(value: Any) -> int:
    depth, level = 0, [value]
    while level:
        level = [v for item in level if isinstance(item, (dict, list)) for v in (item.values() if isinstance(item, dict) else item)]
        depth += 1
    return depth


def _binding_refusal(command: dict[str, Any]) -> type[Exception] | None:
    """What the binding itself raises before the core sees `command`, if it
    cannot carry it: a float (inexact: TypeError), a str the interpreter
    cannot encode as UTF-8 (a lone surrogate: UnicodeEncodeError), nesting
    deeper than the binding's 64 levels (ValueError)."""
    values = _walk(command)
    if any(isinstance(v, float) for v in values):
        return TypeError
    if any(isinstance(v, str) and any(0xD800 <= ord(ch) <= 0xDFFF for ch in v) for v in values):
        return UnicodeEncodeError
    if any(isinstance(k, str) and any(0xD800 <= ord(ch) <= 0xDFFF for ch in k) for v in values if isinstance(v, dict) for k in v):
        return UnicodeEncodeError
    if _depth(command) - 1 > 64:  # containers, not counting the innermost scalars
        return ValueError
    return None


@pytest.mark.parametrize("index", DICT_CASES, ids=[case_id(CASES[i]) for i in DICT_CASES])
def test_command_case_as_dict(index: int) -> None:
    case = CASES[index]
    command = _as_dict(case)
    assert command is not None
    book = base_book()
    before, version = book.snapshot(), book.version
    at = datetime(2026, 11, 10, 9, 0, tzinfo=timezone.utc)  # DEFAULT_AT
    context: Context = {"at": at, "command_id": f"corpus-dict-{index}"}
    refusal = _binding_refusal(command)
    if refusal is not None:
        # The binding's own refusal: the value never reaches the core.
        with pytest.raises(refusal):
            book.execute(command, context)  # type: ignore[arg-type]
    else:
        with pytest.raises(landed.LandedError) as caught:
            book.execute(command, context)  # type: ignore[arg-type]
        assert caught.value.code == case["expect"], str(caught.value)
    assert book.version == version
    assert book.snapshot() == before


def test_the_corpus_is_the_shared_file() -> None:
    assert CORPUS.is_file()
    kinds = {case["kind"] for case in CASES}
    assert kinds <= {"command", "context", "batch_all_or_nothing", "config", "replay", "restore"}
