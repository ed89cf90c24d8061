# Hand-written stubs for the native module (src/*.rs). Checked against the
# built module by `python -m mypy.stubtest landed landed._landed` in
# scripts/test-python.sh; maturin's --generate-stubs is not used (it would
# overwrite this file and leaves out the exception classes).
import datetime
import os
from collections.abc import Sequence
from decimal import Decimal
from types import TracebackType
from typing import Any, ClassVar, Literal, final

from landed.lines import LinesOutcome
from landed.types import (
    Accrual,
    AgedItem,
    BookConfig,
    ChannelStockReconciliation,
    ChannelStockReport,
    Command,
    Context,
    InTransitReport,
    InventoryAging,
    InventoryAgingQuery,
    InventoryAlerts,
    InventoryAlertsQuery,
    JournalEntry,
    LandedCostReport,
    LedgerLine,
    LineDimensions,
    ListingAvailability,
    Movement,
    OrderException,
    Outcome,
    PositionReport,
    ProfitReport,
    PurchaseOrderStatus,
    ReconciliationLine,
    RecordedEvent,
    Replenishment,
    ReplenishmentQuery,
    RoleBalances,
    SalesOrderStatus,
    SettlementSummary,
    StockByLocation,
    StockByLocationQuery,
    StockReport,
    StockToPush,
    Transfer,
    TrialBalance,
    ValuationLine,
)

__all__ = [
    "Book",
    "BookPoisonedError",
    "CODES",
    "DECIMAL_FIELDS",
    "EXCEPTIONS_BY_CODE",
    "allocate",
    "allocate_equal",
    "AllocationZeroWeightsError",
    "Conversion",
    "Currency",
    "CurrencyMismatchError",
    "DecimalOverflowError",
    "DocumentStateError",
    "DuplicateCodeError",
    "EcbLoadSummary",
    "EntryStateError",
    "IdempotencyConflictError",
    "InsufficientStockError",
    "InternalError",
    "InvalidAmountError",
    "InvalidCommandError",
    "InvalidDateError",
    "InvalidEventLogError",
    "InvalidManualAllocationError",
    "InvalidOptionError",
    "InvalidQuantityError",
    "InvalidRateFileError",
    "InvalidSnapshotError",
    "LandedError",
    "LocationFrozenError",
    "LotRuleError",
    "MissingPostingRuleError",
    "Money",
    "NegativeWeightError",
    "NonPositiveRateError",
    "OverCancellationError",
    "OverReceiptError",
    "OverRefundError",
    "OverReturnError",
    "OverShipmentError",
    "PeriodLockedError",
    "QuantityExceededError",
    "QuantityOverflowError",
    "RateBook",
    "RateLeg",
    "RateNotFoundError",
    "RateStaleError",
    "ResolvedRate",
    "RestatementRefusedError",
    "HistoryNotKeptError",
    "ArchivedError",
    "SettlementTooLargeError",
    "SkuHasStockError",
    "SkuInactiveError",
    "StocktakeStateError",
    "Store",
    "StoreConfigMismatchError",
    "StoreConflictError",
    "StoreCorruptError",
    "StoreError",
    "StoreExistsError",
    "StoreIoError",
    "STORE_CODES",
    "UnbalancedEntryError",
    "UnknownAccountError",
    "UnknownChannelError",
    "UnknownCurrencyError",
    "UnknownDocumentError",
    "UnknownLocationError",
    "UnknownLotError",
    "UnknownSalesOrderError",
    "UnknownSkuError",
    "validate_manual",
    "VersionConflictError",
    "ZeroAllocationBasisError",
    "__version__",
    "_panic_for_tests",
    "_panic_in_book_for_tests",
]
__version__: str

#: Every error code of the core, in its order.
CODES: list[str]
#: The exception class each code is raised as.
EXCEPTIONS_BY_CODE: dict[str, type[LandedError]]
#: The codes of a durable store's own failures (StoreError subclasses).
STORE_CODES: list[str]
#: Keys whose string values are exact decimals in commands, events and
#: reports: Book returns them as decimal.Decimal.
DECIMAL_FIELDS: list[str]

_RoundingName = Literal["half_away_from_zero", "half_even", "bankers"]
_RateTypeName = Literal["spot", "monthly_average", "custom"]
#: A currency: its ISO 4217 code (any case) or a Currency.
_CurrencyLike = str | Currency
#: A date: datetime.date (not datetime.datetime) or "YYYY-MM-DD".
_DateLike = datetime.date | str
#: A non-money number: exact types only (no float, no bool).
_NumberLike = Decimal | int | str

@final
class Currency:
    """An ISO 4217 currency: ``Currency("USD")`` (the code in any case).

    Raises ``UnknownCurrencyError`` (``UNKNOWN_CURRENCY``) for a code that is
    not an ISO 4217 currency with a minor unit. Immutable, hashable, equal by
    code; pickles as its code.
    """
    def __new__(cls, code: str) -> Currency: ...
    @staticmethod
    def all() -> list[Currency]:
        """Returns every currency this build knows, sorted by code."""
    @property
    def code(self) -> str:
        """The three-letter ISO 4217 code in upper case, e.g. ``"USD"``."""
    @property
    def minor_units(self) -> int:
        """Decimal places of the minor unit: 2 for USD, 0 for JPY, 3 for KWD."""
    @property
    def numeric_code(self) -> int:
        """The ISO 4217 numeric code, e.g. 840 for USD."""
    @property
    def is_historical(self) -> bool:
        """True for a code withdrawn from ISO 4217 that still appears in rate files."""
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[Currency], tuple[str]]: ...

@final
class Money:
    """An exact amount in one currency: ``Money(Decimal("12.34"), "USD")`` or
    ``Money("12.34", "USD")``.

    ``amount`` is a ``decimal.Decimal`` or a decimal ``str`` (a float or an int
    raises ``TypeError``); ``currency`` a code or a ``Currency``. Raises
    ``InvalidAmountError`` (``INVALID_AMOUNT``) for text that is not a decimal
    and ``UnknownCurrencyError`` (``UNKNOWN_CURRENCY``) for an unknown code.
    Immutable: arithmetic returns new values, and adding, subtracting or
    ordering two currencies raises ``CurrencyMismatchError``
    (``CURRENCY_MISMATCH``); an overflow raises ``DecimalOverflowError``
    (``DECIMAL_OVERFLOW``). ``==`` is exact (1.0 USD == 1.00 USD). Pickles
    exactly.
    """
    def __new__(cls, amount: Decimal | str, currency: _CurrencyLike) -> Money: ...
    @staticmethod
    def parse(text: str) -> Money:
        """Parses ``"12.34 USD"`` (or ``"USD 12.34"``) into a Money.

        Raises ``InvalidAmountError`` (``INVALID_AMOUNT``) for text that is not an
        amount and a code, ``UnknownCurrencyError`` (``UNKNOWN_CURRENCY``) for an
        unknown code.
        """
    @staticmethod
    def from_minor_units(units: int, currency: _CurrencyLike) -> Money:
        """Returns the amount of ``units`` minor units: ``(1234, "USD")`` is 12.34 USD.

        Raises ``UnknownCurrencyError`` (``UNKNOWN_CURRENCY``), or
        ``DecimalOverflowError`` (``DECIMAL_OVERFLOW``) when it does not fit.
        """
    @property
    def amount(self) -> Decimal:
        """The exact amount as a ``decimal.Decimal`` (scale kept)."""
    @property
    def currency(self) -> str:
        """The ISO 4217 code of the currency, e.g. ``"USD"``."""
    def to_minor_units(self) -> int:
        """Returns the amount as a whole number of minor units (cents for USD).

        Raises ``InvalidAmountError`` (``INVALID_AMOUNT``) when the amount has
        digits finer than the minor unit (round it first).
        """
    def round(self, strategy: _RoundingName = "half_away_from_zero") -> Money:
        """Returns the amount rounded to the currency's minor units.

        ``strategy`` is ``"half_away_from_zero"`` (the default) or ``"half_even"``
        (also spelt ``"bankers"``); another name raises ``InvalidOptionError``
        (``INVALID_OPTION``).
        """
    def to_dict(self) -> dict[str, str]:
        """Returns ``{"amount": "12.34", "currency": "USD"}``: the amount as a string,
        the core's JSON shape.
        """
    def __add__(self, other: Money) -> Money: ...
    def __sub__(self, other: Money) -> Money: ...
    def __neg__(self) -> Money: ...
    def __mul__(self, factor: Decimal | int) -> Money: ...
    def __rmul__(self, factor: Decimal | int) -> Money: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    def __lt__(self, other: Money) -> bool: ...
    def __le__(self, other: Money) -> bool: ...
    def __gt__(self, other: Money) -> bool: ...
    def __ge__(self, other: Money) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[Money], tuple[str, str]]: ...

