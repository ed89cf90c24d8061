// The typed face of Book and Store: commands, contexts, outcomes and reports
// as the classes generated in Types.kt (bindings-mobile/tools/gen_types.py)
// instead of JSON strings. Every function here only converts: it writes its
// arguments with toJson(), calls the JSON method of the same name and reads
// the answer with fromJson(). Failures are the LandedException of that call.
package dev.landed

import java.time.Instant
import java.time.LocalDate

/** The context of a command: shorthand for `Context(at, commandId, …)`. */
fun context(at: Instant, commandId: String, expectedVersion: Long? = null, actor: String? = null): Context =
    Context(at = at, commandId = commandId, expectedVersion = expectedVersion, actor = actor)

/** Executes [command] with [context]; the whole command or nothing. */
fun Book.execute(command: Command, context: Context): Outcome =
    Outcome.fromJson(execute(command.toJson(), context.toJson()))

/** Executes [command] at [at] under the idempotency key [commandId]. */
fun Book.execute(
    command: Command,
    at: Instant,
    commandId: String,
    expectedVersion: Long? = null,
    actor: String? = null,
): Outcome = execute(command, context(at, commandId, expectedVersion, actor))

/** Executes [command] with [context] and writes its events before returning. */
fun Store.execute(command: Command, context: Context): Outcome =
    Outcome.fromJson(execute(command.toJson(), context.toJson()))

/** Executes [command] at [at] under the idempotency key [commandId]. */
fun Store.execute(
    command: Command,
    at: Instant,
    commandId: String,
    expectedVersion: Long? = null,
    actor: String? = null,
): Outcome = execute(command, context(at, commandId, expectedVersion, actor))

/** Opens a book with a typed configuration. */
fun bookOf(config: BookConfig): Book = Book(config.toJson())

/** The book's reports as typed classes. */
val Book.reports: Reports get() = Reports(this, null)

/** The reports of the book the store keeps, as typed classes. */
val Store.reports: Reports get() = Reports(null, this)

/**
 * The read-only queries of a Book or a Store, each answer read into its
 * generated class. The methods take the arguments of the JSON methods of
 * the same name (queries as their generated classes).
 */
class Reports internal constructor(private val book: Book?, private val store: Store?) {
    private inline fun ask(onBook: (Book) -> String, onStore: (Store) -> String): String =
        if (book != null) onBook(book) else onStore(store!!)

    private inline fun <T> list(json: String, item: (Any?) -> T): List<T> =
        LandedJson.list(LandedJson.parse(json)).map(item)

    /** The configuration, every option spelled out. */
    fun config(): BookConfig = BookConfig.fromJson(ask({ it.config() }, { it.config() }))

    /** The event log, oldest first. */
    fun events(): List<RecordedEvent> =
        list(ask({ it.events() }, { it.events() })) { RecordedEvent.fromJsonValue(it) }

    /** One position (SKU at a location, and lot). */
    fun position(sku: String, location: String, lot: String? = null): PositionReport =
        PositionReport.fromJson(ask({ it.position(sku, location, lot) }, { it.position(sku, location, lot) }))

    /** A SKU's stock across locations and lots. */
    fun stock(sku: String): StockReport = StockReport.fromJson(ask({ it.stock(sku) }, { it.stock(sku) }))

    /** Valuation lines of one SKU, or of all when [sku] is null. */
    fun valuation(sku: String? = null): List<ValuationLine> =
        list(ask({ it.valuation(sku) }, { it.valuation(sku) })) { ValuationLine.fromJsonValue(it) }

    /** Every movement of a SKU, oldest first. */
    fun history(sku: String): List<Movement> =
        list(ask({ it.history(sku) }, { it.history(sku) })) { Movement.fromJsonValue(it) }

    /** Every journal entry, oldest first. */
    fun journal(): List<JournalEntry> =
        list(ask({ it.journal() }, { it.journal() })) { JournalEntry.fromJsonValue(it) }

    /** The trial balance through [asOf] (inclusive). */
    fun trialBalance(asOf: LocalDate, filter: LineFilter? = null): TrialBalance =
        TrialBalance.fromJson(ask({ it.trialBalance(asOf, filter) }, { it.trialBalance(asOf, filter) }))

    /** Every account role's balance through [asOf] (inclusive). */
    fun roleBalances(asOf: LocalDate, filter: LineFilter? = null): RoleBalances =
        RoleBalances.fromJson(ask({ it.roleBalances(asOf, filter) }, { it.roleBalances(asOf, filter) }))

    /** An account's postings with the running balance. */
    fun accountLedger(account: String): List<LedgerLine> =
        list(ask({ it.accountLedger(account) }, { it.accountLedger(account) })) { LedgerLine.fromJsonValue(it) }

    /** Open receivables and payables aged on [asOf]. */
    fun openItems(asOf: LocalDate): List<AgedItem> =
        list(ask({ it.openItems(asOf) }, { it.openItems(asOf) })) { AgedItem.fromJsonValue(it) }

