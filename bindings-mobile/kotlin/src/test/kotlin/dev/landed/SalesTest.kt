package dev.landed

import java.io.File
import java.math.BigDecimal
import java.time.LocalDate
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

// Selling: the book of tests/data/sales-book.json (the core's sales_book: a
// Shopify order of 5 lamps split 3 + 2 between the 3PL in Los Angeles and
// Shenzhen, and an order for a listing the channel does not know), shipped,
// returned and refused as in core/tests/sales.rs. The reports are
// salesOrder, salesOrders and orderExceptions (JSON text); amounts are exact
// decimal strings, read as BigDecimal.
class SalesTest {
    internal fun salesBook(): Book = fixtureBook("sales-book.json")

    private fun Book.run(day: String, id: String, command: JSONObject): JSONObject =
        JSONObject(execute(command.toString(), obj("at" to "${day}T09:00:00Z", "command_id" to id).toString()))

    private fun Book.order(channel: String, order: String) = JSONObject(salesOrder(channel, order))

    private val ship1001 = obj("type" to "ship_sales_order", "channel" to "shop-us", "order" to "1001", "shipment" to "S-1001")

    @Test
    fun `the split order is reserved 3 in Los Angeles and 2 in Shenzhen`() {
        val book = salesBook()
        val order = book.order("shop-us", "1001")
        assertEquals(listOf("shop-us", "1001", "2026-11-20", "USD"), listOf("channel", "order", "date", "currency").map { order.getString(it) })
        assertEquals(0, order.getInt("revision"))
        val line = order.getJSONArray("lines").objects().single()
        assertEquals("lamp-black", line.getString("listing"))
        assertEquals(listOf(5, 5, 0, 0), listOf("ordered", "reserved", "shipped", "unserved").map { line.getInt(it) })
        val at = line.getJSONArray("locations").objects().map { it.getString("location") to it.getInt("reserved") }
        assertEquals(listOf("LA" to 3, "SZ" to 2), at)
        assertEquals(0, line.decimal("net_cost").signum())
        assertEquals(listOf("1001", "1002"), JSONArray(book.salesOrders()).objects().map { it.getString("order") })
        assertEquals(listOf("1001", "1002"), JSONArray(book.salesOrders("shop-us")).objects().map { it.getString("order") })
        assertEquals(0, JSONArray(book.salesOrders("amazon-de")).length())
        val exception = JSONArray(book.orderExceptions()).objects().single()
        assertEquals(listOf("shop-us", "1002", "1", "unknown_listing"), listOf("channel", "order", "line", "kind").map { exception.getString(it) })
        assertEquals(1, exception.getInt("quantity"))
    }

    @Test
    fun `shipping the split order costs 24 and 14 and leaves 138 receivable`() {
        val book = salesBook()
        val out = book.run("2026-11-21", "ship-1001", ship1001)
        assertEquals(
            listOf(
                "Dr 5000 24.00, Cr 1300 24.00",
                "Dr 5000 14.00, Cr 1300 14.00",
                "Dr 1250 138.00, Cr 4000 75.00, Cr 4050 3.00, Cr 2450 4.80, Cr 4000 50.00, Cr 4050 2.00, Cr 2450 3.20",
            ),
            out.vouchers(),
        )
        val order = book.order("shop-us", "1001")
        assertEquals(listOf("S-1001"), order.getJSONArray("shipments").toList())
        val line = order.getJSONArray("lines").objects().single()
        assertEquals(listOf(0, 5, 0), listOf("reserved", "shipped", "unserved").map { line.getInt(it) })
        val recognised = line.getJSONObject("recognised")
        assertEquals(dec("125.00"), recognised.decimal("principal"))
        assertEquals(dec("5.00"), recognised.decimal("shipping"))
        assertEquals(dec("8.00"), recognised.decimal("tax"))
        assertEquals(dec("38.00"), line.decimal("net_cost"))
        val item = JSONArray(book.openItems(day("2026-11-30"))).objects().single { it.getString("document") == "S-1001" }
        assertEquals(dec("138.00"), item.amount("open"))
        assertEquals("USD", item.getJSONObject("open").getString("currency"))
    }