def allocate(total: Money, weights: Sequence[_NumberLike]) -> list[Money]:
    """Splits ``total`` over ``weights`` by the largest remainder.

    Each weight is a ``Decimal``, an ``int`` or a decimal ``str`` (a float
    raises ``TypeError``). Returns one ``Money`` per weight, in whole minor
    units, adding up to ``total`` exactly. Raises ``AllocationZeroWeightsError``
    (``ALLOCATION_ZERO_WEIGHTS``) when there are no weights or all are zero,
    ``NegativeWeightError`` (``NEGATIVE_WEIGHT``) for a negative weight and
    ``InvalidAmountError`` (``INVALID_AMOUNT``) for a total finer than its minor
    unit or a weight that is not a decimal.
    """
def allocate_equal(total: Money, count: int) -> list[Money]:
    """Splits ``total`` into ``count`` equal shares; the first shares take the leftover minor units.

    Returns ``count`` Money values adding up to ``total``. Raises
    ``AllocationZeroWeightsError`` (``ALLOCATION_ZERO_WEIGHTS``) for a count of
    0 and ``InvalidAmountError`` (``INVALID_AMOUNT``) for a total finer than its
    minor unit.
    """
def validate_manual(total: Money, shares: Sequence[Money]) -> None:
    """Checks shares given by hand against ``total``; returns ``None`` when they are sound.

    Sound shares are whole minor units of the total's currency, none of the
    opposite sign, and add up to exactly ``total``. Otherwise raises
    ``InvalidManualAllocationError`` (``INVALID_MANUAL_ALLOCATION``) or
    ``CurrencyMismatchError`` (``CURRENCY_MISMATCH``); a share that is not a
    Money raises ``TypeError``.
    """

@final
class RateLeg:
    """One stored rate used in a resolution: ``1 base = rate quote`` from ``date``.

    ``inverted`` is True when the rate was walked from quote to base. Made by
    ``RateBook.rate`` and ``RateBook.convert``; compares by value.
    """
    @property
    def base(self) -> str:
        """The base currency code of the stored rate."""
    @property
    def quote(self) -> str:
        """The quote currency code of the stored rate."""
    @property
    def date(self) -> datetime.date:
        """The date the stored rate is effective from, as a ``datetime.date``."""
    @property
    def rate(self) -> Decimal:
        """The stored rate as a ``decimal.Decimal``, as stored (not inverted)."""
    @property
    def inverted(self) -> bool:
        """True when the leg was walked from quote to base (the rate used is ``1 / rate``)."""
    def effective_rate(self) -> Decimal:
        """Returns the rate in the direction walked: ``rate``, or ``1 / rate`` when inverted.

        Raises ``DecimalOverflowError`` (``DECIMAL_OVERFLOW``) if the inverse does
        not fit.
        """
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class ResolvedRate:
    """The rate from one currency to another on a date, with the stored rates it took
    (``RateBook.rate``).
    """
    @property
    def from_currency(self) -> str:
        """The code of the currency converted from."""
    @property
    def to_currency(self) -> str:
        """The code of the currency converted to."""
    @property
    def rate(self) -> Decimal:
        """``1 from_currency = rate to_currency``: the product of the legs' effective
        rates, a ``decimal.Decimal``.
        """
    @property
    def legs(self) -> list[RateLeg]:
        """The stored rates used, in order (empty from a currency to itself)."""

@final
class Conversion:
    """The result of ``RateBook.convert``: the amount, rounded once at the end, and how it was reached."""
    @property
    def amount(self) -> Money:
        """The converted amount as a Money, rounded to the target currency's minor units."""
    @property
    def unrounded(self) -> Decimal:
        """The converted amount before rounding, a ``decimal.Decimal``."""
    @property
    def rate(self) -> Decimal:
        """The overall rate used (the product of the legs' effective rates), a ``decimal.Decimal``."""
    @property
    def legs(self) -> list[RateLeg]:
        """The stored rates used, in order (empty when converting a currency to itself)."""

@final
class EcbLoadSummary:
    """What ``RateBook.load_ecb_csv`` read from an ECB reference-rate file."""
    @property
    def days(self) -> int:
        """The number of data rows (days) read."""
    @property
    def rates(self) -> int:
        """The number of rates stored (cells other than ``N/A``)."""
    @property
    def currencies(self) -> list[str]:
        """The currency codes of the file's columns, in file order."""
    @property
    def first_date(self) -> datetime.date | None:
        """The earliest date in the file as a ``datetime.date``, or ``None`` for a file without rows."""
    @property
    def last_date(self) -> datetime.date | None:
        """The latest date in the file as a ``datetime.date``, or ``None`` for a file without rows."""