    /** The inventory account against the stock's value. */
    fun reconciliation(): List<ReconciliationLine> =
        list(ask({ it.reconciliation() }, { it.reconciliation() })) { ReconciliationLine.fromJsonValue(it) }

    /** Every purchase order with its lines' progress. */
    fun purchaseOrders(): List<PurchaseOrderStatus> =
        list(ask({ it.purchaseOrders() }, { it.purchaseOrders() })) { PurchaseOrderStatus.fromJsonValue(it) }

    /** One sales order. */
    fun salesOrder(channel: String, order: String): SalesOrderStatus =
        SalesOrderStatus.fromJson(ask({ it.salesOrder(channel, order) }, { it.salesOrder(channel, order) }))

    /** Every sales order (of one channel, when given). */
    fun salesOrders(channel: String? = null): List<SalesOrderStatus> =
        list(ask({ it.salesOrders(channel) }, { it.salesOrders(channel) })) { SalesOrderStatus.fromJsonValue(it) }

    /** The sales orders that need attention. */
    fun orderExceptions(): List<OrderException> =
        list(ask({ it.orderExceptions() }, { it.orderExceptions() })) { OrderException.fromJsonValue(it) }

    /** One listing's available-to-sell figure. */
    fun availableToSell(channel: String, listing: String): ListingAvailability =
        ListingAvailability.fromJson(
            ask({ it.availableToSell(channel, listing) }, { it.availableToSell(channel, listing) }),
        )

    /** The quantities to push to the channels. */
    fun stockToPush(channel: String? = null): List<StockToPush> =
        list(ask({ it.stockToPush(channel) }, { it.stockToPush(channel) })) { StockToPush.fromJsonValue(it) }

    /** A channel's stock report compared with the book. */
    fun reconcileChannelStock(report: ChannelStockReport): ChannelStockReconciliation =
        ChannelStockReconciliation.fromJson(
            ask({ it.reconcileChannelStock(report.toJson()) }, { it.reconcileChannelStock(report.toJson()) }),
        )

    /** Stock by SKU, location and bucket. */
    fun stockByLocation(query: StockByLocationQuery? = null): StockByLocation =
        StockByLocation.fromJson(
            ask({ it.stockByLocation(query?.toJson()) }, { it.stockByLocation(query?.toJson()) }),
        )

    /** Inventory aging on the query's date. */
    fun inventoryAging(query: InventoryAgingQuery): InventoryAging =
        InventoryAging.fromJson(ask({ it.inventoryAging(query.toJson()) }, { it.inventoryAging(query.toJson()) }))

    /** Expiry, stock-out and aging alerts. */
    fun inventoryAlerts(query: InventoryAlertsQuery): InventoryAlerts =
        InventoryAlerts.fromJson(ask({ it.inventoryAlerts(query.toJson()) }, { it.inventoryAlerts(query.toJson()) }))

    /** Replenishment suggestions. */
    fun replenishment(query: ReplenishmentQuery): Replenishment =
        Replenishment.fromJson(ask({ it.replenishment(query.toJson()) }, { it.replenishment(query.toJson()) }))

    /** One marketplace settlement. */
    fun salesSettlement(settlement: String): SettlementSummary =
        SettlementSummary.fromJson(ask({ it.salesSettlement(settlement) }, { it.salesSettlement(settlement) }))

    /** Every marketplace settlement (of one channel, when given). */
    fun salesSettlements(channel: String? = null): List<SettlementSummary> =
        list(ask({ it.salesSettlements(channel) }, { it.salesSettlements(channel) })) {
            SettlementSummary.fromJsonValue(it)
        }

    /** What was earned from [from] to [to] (both included), grouped by [groupBy]. */
    fun profit(
        from: LocalDate,
        to: LocalDate,
        groupBy: ProfitGroup,
        basis: ProfitBasis? = null,
        channel: String? = null,
    ): ProfitReport = ProfitReport.fromJson(
        ask({ it.profit(from, to, groupBy, basis, channel) }, { it.profit(from, to, groupBy, basis, channel) }),
    )

    /** One transfer. */
    fun transfer(id: String): Transfer = Transfer.fromJson(ask({ it.transfer(id) }, { it.transfer(id) }))

    /** The goods in transit on [asOf]. */
    fun inTransit(asOf: LocalDate): InTransitReport =
        InTransitReport.fromJson(ask({ it.inTransit(asOf) }, { it.inTransit(asOf) }))

    /** Landed cost per receipt and per SKU (of one SKU, when given). */
    fun landedCost(sku: String? = null): LandedCostReport =
        LandedCostReport.fromJson(ask({ it.landedCost(sku) }, { it.landedCost(sku) }))

    /** The accruals and what is left of them. */
    fun accruals(): List<Accrual> =
        list(ask({ it.accruals() }, { it.accruals() })) { Accrual.fromJsonValue(it) }
}