    @Test
    fun `an FBA order in euros at the book's rate`() {
        val book = salesBook()
        book.run("2026-11-19", "rates", obj("type" to "record_rates", "entries" to JSONArray().put(obj("base" to "EUR", "quote" to "USD", "date" to "2026-11-19", "rate" to "1.10"))))
        book.run(
            "2026-11-19", "amazon",
            obj(
                "type" to "define_channel", "code" to "amazon-de", "name" to "Amazon DE", "kind" to "amazon", "currency" to "EUR",
                "fba_location" to "FBA-US", "locations" to JSONArray().put(obj("location" to "SZ")),
            ),
        )
        book.run("2026-11-19", "asin", obj("type" to "define_listing", "channel" to "amazon-de", "listing" to "B0LAMP01", "sku" to "LAMP"))
        val fbaLine = obj(
            "line" to "1", "listing" to "B0LAMP01", "quantity" to 2, "unit_price" to "29.90",
            "discount" to "5.00", "tax" to "10.41", "marketplace_tax" to true,
        )
        book.run(
            "2026-11-20", "A-1",
            obj(
                "type" to "ingest_sales_order", "channel" to "amazon-de", "order" to "302-1", "date" to "2026-11-20",
                "fulfilment" to "channel", "lines" to JSONArray().put(fbaLine),
            ),
        )
        val order = JSONArray(book.salesOrders("amazon-de")).objects().single()
        assertEquals(listOf("EUR", "channel"), listOf(order.getString("currency"), order.getString("fulfilment")))
        val out = book.run("2026-11-21", "A-1/ship", obj("type" to "ship_sales_order", "channel" to "amazon-de", "order" to "302-1", "shipment" to "AMZ-302-1"))
        // 2 x 9.00 of cost; 54.80 EUR of revenue at 1.10 = 60.28 USD; the
        // marketplace's 10.41 EUR of tax (11.45 USD); receivable 65.21 EUR.
        assertEquals(listOf("Dr 5000 18.00, Cr 1300 18.00", "Dr 1250 71.73, Cr 4000 60.28, Cr 2460 11.45"), out.vouchers())
        val line = book.order("amazon-de", "302-1").getJSONArray("lines").objects().single()
        assertEquals(dec("18.00"), line.decimal("net_cost"))
        val item = JSONArray(book.openItems(day("2026-11-30"))).objects().single { it.getString("document") == "AMZ-302-1" }
        assertEquals(dec("65.21"), item.amount("open"))
        assertEquals("EUR", item.getJSONObject("open").getString("currency"))
    }

    @Test
    fun `a return graded damaged comes back at its cost`() {
        val book = salesBook()
        book.run("2026-11-21", "ship-1001", ship1001)
        val out = book.run(
            "2026-11-25", "rma-1",
            obj(
                "type" to "receive_sales_return", "channel" to "shop-us", "order" to "1001", "line" to "1", "quantity" to 1,
                "grade" to "damaged", "location" to "SZ", "reason" to "cracked shade",
            ),
        )
        // Shipped 3 x 8.00 + 2 x 7.00 = 38.00 for 5: one back at 7.60.
        assertEquals(listOf("Dr 1300 7.60, Cr 5000 7.60"), out.vouchers())
        val line = book.order("shop-us", "1001").getJSONArray("lines").objects().single()
        assertEquals(listOf(5, 1), listOf(line.getInt("shipped"), line.getInt("returned")))
        assertEquals(dec("30.40"), line.decimal("net_cost"))
        assertEquals(1, JSONObject(book.position("LAMP", "SZ", null)).getJSONObject("quantities").getInt("damaged"))
    }

    @Test
    fun `over-shipment is refused with the book unchanged`() {
        val book = salesBook()
        val before = book.snapshot()
        val version = book.version()
        val tooMany = JSONObject(ship1001.toString()).put("shipment", "S-1")
            .put("lines", JSONArray().put(obj("line" to "1", "location" to "LA", "quantity" to 4)))
        expectCode("OVER_SHIPMENT") { book.run("2026-11-21", "ship-too-many", tooMany) }
        expectCode("UNKNOWN_CHANNEL") { book.run("2026-11-21", "ship-channel", JSONObject(ship1001.toString()).put("channel", "ebay")) }
        assertEquals(before, book.snapshot())
        assertEquals(version, book.version())
        assertEquals(0, book.order("shop-us", "1001").getJSONArray("lines").objects().single().getInt("shipped"))
    }