@final
class RateBook:
    """Effective-dated exchange rates: ``RateBook()`` or ``RateBook(pivot="EUR")``.

    With a pivot, a pair with no direct or inverse rate is triangulated through
    the pivot currency. Dates are ``datetime.date`` (or ``"YYYY-MM-DD"``) in,
    ``datetime.date`` out; rates are ``Decimal``, ``int`` or decimal ``str``
    (never float). Raises ``UnknownCurrencyError`` (``UNKNOWN_CURRENCY``) for an
    unknown pivot. Pickles with every stored rate, exactly.
    """
    def __new__(cls, pivot: _CurrencyLike | None = None) -> RateBook: ...
    @property
    def pivot(self) -> str | None:
        """The pivot currency code used for triangulation, or ``None``.

        Set it to a code, a ``Currency`` or ``None``; an unknown code raises
        ``UnknownCurrencyError`` (``UNKNOWN_CURRENCY``).
        """
    @pivot.setter
    def pivot(self, pivot: _CurrencyLike | None) -> None: ...
    def __len__(self) -> int: ...
    def insert(
        self,
        base: _CurrencyLike,
        quote: _CurrencyLike,
        date: _DateLike,
        rate: _NumberLike,
        rate_type: _RateTypeName = "spot",
    ) -> None:
        """Stores ``1 base = rate quote`` from ``date`` on, replacing a rate of the same
        pair, type and date.

        ``rate_type`` is ``"spot"`` (the default), ``"monthly_average"`` or
        ``"custom"``. Returns ``None``. Raises ``NonPositiveRateError``
        (``NON_POSITIVE_RATE``) for a rate of zero or less, ``InvalidAmountError``
        (``INVALID_AMOUNT``) for a rate that is not a decimal, ``InvalidDateError``
        (``INVALID_DATE``) for a bad date string, ``UnknownCurrencyError``
        (``UNKNOWN_CURRENCY``) and ``InvalidOptionError`` (``INVALID_OPTION``) for an
        unknown rate type or a base equal to the quote.
        """
    def load_ecb_csv(self, text: str, rate_type: _RateTypeName = "spot") -> EcbLoadSummary:
        """Loads ECB euro reference rates (the text of ``eurofxref-hist.csv``) as rates with base EUR.

        All or nothing: returns an ``EcbLoadSummary`` of what was stored, or raises
        ``InvalidRateFileError`` (``INVALID_RATE_FILE``) and stores nothing. The
        parse runs without holding the GIL.
        """
    def rate(
        self,
        from_currency: _CurrencyLike,
        to_currency: _CurrencyLike,
        date: _DateLike,
        rate_type: _RateTypeName = "spot",
        max_age_days: int | None = 7,
    ) -> ResolvedRate:
        """Returns the ``ResolvedRate`` from ``from_currency`` to ``to_currency`` on ``date``.

        Tries the same currency, the direct pair, the inverse pair, then the path
        through the pivot. ``max_age_days`` (default 7) accepts the latest earlier
        rate at most that many days old; ``None`` accepts only a rate of that exact
        date. Raises ``RateNotFoundError`` (``RATE_NOT_FOUND``) when there is no
        rate, ``RateStaleError`` (``RATE_STALE``) when the latest one is too old,
        ``InvalidDateError`` (``INVALID_DATE``), ``UnknownCurrencyError``
        (``UNKNOWN_CURRENCY``) and ``InvalidOptionError`` (``INVALID_OPTION``) for a
        bad rate type or a negative ``max_age_days``.
        """
    def convert(
        self,
        money: Money,
        to_currency: _CurrencyLike,
        date: _DateLike,
        rate_type: _RateTypeName = "spot",
        max_age_days: int | None = 7,
        rounding: _RoundingName = "half_away_from_zero",
    ) -> Conversion:
        """Converts ``money`` into ``to_currency`` on ``date``, rounding once at the end.

        Finds the rate as ``rate`` does, then rounds with ``rounding``
        (``"half_away_from_zero"`` by default, or ``"half_even"``). Returns a
        ``Conversion``. Raises what ``rate`` raises, ``DecimalOverflowError``
        (``DECIMAL_OVERFLOW``) when the result does not fit, and ``TypeError`` when
        ``money`` is not a Money.
        """
    def __reduce__(self) -> tuple[type[RateBook], tuple[str | None], list[tuple[str, str, str, str, str]]]: ...
    def __setstate__(self, state: list[tuple[str, str, str, str, str]]) -> None: ...

