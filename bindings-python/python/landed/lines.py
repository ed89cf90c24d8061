"""The result of ``Book.execute_lines`` (hand-written: it is the binding's own shape, not a core type in ``docs/schema``)."""

from typing import TypedDict

__all__ = ["LineError", "LinesOutcome"]


class LineError(TypedDict):
    """A refused line of a batch given as JSON lines."""

    line: int
    """The line's number in the input, from 1 (blank lines count)."""
    code: str
    """The error's stable code, e.g. ``"INSUFFICIENT_STOCK"``."""
    message: str


class LinesOutcome(TypedDict):
    """What ``Book.execute_lines`` did."""

    version: int
    """The book's version after the batch."""
    executed: int
    """Commands that ran and recorded events (duplicates not counted)."""
    duplicates: int
    """Lines whose command id had already run with the same command; their events are not repeated in ``events``."""
    events: str
    """The recorded events as JSON lines (one stored event per line, each ending in a newline): append to the stored log."""
    errors: list[LineError]
    """The refused lines, in order (with ``all_or_nothing`` at most one, and nothing of the batch kept)."""