    @Test
    fun `an unknown order is UNKNOWN_SALES_ORDER and every selling code is known`() {
        val book = salesBook()
        val error = expectCode("UNKNOWN_SALES_ORDER") { book.salesOrder("shop-us", "9999") }
        assertTrue(error.detail.contains("9999"), error.detail)
        expectCode("UNKNOWN_SALES_ORDER") { book.salesOrder("ebay", "1001") }
        val selling = listOf("UNKNOWN_CHANNEL", "UNKNOWN_SALES_ORDER", "OVER_SHIPMENT", "OVER_RETURN", "OVER_CANCELLATION", "RESTATEMENT_REFUSED")
        assertTrue(errorCodes().containsAll(selling), errorCodes().toString())
    }

    @Test
    fun `cancelling the unknown listing closes its exception`() {
        val book = salesBook()
        book.run("2026-11-21", "cancel-1002", obj("type" to "cancel_sales_order", "channel" to "shop-us", "order" to "1002"))
        assertEquals(0, JSONArray(book.orderExceptions()).length())
        val line = book.order("shop-us", "1002").getJSONArray("lines").objects().single()
        assertEquals(listOf(1, 0), listOf(line.getInt("cancelled"), line.getInt("unserved")))
    }

    // The profit book of tests/data/profit-book.json: 2 lamps at 25.00 (cost
    // 8.00 each) shipped on 2026-11-21, settled by P-1 on 2026-11-24 with a
    // 7.50 referral fee.
    private fun profitBook(): Book {
        val fixture = JSONObject(File(repoRoot, "tests/data/profit-book.json").readText())
        val book = Book(fixture.getJSONObject("config").toString())
        val results = JSONArray(book.executeBatch(fixture.getJSONArray("batch").toString(), true)).objects()
        assertEquals(listOf<String>(), results.filter { !it.has("ok") }.map { it.toString() })
        return book
    }

    private val november = LocalDate.parse("2026-11-01") to LocalDate.parse("2026-11-30")

    @Test
    fun `the lamp earned 26_50 after its cost and the referral fee`() {
        val book = profitBook()
        val report = JSONObject(book.profit(november.first, november.second, ProfitGroup.SKU))
        val lamp = report.getJSONArray("lines").objects().single()
        assertEquals("LAMP", lamp.getString("key"))
        val figures = lamp.getJSONObject("figures")
        assertEquals(
            listOf("50.00", "16.00", "7.50", "26.50").map(::BigDecimal),
            listOf("revenue", "cogs", "fees", "profit").map { figures.decimal(it) },
        )
        assertEquals(figures.toString(), report.getJSONObject("total").toString())
        val byChannel = JSONObject(book.profit(november.first, november.second, ProfitGroup.CHANNEL, ProfitBasis.SETTLEMENT, "shop-us"))
        val usd = byChannel.getJSONArray("lines").objects().single().getJSONArray("channel_currency").objects().single()
        assertEquals("USD" to BigDecimal("42.50"), usd.getString("currency") to usd.decimal("net"))
        // Before the settlement's day the fee is not in yet.
        val early = JSONObject(book.profit(november.first, LocalDate.parse("2026-11-23"), ProfitGroup.ORDER))
        assertEquals("shop-us/1001", early.getJSONArray("lines").objects().single().getString("key"))
        assertEquals(BigDecimal("34.00"), early.getJSONObject("total").decimal("profit"))
        expectCode("UNKNOWN_CHANNEL") { book.profit(november.first, november.second, ProfitGroup.SKU, null, "ebay") }
        expectCode("INVALID_COMMAND") { book.profit(november.second, november.first, ProfitGroup.SKU) }
    }

    @Test
    fun `the settlement P-1 pays out 44_50`() {
        val book = profitBook()
        val settlement = JSONObject(book.salesSettlement("P-1"))
        assertEquals(BigDecimal("44.50"), settlement.decimal("net"))
        assertEquals(listOf("P-1"), JSONArray(book.salesSettlements()).objects().map { it.getString("settlement") })
        assertEquals(0, JSONArray(book.salesSettlements("ebay")).length())
        expectCode("UNKNOWN_DOCUMENT") { book.salesSettlement("nope") }
    }