@final
class Book:
    """One legal entity's inventory and ledger, changed only by commands.

    ``Book(config)`` creates an empty book; ``config`` is a dict (see
    ``landed.types.BookConfig``) or its JSON text, e.g.
    ``{"functional_currency": "USD", "valuation_method": "fifo"}``. Commands and
    contexts are dicts shaped like the core's JSON (``landed.types``); events
    and reports come back as dicts, decimal fields as ``decimal.Decimal``.
    A config the core refuses raises ``InvalidCommandError``
    (``INVALID_COMMAND``), ``UnknownAccountError`` (``UNKNOWN_ACCOUNT``) or
    ``MissingPostingRuleError`` (``MISSING_POSTING_RULE``). Safe to share
    between threads. A panic inside a call raises ``InternalError``
    (``INTERNAL``) and every later call ``BookPoisonedError``
    (``BOOK_POISONED``). Pickles as ``Book.restore(book.snapshot())``.
    """

    def __new__(cls, config: BookConfig | str) -> Book: ...
    @classmethod
    def replay(cls, config: BookConfig | str, events: Sequence[RecordedEvent] | str) -> Book:
        """Rebuilds a book from its config and its event log.

        ``events`` is what ``events()`` returned, or the stored log as JSON text
        (e.g. ``events_json()``). Returns the rebuilt Book. Raises
        ``InvalidEventLogError`` (``INVALID_EVENT_LOG``) for a log that does not
        replay (a broken hash chain, an edited event).
        """
    @classmethod
    def replay_lines(cls, config: BookConfig | str, events: str) -> Book:
        """Rebuilds a book from its config and its log as JSON lines (what ``events_lines()`` writes).

        Each event's hash is checked over the text of its line and no Python object
        is made per event. Returns the rebuilt Book. Raises ``InvalidEventLogError``
        (``INVALID_EVENT_LOG``) naming the line or event that does not replay.
        """
    @classmethod
    def restore(cls, snapshot: str) -> Book:
        """Restores a book from the text ``snapshot()`` returned.

        Returns the restored Book. Raises ``InvalidSnapshotError``
        (``INVALID_SNAPSHOT``) for damaged or edited text.
        """
    @property
    def version(self) -> int:
        """The number of commands executed so far (the book's version)."""
    @property
    def head_hash(self) -> str:
        """The hash of the last event as 64 hex digits (all zeros for an empty book).

        Keep it beside the stored log: a log that replays to another head hash was
        truncated or rewritten.
        """
    @property
    def config(self) -> BookConfig:
        """The book's configuration as a dict, every option spelled out."""
    def execute(self, command: Command | str, context: Context | str, *, actor: str | None = None) -> Outcome:
        """Executes one command, all of it or nothing, and returns the outcome.

        ``command`` and ``context`` are dicts (or JSON text); the context's ``at``
        must be a time-zone-aware ``datetime.datetime``. ``actor``, who issued the
        command, is recorded on its events. Returns ``{"version", "duplicate",
        "events"}``; a command id already executed returns the first outcome with
        ``duplicate`` True. A refused command raises the ``LandedError`` subclass of
        its code and changes nothing, e.g. ``InsufficientStockError``
        (``INSUFFICIENT_STOCK``), ``UnknownSkuError`` (``UNKNOWN_SKU``),
        ``InvalidCommandError`` (``INVALID_COMMAND``) for a malformed command,
        ``VersionConflictError`` (``VERSION_CONFLICT``) when ``expected_version`` is
        behind, ``IdempotencyConflictError`` (``IDEMPOTENCY_CONFLICT``) for a
        command id reused for another command. A float, or a naive datetime,
        raises ``TypeError`` before the book is touched.
        """
    def execute_batch(
        self,
        items: Sequence[tuple[Command | str, Context | str]] | str,
        *,
        all_or_nothing: bool = False,
        actor: str | None = None,
    ) -> list[Outcome | LandedError]:
        """Executes ``(command, context)`` pairs in order (or a JSON array of
        ``{"command", "context"}``).

        Returns one entry per pair: the outcome dict, or the ``LandedError``
        instance (returned, not raised) of a refused command. With
        ``all_or_nothing=True`` the first failure undoes the whole batch and ends
        the list. ``actor`` is added to every context. Malformed pairs raise
        ``TypeError``.
        """
    def execute_lines(self, lines: str, *, all_or_nothing: bool = False) -> LinesOutcome:
        """Executes a batch given as JSON lines, one ``{"command", "context"}`` object per line.

        Blank lines are skipped. Returns ``{"version", "executed", "duplicates",
        "events", "errors"}`` (see ``landed.lines.LinesOutcome``): ``events`` is one
        ``str`` of JSON lines to append to the stored log and ``errors`` the refused
        lines as ``{"line", "code", "message"}``. A line that cannot be read raises
        ``InvalidCommandError`` (``INVALID_COMMAND``) naming it before anything
        runs. With ``all_or_nothing=True`` the first failure undoes the batch.
        """
    def events(self) -> list[RecordedEvent]:
        """Returns the event log, oldest first, as a list of dicts (decimal fields as
        ``decimal.Decimal``).

        This is what a host stores and what ``Book.replay`` takes back. For text
        that ``json.dumps`` would refuse to produce from the Decimals, use
        ``events_json()``.
        """
    def events_json(self) -> str:
        """Returns the event log as one JSON text: an array of events, oldest first.

        It is the text the core writes (decimals as strings), so it needs no
        custom JSON encoder: ``json.loads(book.events_json())`` equals
        ``book.events()`` with each ``Decimal`` as its ``str``. ``Book.replay``
        takes it back.
        """
    def events_lines(self) -> str:
        """Returns the event log as JSON lines: one ``str``, one event per line.

        ``Book.replay_lines`` takes it back; it is the format ``execute_lines``
        writes.
        """
    def snapshot(self) -> str:
        """Returns the whole book as JSON text, for ``Book.restore``."""
    def position(self, sku: str, location: str, lot: str | None = None) -> PositionReport:
        """Returns one position (SKU, location and optional lot): units per bucket and value.

        A position never touched comes back with zeros. Raises ``UnknownSkuError``
        (``UNKNOWN_SKU``) or ``UnknownLocationError`` (``UNKNOWN_LOCATION``).
        """
    def stock(self, sku: str) -> StockReport:
        """Returns a SKU's stock across locations, with totals per bucket.

        Raises ``UnknownSkuError`` (``UNKNOWN_SKU``).
        """
    def valuation(self, sku: str | None = None) -> list[ValuationLine]:
        """Returns the valuation lines (units, value, unit cost) of one SKU, or of every
        SKU when ``sku`` is None.

        Raises ``UnknownSkuError`` (``UNKNOWN_SKU``) for a SKU the catalog does not
        know.
        """
    def history(self, sku: str) -> list[Movement]:
        """Returns a SKU's movements, oldest first, with their effect on units and value.

        Raises ``UnknownSkuError`` (``UNKNOWN_SKU``), or ``HistoryNotKeptError``
        (``HISTORY_NOT_KEPT``) for a book that keeps no event log in memory.
        """
    def journal(self) -> list[JournalEntry]:
        """Returns every journal entry, oldest first.

        An entry's ``id`` is the sequence number of its ``journal_posted`` event.
        Raises nothing.
        """
    def trial_balance(self, as_of: _DateLike, filter: LineDimensions | None = None) -> TrialBalance:
        """Returns the trial balance through ``as_of`` (a ``datetime.date`` or ``"YYYY-MM-DD"``).

        ``filter``, if given, is a dimensions dict (``{"sku": "A"}``,
        ``{"location": "SZ", "document": "INV-1"}``...): only journal lines matching
        every given dimension count. Raises ``InvalidDateError`` (``INVALID_DATE``)
        for a bad date string and ``InvalidCommandError`` (``INVALID_COMMAND``) for
        a malformed filter.
        """
    def role_balances(self, as_of: _DateLike, filter: LineDimensions | None = None) -> RoleBalances:
        """Returns every account role's balance through ``as_of`` (inventory, COGS, goods
        in transit...).

        Read through the book's posting rules, so the host needs no account codes:
        ``{"as_of", "roles": [{"role", "accounts", "debit", "credit",
        "balance"}]}``, amounts as ``decimal.Decimal``. ``as_of`` and ``filter`` as
        for ``trial_balance``, with the same errors.
        """
    def account_ledger(self, account: str) -> list[LedgerLine]:
        """Returns one account's postings by date, with the running balance (debit minus
        credit) after each line.

        Raises ``UnknownAccountError`` (``UNKNOWN_ACCOUNT``) for an account not in
        the chart.
        """
    def open_items(self, as_of: _DateLike) -> list[AgedItem]:
        """Returns the open receivables and payables aged on ``as_of`` (a
        ``datetime.date`` or ``"YYYY-MM-DD"``).

        Each item has its days past due and bucket (``0-30``, ``31-60``, ``61-90``
        or ``90+``). Raises ``InvalidDateError`` (``INVALID_DATE``) for a bad date
        string.
        """
    def reconciliation(self) -> list[ReconciliationLine]:
        """Returns inventory value per valuation scope in the stock subledger and in the
        ledger, with the difference.

        The difference is zero unless something posted around the book; goods in
        transit are compared with their account too (scope
        ``"goods_in_transit"``).
        """
    def purchase_orders(self) -> list[PurchaseOrderStatus]:
        """Returns every purchase order with its lines (ordered, received, invoiced and
        outstanding units) and its status.
        """
    def sales_order(self, channel: str, order: str) -> SalesOrderStatus:
        """Returns one sales order with the status of each line.

        Units ordered, reserved, shipped, cancelled, returned and unserved per
        location, the amounts recognised so far and the net cost of what shipped,
        amounts as ``decimal.Decimal``. Raises ``UnknownSalesOrderError``
        (``UNKNOWN_SALES_ORDER``) when the book has no order by that channel and id,
        ``ArchivedError`` (``ARCHIVED``) when ``archive_closed`` removed it.
        """
    def sales_orders(self, channel: str | None = None) -> list[SalesOrderStatus]:
        """Returns every sales order (of one channel, when given), by channel and order
        id, each as ``sales_order`` returns it.

        An unknown channel gives an empty list.
        """
    def order_exceptions(self) -> list[OrderException]:
        """Returns the open exceptions of every sales order.

        Lines selling an unknown listing, units no location could serve, flagged
        addresses and unpaid orders, as ``{"channel", "order", "line"?, "kind",
        "quantity"}``.
        """
    def available_to_sell(self, channel: str, listing: str) -> ListingAvailability:
        """Returns one listing's available-to-sell figure.

        What each serving location can supply, the whole packs together
        (``supply``), the figure after the listing's policy (``available``) and the
        quantity last pushed. Raises ``UnknownChannelError`` (``UNKNOWN_CHANNEL``),
        or ``InvalidCommandError`` (``INVALID_COMMAND``) for a listing the channel
        does not have.
        """
    def stock_to_push(self, channel: str | None = None) -> list[StockToPush]:
        """Returns the quantities to push to channels.

        Every listing (of one channel, when given) whose figure differs from the
        quantity last acknowledged with ``acknowledge_stock_push``, with that
        previous quantity (``None``: never pushed). Raises ``UnknownChannelError``
        (``UNKNOWN_CHANNEL``).
        """
    def reconcile_channel_stock(self, report: ChannelStockReport) -> ChannelStockReconciliation:
        """Compares a channel's own stock report with the book's buckets; changes nothing.

        ``report`` is ``{"format": "shopify" | "fba", "channel"?, "location"?,
        "rows": [...]}``. Returns each differing field with the channel's and the
        book's units, unknown SKUs and listings under ``unmatched``, and totals.
        Raises ``InvalidCommandError`` (``INVALID_COMMAND``, naming the field) for a
        malformed report, ``UnknownChannelError`` (``UNKNOWN_CHANNEL``) or
        ``UnknownLocationError`` (``UNKNOWN_LOCATION``).
        """
    def stock_by_location(self, query: StockByLocationQuery | None = None) -> StockByLocation:
        """Returns stock by SKU, location and bucket, with totals per location and
        overall; changes nothing.

        ``query`` is an optional dict ``{"sku"?, "location"?}``; values come back as
        ``decimal.Decimal``. Raises ``InvalidCommandError`` (``INVALID_COMMAND``) for
        an unknown key, ``UnknownSkuError`` (``UNKNOWN_SKU``) or
        ``UnknownLocationError`` (``UNKNOWN_LOCATION``).
        """
    def inventory_aging(self, query: InventoryAgingQuery) -> InventoryAging:
        """Returns inventory aging by receipt date in Amazon FBA's buckets, per SKU and
        valuation scope; changes nothing.

        ``query`` is ``{"as_of": date or "YYYY-MM-DD", "sku"?}``. Units the book
        cannot date are ``undated``. Raises ``InvalidCommandError``
        (``INVALID_COMMAND``, naming the field) for a malformed query or
        ``UnknownSkuError`` (``UNKNOWN_SKU``).
        """
    def inventory_alerts(self, query: InventoryAlertsQuery) -> InventoryAlerts:
        """Returns alerts that need no demand history; changes nothing.

        Each alert has a ``kind``: ``lot_expired``, ``lot_near_expiry``,
        ``aged_stock`` or ``transfer_late``. ``query`` is ``{"as_of",
        "expiry_within_days"?, "aged_over_days"?}`` (0 to 36,500 days, defaults 90
        and 365). Raises ``InvalidCommandError`` (``INVALID_COMMAND``, naming the
        field) for a malformed query.
        """
    def replenishment(self, query: ReplenishmentQuery) -> Replenishment:
        """Returns replenishment figures as of a date; changes nothing.

        Per SKU and location: daily demand, lead time, safety stock, reorder point,
        order-up-to level and days of supply; purchase and transfer suggestions in
        whole cases; alerts; inbound arrivals. ``query`` is ``{"as_of",
        "window_days"?, "service_level"?, ...}`` (see
        ``landed.types.ReplenishmentQuery``); figures as ``decimal.Decimal``.
        Raises ``InvalidCommandError`` (``INVALID_COMMAND``, naming the field),
        ``UnknownSkuError`` (``UNKNOWN_SKU``) or ``UnknownLocationError``
        (``UNKNOWN_LOCATION``).
        """
    def sales_settlement(self, settlement: str) -> SettlementSummary:
        """Returns one marketplace settlement as the book recorded it.

        Its channel, dates, the orders it paid out, the net paid (a
        ``decimal.Decimal`` in the channel's currency) and the rows it could not
        match. Raises ``UnknownDocumentError`` (``UNKNOWN_DOCUMENT``) when the book
        has no settlement by that id.
        """
    def sales_settlements(self, channel: str | None = None) -> list[SettlementSummary]:
        """Returns every marketplace settlement (of one channel, when given), by id, each
        as ``sales_settlement`` returns it.

        An unknown channel gives an empty list.
        """
    def profit(
        self,
        start: _DateLike,
        end: _DateLike,
        group_by: Literal["order", "sku", "channel", "month"],
        *,
        basis: Literal["shipment", "settlement"] | None = None,
        channel: str | None = None,
    ) -> ProfitReport:
        """Returns what was earned from ``start`` to ``end`` (dates or ``"YYYY-MM-DD"``,
        both included).

        Grouped by ``"order"``, ``"sku"``, ``"channel"`` or ``"month"``: revenue,
        shipping, refunds, cost of goods (landed cost included), return losses,
        fees, advertising, realized FX and profit, as ``decimal.Decimal``.
        ``basis="settlement"`` dates lines by the settlement that paid them out;
        ``channel`` keeps one channel's lines. Raises ``UnknownChannelError``
        (``UNKNOWN_CHANNEL``), ``InvalidCommandError`` (``INVALID_COMMAND``) for a
        bad grouping or basis, ``InvalidDateError`` (``INVALID_DATE``), or
        ``HistoryNotKeptError`` (``HISTORY_NOT_KEPT``) for a book that keeps no
        event log in memory.
        """
    def transfer(self, transfer: str) -> Transfer:
        """Returns one transfer's state: its lines (shipped, accepted, damaged, short),
        the pieces in transit and the milestones.

        Raises ``UnknownDocumentError`` (``UNKNOWN_DOCUMENT``) for an unknown
        transfer.
        """
    def in_transit(self, as_of: _DateLike) -> InTransitReport:
        """Returns the transfers and supplier shipments in transit on ``as_of`` (a
        ``datetime.date`` or ``"YYYY-MM-DD"``), with their value and total.

        Raises ``InvalidDateError`` (``INVALID_DATE``) for a bad date string.
        """
    def landed_cost(self, sku: str | None = None) -> LandedCostReport:
        """Returns landed cost per receipt and transfer line and per SKU (purchase,
        freight, duty... in total and per unit).

        Of one SKU, or of all when ``sku`` is None. Raises ``UnknownSkuError``
        (``UNKNOWN_SKU``).
        """
    def accruals(self) -> list[Accrual]:
        """Returns the landed-cost accruals still open, by bill number.

        Bills accrued with ``accrue_landed_cost`` that vouchers have not fully
        allocated: the bill, its functional amount, what is left (``open``) and the
        vouchers that cleared part of it.
        """
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class Store:
    """A book bound to durable storage (a SQLite file or a PostgreSQL schema).

    ``Store.open(path_or_url, config)`` opens it, creating it with ``config``
    if it does not exist. Every command is written before ``execute`` returns;
    the queries are ``Book``'s, on the stored book. The store's own failures
    raise ``StoreError`` subclasses (codes in ``STORE_CODES``); a refused
    command raises the book's exception, as ``Book`` does. Use it as a context
    manager, or call ``close()``; later calls raise ``StoreIoError``
    (``STORE_IO``). Safe to share between threads.
    """

    @classmethod
    def open(cls, path_or_url: str | os.PathLike[str], config: BookConfig | str) -> Store:
        """Opens the store at ``path_or_url`` (a SQLite path or a ``postgres://`` URL),
        creating it with ``config`` if it does not exist.

        Returns the Store. Raises ``StoreConfigMismatchError``
        (``STORE_CONFIG_MISMATCH``) for a store made for another configuration,
        ``StoreCorruptError`` (``STORE_CORRUPT``) for a stored log that does not
        check out and ``StoreIoError`` (``STORE_IO``) when the database fails.
        """
    @classmethod
    def open_existing(cls, path_or_url: str | os.PathLike[str]) -> Store:
        """Opens an existing store with the configuration it was created with.

        Returns the Store. Raises ``StoreIoError`` (``STORE_IO``) when there is no
        store there, ``StoreCorruptError`` (``STORE_CORRUPT``) for one that does not
        check out.
        """
    @classmethod
    def import_jsonl(
        cls,
        path_or_url: str | os.PathLike[str],
        jsonl_path: str | os.PathLike[str],
        config: BookConfig | str,
    ) -> Store:
        """Creates a new store at ``path_or_url`` from the JSON-lines log in the file ``jsonl_path``.

        Every event is replayed and checked first (what ``export_jsonl`` writes is
        accepted). Returns the new Store. Raises ``StoreCorruptError``
        (``STORE_CORRUPT``) naming a line that does not replay (no store is left
        behind), ``StoreExistsError`` (``STORE_EXISTS``) if a store is already
        there, ``StoreIoError`` (``STORE_IO``) when a file or the database fails.
        """
    @property
    def version(self) -> int:
        """The number of commands executed so far (the book's version)."""
    @property
    def head_hash(self) -> str:
        """The hash of the last event as 64 hex digits (all zeros for an empty book).

        Keep it beside the stored log: a log that replays to another head hash was
        truncated or rewritten.
        """
    @property
    def config(self) -> BookConfig:
        """The book's configuration as a dict, every option spelled out."""
    def execute(self, command: Command | str, context: Context | str, *, actor: str | None = None) -> Outcome:
        """Executes one command and writes its events before returning; returns the
        outcome as ``Book.execute`` does.

        Raises what ``Book.execute`` raises for a refused command, and
        ``StoreConflictError`` (``STORE_CONFLICT``) when another handle wrote first
        (this one has reloaded: execute again) or ``StoreIoError`` (``STORE_IO``)
        when the write fails.
        """
    def execute_batch(
        self,
        items: Sequence[tuple[Command | str, Context | str]] | str,
        *,
        all_or_nothing: bool = False,
        actor: str | None = None,
    ) -> list[Outcome | LandedError]:
        """Executes a batch as ``Book.execute_batch`` does and writes it in one transaction.

        Returns the outcome dict or the exception instance of each entry. A failure
        to write raises ``StoreConflictError`` (``STORE_CONFLICT``) or
        ``StoreIoError`` (``STORE_IO``), and none of the batch is kept.
        """
    def snapshot_now(self) -> int:
        """Writes a snapshot now, so the next open replays only what follows it.

        Returns the ``seq`` of the last event it covers. Raises ``StoreIoError``
        (``STORE_IO``) when the write fails.
        """
    def refresh(self) -> bool:
        """Catches up with other handles' commits; returns True if there were any.

        Writes do not need it; reads that must be current do. Raises
        ``StoreCorruptError`` (``STORE_CORRUPT``) or ``StoreIoError`` (``STORE_IO``).
        """
    def export_jsonl(self, path: str | os.PathLike[str]) -> int:
        """Writes the whole stored log, one event per line, to the file at ``path``
        (replaced if it exists).

        Returns the number of events written. Raises ``StoreIoError``
        (``STORE_IO``) when the file or the database fails.
        """
    def close(self) -> None:
        """Releases the database; later calls raise ``StoreIoError`` (``STORE_IO``), and
        closing again does nothing.
        """
    @property
    def closed(self) -> bool:
        """True once ``close()`` was called."""
    def __enter__(self) -> Store: ...
    def __exit__(
        self,
        _exc_type: type[BaseException] | None = None,
        _exc: BaseException | None = None,
        _traceback: TracebackType | None = None,
    ) -> bool: ...
    def events(self) -> list[RecordedEvent]:
        """Returns the event log, oldest first, as a list of dicts (decimal fields as
        ``decimal.Decimal``).

        This is what a host stores and what ``Book.replay`` takes back. For text
        that ``json.dumps`` would refuse to produce from the Decimals, use
        ``events_json()``.
        """
    def events_json(self) -> str:
        """Returns the event log as one JSON text: an array of events, oldest first.

        It is the text the core writes (decimals as strings), so it needs no
        custom JSON encoder: ``json.loads(book.events_json())`` equals
        ``book.events()`` with each ``Decimal`` as its ``str``. ``Book.replay``
        takes it back.
        """
    def events_lines(self) -> str:
        """Returns the event log as JSON lines: one ``str``, one event per line.

        ``Book.replay_lines`` takes it back; it is the format ``execute_lines``
        writes.
        """
    def snapshot(self) -> str:
        """Returns the whole book as JSON text, for ``Book.restore``."""
    def position(self, sku: str, location: str, lot: str | None = None) -> PositionReport:
        """Returns one position (SKU, location and optional lot): units per bucket and value.

        A position never touched comes back with zeros. Raises ``UnknownSkuError``
        (``UNKNOWN_SKU``) or ``UnknownLocationError`` (``UNKNOWN_LOCATION``).
        """
    def stock(self, sku: str) -> StockReport:
        """Returns a SKU's stock across locations, with totals per bucket.

        Raises ``UnknownSkuError`` (``UNKNOWN_SKU``).
        """
    def valuation(self, sku: str | None = None) -> list[ValuationLine]:
        """Returns the valuation lines (units, value, unit cost) of one SKU, or of every
        SKU when ``sku`` is None.

        Raises ``UnknownSkuError`` (``UNKNOWN_SKU``) for a SKU the catalog does not
        know.
        """
    def history(self, sku: str) -> list[Movement]:
        """Returns a SKU's movements, oldest first, with their effect on units and value.

        Raises ``UnknownSkuError`` (``UNKNOWN_SKU``), or ``HistoryNotKeptError``
        (``HISTORY_NOT_KEPT``) for a book that keeps no event log in memory.
        """
    def journal(self) -> list[JournalEntry]:
        """Returns every journal entry, oldest first.

        An entry's ``id`` is the sequence number of its ``journal_posted`` event.
        Raises nothing.
        """
    def trial_balance(self, as_of: _DateLike, filter: LineDimensions | None = None) -> TrialBalance:
        """Returns the trial balance through ``as_of`` (a ``datetime.date`` or ``"YYYY-MM-DD"``).

        ``filter``, if given, is a dimensions dict (``{"sku": "A"}``,
        ``{"location": "SZ", "document": "INV-1"}``...): only journal lines matching
        every given dimension count. Raises ``InvalidDateError`` (``INVALID_DATE``)
        for a bad date string and ``InvalidCommandError`` (``INVALID_COMMAND``) for
        a malformed filter.
        """
    def role_balances(self, as_of: _DateLike, filter: LineDimensions | None = None) -> RoleBalances:
        """Returns every account role's balance through ``as_of`` (inventory, COGS, goods
        in transit...).

        Read through the book's posting rules, so the host needs no account codes:
        ``{"as_of", "roles": [{"role", "accounts", "debit", "credit",
        "balance"}]}``, amounts as ``decimal.Decimal``. ``as_of`` and ``filter`` as
        for ``trial_balance``, with the same errors.
        """
    def account_ledger(self, account: str) -> list[LedgerLine]:
        """Returns one account's postings by date, with the running balance (debit minus
        credit) after each line.

        Raises ``UnknownAccountError`` (``UNKNOWN_ACCOUNT``) for an account not in
        the chart.
        """
    def open_items(self, as_of: _DateLike) -> list[AgedItem]:
        """Returns the open receivables and payables aged on ``as_of`` (a
        ``datetime.date`` or ``"YYYY-MM-DD"``).

        Each item has its days past due and bucket (``0-30``, ``31-60``, ``61-90``
        or ``90+``). Raises ``InvalidDateError`` (``INVALID_DATE``) for a bad date
        string.
        """
    def reconciliation(self) -> list[ReconciliationLine]:
        """Returns inventory value per valuation scope in the stock subledger and in the
        ledger, with the difference.

        The difference is zero unless something posted around the book; goods in
        transit are compared with their account too (scope
        ``"goods_in_transit"``).
        """
    def purchase_orders(self) -> list[PurchaseOrderStatus]:
        """Returns every purchase order with its lines (ordered, received, invoiced and
        outstanding units) and its status.
        """
    def sales_order(self, channel: str, order: str) -> SalesOrderStatus:
        """Returns one sales order with the status of each line.

        Units ordered, reserved, shipped, cancelled, returned and unserved per
        location, the amounts recognised so far and the net cost of what shipped,
        amounts as ``decimal.Decimal``. Raises ``UnknownSalesOrderError``
        (``UNKNOWN_SALES_ORDER``) when the book has no order by that channel and id,
        ``ArchivedError`` (``ARCHIVED``) when ``archive_closed`` removed it.
        """
    def sales_orders(self, channel: str | None = None) -> list[SalesOrderStatus]:
        """Returns every sales order (of one channel, when given), by channel and order
        id, each as ``sales_order`` returns it.

        An unknown channel gives an empty list.
        """
    def order_exceptions(self) -> list[OrderException]:
        """Returns the open exceptions of every sales order.

        Lines selling an unknown listing, units no location could serve, flagged
        addresses and unpaid orders, as ``{"channel", "order", "line"?, "kind",
        "quantity"}``.
        """
    def available_to_sell(self, channel: str, listing: str) -> ListingAvailability:
        """Returns one listing's available-to-sell figure.

        What each serving location can supply, the whole packs together
        (``supply``), the figure after the listing's policy (``available``) and the
        quantity last pushed. Raises ``UnknownChannelError`` (``UNKNOWN_CHANNEL``),
        or ``InvalidCommandError`` (``INVALID_COMMAND``) for a listing the channel
        does not have.
        """
    def stock_to_push(self, channel: str | None = None) -> list[StockToPush]:
        """Returns the quantities to push to channels.

        Every listing (of one channel, when given) whose figure differs from the
        quantity last acknowledged with ``acknowledge_stock_push``, with that
        previous quantity (``None``: never pushed). Raises ``UnknownChannelError``
        (``UNKNOWN_CHANNEL``).
        """
    def reconcile_channel_stock(self, report: ChannelStockReport) -> ChannelStockReconciliation:
        """Compares a channel's own stock report with the book's buckets; changes nothing.

        ``report`` is ``{"format": "shopify" | "fba", "channel"?, "location"?,
        "rows": [...]}``. Returns each differing field with the channel's and the
        book's units, unknown SKUs and listings under ``unmatched``, and totals.
        Raises ``InvalidCommandError`` (``INVALID_COMMAND``, naming the field) for a
        malformed report, ``UnknownChannelError`` (``UNKNOWN_CHANNEL``) or
        ``UnknownLocationError`` (``UNKNOWN_LOCATION``).
        """
    def stock_by_location(self, query: StockByLocationQuery | None = None) -> StockByLocation:
        """Returns stock by SKU, location and bucket, with totals per location and
        overall; changes nothing.

        ``query`` is an optional dict ``{"sku"?, "location"?}``; values come back as
        ``decimal.Decimal``. Raises ``InvalidCommandError`` (``INVALID_COMMAND``) for
        an unknown key, ``UnknownSkuError`` (``UNKNOWN_SKU``) or
        ``UnknownLocationError`` (``UNKNOWN_LOCATION``).
        """
    def inventory_aging(self, query: InventoryAgingQuery) -> InventoryAging:
        """Returns inventory aging by receipt date in Amazon FBA's buckets, per SKU and
        valuation scope; changes nothing.

        ``query`` is ``{"as_of": date or "YYYY-MM-DD", "sku"?}``. Units the book
        cannot date are ``undated``. Raises ``InvalidCommandError``
        (``INVALID_COMMAND``, naming the field) for a malformed query or
        ``UnknownSkuError`` (``UNKNOWN_SKU``).
        """
    def inventory_alerts(self, query: InventoryAlertsQuery) -> InventoryAlerts:
        """Returns alerts that need no demand history; changes nothing.

        Each alert has a ``kind``: ``lot_expired``, ``lot_near_expiry``,
        ``aged_stock`` or ``transfer_late``. ``query`` is ``{"as_of",
        "expiry_within_days"?, "aged_over_days"?}`` (0 to 36,500 days, defaults 90
        and 365). Raises ``InvalidCommandError`` (``INVALID_COMMAND``, naming the
        field) for a malformed query.
        """
    def replenishment(self, query: ReplenishmentQuery) -> Replenishment:
        """Returns replenishment figures as of a date; changes nothing.

        Per SKU and location: daily demand, lead time, safety stock, reorder point,
        order-up-to level and days of supply; purchase and transfer suggestions in
        whole cases; alerts; inbound arrivals. ``query`` is ``{"as_of",
        "window_days"?, "service_level"?, ...}`` (see
        ``landed.types.ReplenishmentQuery``); figures as ``decimal.Decimal``.
        Raises ``InvalidCommandError`` (``INVALID_COMMAND``, naming the field),
        ``UnknownSkuError`` (``UNKNOWN_SKU``) or ``UnknownLocationError``
        (``UNKNOWN_LOCATION``).
        """
    def sales_settlement(self, settlement: str) -> SettlementSummary:
        """Returns one marketplace settlement as the book recorded it.

        Its channel, dates, the orders it paid out, the net paid (a
        ``decimal.Decimal`` in the channel's currency) and the rows it could not
        match. Raises ``UnknownDocumentError`` (``UNKNOWN_DOCUMENT``) when the book
        has no settlement by that id.
        """
    def sales_settlements(self, channel: str | None = None) -> list[SettlementSummary]:
        """Returns every marketplace settlement (of one channel, when given), by id, each
        as ``sales_settlement`` returns it.

        An unknown channel gives an empty list.
        """
    def profit(
        self,
        start: _DateLike,
        end: _DateLike,
        group_by: Literal["order", "sku", "channel", "month"],
        *,
        basis: Literal["shipment", "settlement"] | None = None,
        channel: str | None = None,
    ) -> ProfitReport:
        """Returns what was earned from ``start`` to ``end`` (dates or ``"YYYY-MM-DD"``,
        both included).

        Grouped by ``"order"``, ``"sku"``, ``"channel"`` or ``"month"``: revenue,
        shipping, refunds, cost of goods (landed cost included), return losses,
        fees, advertising, realized FX and profit, as ``decimal.Decimal``.
        ``basis="settlement"`` dates lines by the settlement that paid them out;
        ``channel`` keeps one channel's lines. Raises ``UnknownChannelError``
        (``UNKNOWN_CHANNEL``), ``InvalidCommandError`` (``INVALID_COMMAND``) for a
        bad grouping or basis, ``InvalidDateError`` (``INVALID_DATE``), or
        ``HistoryNotKeptError`` (``HISTORY_NOT_KEPT``) for a book that keeps no
        event log in memory.
        """
    def transfer(self, transfer: str) -> Transfer:
        """Returns one transfer's state: its lines (shipped, accepted, damaged, short),
        the pieces in transit and the milestones.

        Raises ``UnknownDocumentError`` (``UNKNOWN_DOCUMENT``) for an unknown
        transfer.
        """
    def in_transit(self, as_of: _DateLike) -> InTransitReport:
        """Returns the transfers and supplier shipments in transit on ``as_of`` (a
        ``datetime.date`` or ``"YYYY-MM-DD"``), with their value and total.

        Raises ``InvalidDateError`` (``INVALID_DATE``) for a bad date string.
        """
    def landed_cost(self, sku: str | None = None) -> LandedCostReport:
        """Returns landed cost per receipt and transfer line and per SKU (purchase,
        freight, duty... in total and per unit).

        Of one SKU, or of all when ``sku`` is None. Raises ``UnknownSkuError``
        (``UNKNOWN_SKU``).
        """
    def accruals(self) -> list[Accrual]:
        """Returns the landed-cost accruals still open, by bill number.

        Bills accrued with ``accrue_landed_cost`` that vouchers have not fully
        allocated: the bill, its functional amount, what is left (``open``) and the
        vouchers that cleared part of it.
        """

