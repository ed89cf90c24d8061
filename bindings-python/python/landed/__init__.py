"""landed: exact money, allocation, FX rates and the inventory book with its ledger, computed by a Rust core.

Amounts are ``decimal.Decimal`` in and out, never floats (a ``str`` such as
``"12.34"`` is accepted too). Every failure is a ``LandedError`` subclass with
a stable ``code`` such as ``"RATE_NOT_FOUND"``. ``Book`` takes commands as
dicts and returns events and reports (journal, trial balance, account ledger,
open items, reconciliation, purchase orders, transfers, goods in transit,
landed cost) as dicts; ``landed.types`` describes them
(TypedDicts generated from the core's JSON Schema). ``Store`` is a ``Book``
bound to durable storage (a SQLite file or PostgreSQL): ``Store.open(path_or_url,
config)``, the same commands and queries, every command written before it
returns; its own failures raise ``StoreError`` subclasses.

The JSON Schemas of those dicts ship inside the package:
``landed.schema_path("command")`` is the path of ``command.schema.json``, and
``landed.schema_path()`` the folder that holds them all.
"""

from pathlib import Path as _Path

from landed._landed import (
    Book,
    BookPoisonedError,
    CODES,
    DECIMAL_FIELDS,
    EXCEPTIONS_BY_CODE,
    __version__,
    allocate,
    allocate_equal,
    AllocationZeroWeightsError,
    Conversion,
    Currency,
    CurrencyMismatchError,
    DecimalOverflowError,
    DocumentStateError,
    DuplicateCodeError,
    EcbLoadSummary,
    EntryStateError,
    HistoryNotKeptError,
    ArchivedError,
    IdempotencyConflictError,
    InsufficientStockError,
    InternalError,
    InvalidAmountError,
    InvalidCommandError,
    InvalidDateError,
    InvalidEventLogError,
    InvalidManualAllocationError,
    InvalidOptionError,
    InvalidQuantityError,
    InvalidRateFileError,
    InvalidSnapshotError,
    LandedError,
    LocationFrozenError,
    LotRuleError,
    MissingPostingRuleError,
    Money,
    NegativeWeightError,
    NonPositiveRateError,
    OverCancellationError,
    OverReceiptError,
    OverRefundError,
    OverReturnError,
    OverShipmentError,
    PeriodLockedError,
    QuantityExceededError,
    QuantityOverflowError,
    RateBook,
    RateLeg,
    RateNotFoundError,
    RateStaleError,
    ResolvedRate,
    RestatementRefusedError,
    SettlementTooLargeError,
    SkuHasStockError,
    SkuInactiveError,
    StocktakeStateError,
    Store,
    StoreConfigMismatchError,
    StoreConflictError,
    StoreCorruptError,
    StoreError,
    StoreExistsError,
    StoreIoError,
    STORE_CODES,
    UnbalancedEntryError,
    UnknownAccountError,
    UnknownChannelError,
    UnknownCurrencyError,
    UnknownDocumentError,
    UnknownLocationError,
    UnknownLotError,
    UnknownSalesOrderError,
    UnknownSkuError,
    validate_manual,
    VersionConflictError,
    ZeroAllocationBasisError,
)


def schema_path(name: str | None = None) -> _Path:
    """Returns the path of a JSON Schema shipped in the package, or of their folder.

    ``name`` is the schema's stem (``"command"``, ``"recorded-event"``...) or
    its file name (``"command.schema.json"``); without it the folder is
    returned. These are the same files as ``docs/schema`` in the repository:
    the shapes ``Book`` takes and returns, exported from the core's types.
    Raises ``FileNotFoundError`` for a name that is not a shipped schema.
    """
    folder = _Path(__file__).resolve().parent / "schema"
    if name is None:
        return folder
    file = name if name.endswith(".schema.json") else f"{name}.schema.json"
    path = folder / file
    if "/" in file or "\\" in file or not path.is_file():
        raise FileNotFoundError(f"no schema named {name!r} in {folder}")
    return path

__all__ = [
    "Book",
    "BookPoisonedError",
    "CODES",
    "DECIMAL_FIELDS",
    "EXCEPTIONS_BY_CODE",
    "__version__",
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
    "HistoryNotKeptError",
    "ArchivedError",
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
    "schema_path",
]