    // A book that keeps no event log: the host stores what each command
    // returns; the book keeps the state and gives the same figures.
    @Test
    fun `a book without its event log returns the same events and keeps only the state`() {
        val fixture = JSONObject(File(repoRoot, "tests/data/profit-book.json").readText())
        val keepingConfig = fixture.getJSONObject("config")
        val stateOnlyConfig = JSONObject(keepingConfig.toString()).put("keep_events", false)
        fun runAll(config: JSONObject): Pair<Book, JSONArray> {
            val book = Book(config.toString())
            val stored = JSONArray()
            for (item in fixture.getJSONArray("batch").objects()) {
                val out = JSONObject(book.execute(item.getJSONObject("command").toString(), item.getJSONObject("context").toString()))
                out.getJSONArray("events").objects().forEach { stored.put(it) }
            }
            return book to stored
        }
        val (keeping, keptEvents) = runAll(keepingConfig)
        val (book, stored) = runAll(stateOnlyConfig)
        assertEquals(keptEvents.toString(), stored.toString())
        assertEquals(0, JSONArray(book.events()).length())
        assertEquals(keeping.headHash(), book.headHash())
        assertEquals(keeping.trialBalance(november.second, null), book.trialBalance(november.second, null))
        val first = fixture.getJSONArray("batch").getJSONObject(0)
        val again = JSONObject(book.execute(first.getJSONObject("command").toString(), first.getJSONObject("context").toString()))
        assertEquals(listOf<Any>(true, 1, 0), listOf(again.getBoolean("duplicate"), again.getInt("version"), again.getJSONArray("events").length()))
        expectCode("HISTORY_NOT_KEPT") { book.profit(november.first, november.second, ProfitGroup.SKU) }
        expectCode("HISTORY_NOT_KEPT") { book.history("LAMP") }
        assertEquals(book.snapshot(), Book.replay(stateOnlyConfig.toString(), stored.toString()).snapshot())
        val report = JSONObject(Book.replay(keepingConfig.toString(), stored.toString()).profit(november.first, november.second, ProfitGroup.SKU))
        assertEquals(BigDecimal("26.50"), report.getJSONObject("total").decimal("profit"))
    }

    // Archiving what is closed: order 1001 is shipped and paid out in
    // November, so a cut-off of 1 December takes it out of the state.
    @Test
    fun `archiving removes the closed order and refuses it by name`() {
        val fixture = JSONObject(File(repoRoot, "tests/data/profit-book.json").readText())
        val config = JSONObject(fixture.getJSONObject("config").toString()).put("keep_events", false).toString()
        val book = Book(config)
        val stored = JSONArray()
        for (item in fixture.getJSONArray("batch").objects()) {
            val out = JSONObject(book.execute(item.getJSONObject("command").toString(), item.getJSONObject("context").toString()))
            out.getJSONArray("events").objects().forEach { stored.put(it) }
        }
        val out = JSONObject(book.execute("""{"type":"archive_closed","before":"2026-12-01"}""", """{"at":"2026-12-31T09:00:00Z","command_id":"archive-1"}"""))
        out.getJSONArray("events").objects().forEach { stored.put(it) }
        val event = out.getJSONArray("events").getJSONObject(0).getJSONObject("event")
        assertEquals(listOf<Any>("closed_archived", 1, 1), listOf(event.getString("type"), event.getInt("sales_orders"), event.getInt("documents")))
        assertEquals(0, JSONArray(book.salesOrders()).length())
        expectCode("ARCHIVED") { book.salesOrder("shop-us", "1001") }
        val before = book.snapshot()
        expectCode("ARCHIVED") {
            book.execute(
                """{"type":"ingest_sales_order","channel":"shop-us","order":"1001","date":"2027-01-05","lines":[{"line":"1","listing":"lamp-black","quantity":1,"unit_price":"25.00"}]}""",
                """{"at":"2027-01-05T09:00:00Z","command_id":"order-1001-again"}""",
            )
        }
        assertEquals(before, book.snapshot())
        assertEquals(book.snapshot(), Book.replay(config, stored.toString()).snapshot())
    }
}