class LandedError(Exception):
    """Base class of every error raised by landed.

    ``code`` is the stable machine code, e.g. ``"RATE_NOT_FOUND"``; each
    subclass stands for one code (see ``CODES`` and ``EXCEPTIONS_BY_CODE``).
    """
    #: The stable machine code, e.g. "RATE_NOT_FOUND".
    code: str

class CurrencyMismatchError(LandedError):
    """Two amounts in different currencies were combined. Code ``CURRENCY_MISMATCH``."""
class UnknownCurrencyError(LandedError):
    """The code is not an ISO 4217 currency with a minor unit. Code ``UNKNOWN_CURRENCY``."""
class DecimalOverflowError(LandedError):
    """An arithmetic result does not fit in a 96-bit decimal. Code ``DECIMAL_OVERFLOW``."""
class InvalidAmountError(LandedError):
    """An amount could not be parsed or is not acceptable here. Code ``INVALID_AMOUNT``."""
class AllocationZeroWeightsError(LandedError):
    """Allocation over weights that are all zero (or none). Code ``ALLOCATION_ZERO_WEIGHTS``."""
class NegativeWeightError(LandedError):
    """A negative allocation weight. Code ``NEGATIVE_WEIGHT``."""
class InvalidManualAllocationError(LandedError):
    """Manual shares that do not add up to the total. Code ``INVALID_MANUAL_ALLOCATION``."""
class RateNotFoundError(LandedError):
    """No rate for a pair on a date under the lookup policy. Code ``RATE_NOT_FOUND``."""
class RateStaleError(LandedError):
    """The latest earlier rate is older than the policy allows. Code ``RATE_STALE``."""
class NonPositiveRateError(LandedError):
    """A rate that is zero or negative. Code ``NON_POSITIVE_RATE``."""
class InvalidRateFileError(LandedError):
    """A rate file that cannot be read. Code ``INVALID_RATE_FILE``."""
class InvalidDateError(LandedError):
    """A date string that is not YYYY-MM-DD. Code ``INVALID_DATE``."""
class InvalidOptionError(LandedError):
    """An option (rate type, rounding strategy...) with an unknown value. Code ``INVALID_OPTION``."""
class UnknownSkuError(LandedError):
    """A SKU code that the catalog does not know. Code ``UNKNOWN_SKU``."""
class UnknownLocationError(LandedError):
    """A location code that the book does not know. Code ``UNKNOWN_LOCATION``."""
class UnknownLotError(LandedError):
    """A lot number not received for this SKU. Code ``UNKNOWN_LOT``."""
class DuplicateCodeError(LandedError):
    """A code that is already defined (SKU, bundle, location, stocktake...). Code ``DUPLICATE_CODE``."""
class SkuInactiveError(LandedError):
    """A deactivated SKU used in a movement. Code ``SKU_INACTIVE``."""
class SkuHasStockError(LandedError):
    """Deactivating a SKU that still has stock. Code ``SKU_HAS_STOCK``."""
class InvalidQuantityError(LandedError):
    """A quantity that is zero, negative or out of range where that makes no sense.
    Code ``INVALID_QUANTITY``.
    """
class InsufficientStockError(LandedError):
    """Not enough units in a bucket. Code ``INSUFFICIENT_STOCK``."""
class LotRuleError(LandedError):
    """A lot rule broken (lot missing for a lot-tracked SKU, or given for one that is
    not). Code ``LOT_RULE``.
    """
class LocationFrozenError(LandedError):
    """A location frozen by an open stocktake. Code ``LOCATION_FROZEN``."""
class StocktakeStateError(LandedError):
    """A stocktake that does not exist or is not open. Code ``STOCKTAKE_STATE``."""
class InvalidCommandError(LandedError):
    """A malformed command. Code ``INVALID_COMMAND``."""
class IdempotencyConflictError(LandedError):
    """A command id reused for a different command. Code ``IDEMPOTENCY_CONFLICT``."""
class VersionConflictError(LandedError):
    """The book moved on since the host read its version. Code ``VERSION_CONFLICT``."""
class InvalidEventLogError(LandedError):
    """An event log or snapshot that cannot be replayed. Code ``INVALID_EVENT_LOG``."""
class UnknownAccountError(LandedError):
    """An account code that is not in the chart. Code ``UNKNOWN_ACCOUNT``."""
class MissingPostingRuleError(LandedError):
    """A ledger set-up without a rule (without conditions) for a role every book
    posts. Code ``MISSING_POSTING_RULE``.
    """
class UnbalancedEntryError(LandedError):
    """A journal entry whose debits and credits differ, or with a malformed line.
    Code ``UNBALANCED_ENTRY``.
    """
class PeriodLockedError(LandedError):
    """A posting dated on or before the period lock (or a lock moved back). Code ``PERIOD_LOCKED``."""
class UnknownDocumentError(LandedError):
    """A document number that is not open in the book. Code ``UNKNOWN_DOCUMENT``."""
class SettlementTooLargeError(LandedError):
    """A settlement larger than the amount still open on its document. Code ``SETTLEMENT_TOO_LARGE``."""
class EntryStateError(LandedError):
    """A journal entry that does not exist or cannot be reversed (e.g. already
    reversed). Code ``ENTRY_STATE``.
    """
class OverReceiptError(LandedError):
    """A receipt beyond what a purchase order line accepts, tolerance included. Code ``OVER_RECEIPT``."""
class DocumentStateError(LandedError):
    """A document (purchase order, transfer, voucher...) that cannot do what was
    asked in its current state. Code ``DOCUMENT_STATE``.
    """
class QuantityExceededError(LandedError):
    """More units than a document line holds (shipping beyond what is committed,
    invoicing beyond what was received...). Code ``QUANTITY_EXCEEDED``.
    """
class ZeroAllocationBasisError(LandedError):
    """A landed-cost method whose basis is zero on every target line. Code ``ZERO_ALLOCATION_BASIS``."""
class QuantityOverflowError(LandedError):
    """A quantity sum that would leave the 64-bit range (positions, documents,
    replayed logs); the book is unchanged. Code ``QUANTITY_OVERFLOW``.
    """
class BookPoisonedError(LandedError):
    """A book refusing every call after an internal fault in the middle of a command:
    restore it from a snapshot or replay its events. Code ``BOOK_POISONED``.
    """
class InvalidSnapshotError(LandedError):
    """A snapshot that restore refuses (damaged or edited: checksum, head hash,
    structure, unknown key). Code ``INVALID_SNAPSHOT``.
    """
class InternalError(LandedError):
    """A bug caught at the binding boundary (a Rust panic); please report it. Code ``INTERNAL``."""
class UnknownChannelError(LandedError):
    """A sales channel code that the book does not know. Code ``UNKNOWN_CHANNEL``."""
class UnknownSalesOrderError(LandedError):
    """A sales order (channel and order id) that the book does not know. Code ``UNKNOWN_SALES_ORDER``."""
class OverShipmentError(LandedError):
    """Shipping more units of an order line than it has reserved at the location.
    Code ``OVER_SHIPMENT``.
    """
class OverReturnError(LandedError):
    """Returning more units of an order line than were shipped and not yet returned.
    Code ``OVER_RETURN``.
    """
class OverRefundError(LandedError):
    """Refunding more of an order line's revenue, shipping or tax than its shipments
    recognised and earlier refunds left. Code ``OVER_REFUND``.
    """
class OverCancellationError(LandedError):
    """Cancelling more units of an order line than are still open. Code ``OVER_CANCELLATION``."""
class RestatementRefusedError(LandedError):
    """A restated order that takes a line below what shipped, or changes what a
    shipped line sold. Code ``RESTATEMENT_REFUSED``.
    """
class HistoryNotKeptError(LandedError):
    """A history report (journal by account, stock history, profit) asked of a book
    that keeps no event log in memory. Code ``HISTORY_NOT_KEPT``.
    """
class ArchivedError(LandedError):
    """A sales order or document number that archive_closed removed from the book's
    state. Code ``ARCHIVED``.
    """

class StoreError(LandedError):
    """Base class of a durable store's own failures; ``code`` is one of ``STORE_CODES``."""

class StoreConflictError(StoreError):
    """Another handle or process wrote to the store first; this handle has reloaded:
    execute the command again. Code ``STORE_CONFLICT``.
    """

class StoreCorruptError(StoreError):
    """The store does not hold a sound book (an edited or missing event, a snapshot
    or head that does not match the log, an import line that does not replay).
    Code ``STORE_CORRUPT``.
    """

class StoreExistsError(StoreError):
    """An import would overwrite an existing store. Code ``STORE_EXISTS``."""

class StoreIoError(StoreError):
    """The database or a file failed (a missing store, a lock held past the busy
    timeout, a full disk, a closed handle...). Code ``STORE_IO``.
    """

class StoreConfigMismatchError(StoreError):
    """The store was created for another book configuration than the one given to
    open it. Code ``STORE_CONFIG_MISMATCH``.
    """

def _panic_for_tests(message: str) -> None: ...
def _panic_in_book_for_tests(book: Book) -> None: ...
