package dev.landed

import java.io.File
import java.math.BigDecimal
import java.time.Instant
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class BookTest {
    @Test
    fun `FIFO and moving average issue fifteen of twenty`() {
        // (method, value issued, value kept, unit cost kept)
        for ((method, issued, kept, unit) in listOf(
            listOf("fifo", "200.00", "100.00", "20"),
            listOf("moving_average", "225.00", "75.00", "15"),
        )) {
            val h = Harness("USD", method)
            assertEquals(listOf("Dr 1300 100.00, Cr 2100 100.00"), h.run(receive("A", "SZ", 10, "10.00", "USD")).vouchers())
            assertEquals(listOf("Dr 1300 200.00, Cr 2100 200.00"), h.run(receive("A", "SZ", 10, "20.00", "USD")).vouchers())
            val out = h.run(issue("A", "SZ", 15))
            // The stock event, then its voucher: cost of goods sold out of inventory.
            assertEquals(listOf("issued", "journal_posted"), out.events().map { it.getString("type") }, method)
            assertEquals(listOf("Dr 5000 $issued, Cr 1300 $issued"), out.vouchers(), method)
            val event = out.event()
            assertEquals("issued", event.getString("type"), method)
            assertEquals(15, event.getLong("quantity"), method)
            assertEquals(dec(issued), event.amount("value"), method)
            val lines = JSONArray(h.book.valuation("A")).objects()
            assertEquals(1, lines.size, method)
            assertEquals(5, lines[0].getLong("quantity"), method)
            assertEquals(dec(kept), lines[0].amount("value"), method)
            assertEquals(0, dec(unit).compareTo(lines[0].amount("unit_cost")), method)
            assertEquals(dec(kept), h.value("A", "SZ"), method)
        }
    }

    @Test
    fun `FIFO records the layers it consumed`() {
        val h = Harness("USD", "fifo")
        h.run(receive("A", "SZ", 10, "10.00", "USD"))
        h.run(receive("A", "SZ", 10, "20.00", "USD"))
        val layers = h.run(issue("A", "SZ", 15)).event()
            .getJSONObject("cost").getJSONArray("layers").objects()
        assertEquals(listOf(10L, 5L), layers.map { it.getLong("quantity") })
        assertEquals(listOf(dec("100.00"), dec("100.00")), layers.map { it.decimal("value") })
    }

    @Test
    fun `a repeating unit cost never leaks a cent`() {
        for (method in listOf("moving_average", "fifo")) {
            val h = Harness("USD", method)
            // 3 × 3.3333333333 = 9.9999999999 → 10.00.
            val receipt = h.run(receive("A", "SZ", 3, "3.3333333333", "USD"))
            val received = receipt.event()
            assertEquals(dec("10.00"), received.amount("value"), method)
            assertEquals(dec("3.3333333333"), received.amount("unit_cost"), method)
            assertEquals(listOf("Dr 1300 10.00, Cr 2100 10.00"), receipt.vouchers(), method)
            val outs = (1..3).map { h.run(issue("A", "SZ", 1)) }
            val issued = outs.map { it.event().amount("value") }
            assertEquals(listOf(dec("3.33"), dec("3.34"), dec("3.33")), issued, method)
            // The vouchers carry the same cents: inventory ends at 0.00 in the ledger too.
            assertEquals(
                listOf("Dr 5000 3.33, Cr 1300 3.33", "Dr 5000 3.34, Cr 1300 3.34", "Dr 5000 3.33, Cr 1300 3.33"),
                outs.flatMap { it.vouchers() },
                method,
            )
            assertEquals("0.00", h.trialBalance("2026-11-02").balance("1300"), method)
            assertEquals(0, JSONArray(h.book.valuation("A")).length(), method)
            assertEquals(0, JSONArray(h.book.valuation()).length(), method)
            assertEquals(BigDecimal.ZERO, h.value("A", "SZ"))
        }
    }

    @Test
    fun `a JPY book rounds to whole yen`() {
        val h = Harness("JPY")
        // 7 × 333.5 = 2334.5 → 2335 (half away from zero).
        val receipt = h.run(receive("A", "SZ", 7, "333.5", "JPY"))
        assertEquals(dec("2335"), receipt.event().amount("value"))
        assertEquals(listOf("Dr 1300 2335, Cr 2100 2335"), receipt.vouchers())
        // 2335 × 2 / 7 = 667.14… → 667.
        val first = h.run(issue("A", "SZ", 2))
        assertEquals(dec("667"), first.event().amount("value"))
        assertEquals(listOf("Dr 5000 667, Cr 1300 667"), first.vouchers())
        assertEquals(dec("1668"), h.value("A", "SZ"))
        assertEquals(dec("1668"), h.run(issue("A", "SZ", 5)).event().amount("value"))
        assertEquals(BigDecimal.ZERO, h.value("A", "SZ"))
    }

    @Test
    fun `move to committed, then ship from committed`() {
        val h = Harness("USD")
        h.run(receive("A", "SZ", 4, "1.00", "USD"))
        h.run(receive("A", "DE", 2, "1.50", "USD"))
        // A move changes no value and posts no voucher: its one event is all.
        val moved = h.run(move("A", "SZ", 3, "available", "committed")).events().single()
        assertEquals("moved", moved.getString("type"))
        assertEquals("committed", moved.getString("to"))

        var p = h.position("A", "SZ")
        var q = p.getJSONObject("quantities")
        assertEquals(listOf(1L, 3L, 4L), listOf(q.getLong("available"), q.getLong("committed"), p.getLong("on_hand")))

        val stock = JSONObject(h.book.stock("A"))
        assertEquals(6, stock.getLong("on_hand"))
        assertEquals(3, stock.getJSONObject("totals").getLong("available"))
        assertEquals(3, stock.getJSONObject("totals").getLong("committed"))
        assertEquals(listOf("SZ", "DE"), stock.getJSONArray("positions").objects().map { it.getString("location") })

        val shipment = h.run(issue("A", "SZ", 3, bucket = "committed", reference = "SO-1"))
        assertEquals(listOf("Dr 5000 3.00, Cr 1300 3.00"), shipment.vouchers())
        val shipped = shipment.event()
        assertEquals("committed", shipped.getString("bucket"))
        assertEquals("SO-1", shipped.getString("reference"))
        assertEquals(dec("3.00"), shipped.amount("value"))

        p = h.position("A", "SZ")
        q = p.getJSONObject("quantities")
        assertEquals(listOf(1L, 0L, 1L), listOf(q.getLong("available"), q.getLong("committed"), p.getLong("on_hand")))
        assertEquals(3, JSONObject(h.book.stock("A")).getLong("on_hand"))
        // Committed units cannot be issued twice.
        val error = expectCode("INSUFFICIENT_STOCK") { h.run(issue("A", "SZ", 1, bucket = "committed")) }
        assertTrue(error.detail.contains("in committed: requested 1, available 0"), error.detail)
    }

    @Test
    fun `a stocktake freezes its location and posts the variances`() {
        val h = Harness("USD")
        h.run(receive("A", "SZ", 10, "4.00", "USD"))
        h.run(receive("B", "SZ", 6, "2.50", "USD"))
        val opened = h.run(openStocktake("ST-1", "SZ")).events().single()
        assertEquals("stocktake_opened", opened.getString("type"))
        assertEquals(listOf(10L, 6L), opened.getJSONArray("expected").objects().map { it.getLong("quantity") })

        val frozen = expectCode("LOCATION_FROZEN") { h.run(issue("A", "SZ", 1)) }
        assertEquals("location \"SZ\" is frozen by open stocktake \"ST-1\"", frozen.detail)
        h.run(receive("A", "DE", 1, "4.00", "USD")) // other locations still move

        h.run(recordCount("ST-1", "A", 9))
        h.run(recordCount("ST-1", "B", 5))
        h.run(recordCount("ST-1", "B", 8)) // the last count wins
        val outcome = h.run(postStocktake("ST-1"))
        // Each variance is followed by its voucher: a loss to 5100, a gain to 4200.
        assertEquals(
            listOf("adjusted_down", "journal_posted", "adjusted_up", "journal_posted", "stocktake_posted"),
            outcome.events().map { it.getString("type") },
        )
        assertEquals(listOf("Dr 5100 4.00, Cr 1300 4.00", "Dr 1300 5.00, Cr 4200 5.00"), outcome.vouchers())
        val (loss, gain) = outcome.businessEvents()
        assertEquals(listOf("A", "B"), listOf(loss.getString("sku"), gain.getString("sku")))
        assertEquals(listOf(1L, 2L), listOf(loss.getLong("quantity"), gain.getLong("quantity")))
        assertEquals(dec("4.00"), loss.amount("value"))
        assertEquals(dec("5.00"), gain.amount("value"))

        assertEquals(9, h.position("A", "SZ").getLong("on_hand"))
        assertEquals(8, h.position("B", "SZ").getLong("on_hand"))
        assertEquals(dec("36.00"), h.value("A", "SZ"))
        assertEquals(dec("20.00"), h.value("B", "SZ"))
        // Unfrozen after posting; a posted count cannot be posted again.
        h.run(issue("A", "SZ", 1))
        expectCode("STOCKTAKE_STATE") { h.run(postStocktake("ST-1")) }
    }

    @Test
    fun `insufficient stock names the facts and changes nothing`() {
        val h = Harness("USD")
        h.run(receive("A", "SZ", 4, "1.00", "USD"))
        h.run(move("A", "SZ", 3, "available", "committed"))
        val snapshot = h.book.snapshot()
        val events = h.book.events()
        val version = h.book.version()
        val error = expectCode("INSUFFICIENT_STOCK") { h.run(issue("A", "SZ", 2)) }
        assertEquals("insufficient stock of A at SZ in available: requested 2, available 1", error.detail)
        assertEquals(snapshot, h.book.snapshot())
        assertEquals(events, h.book.events())
        assertEquals(version, h.book.version())
        assertEquals(6uL, version)
    }

    @Test
    fun `a retried command id is a duplicate, a reused one a conflict`() {
        val h = Harness("USD")
        val at = Instant.parse("2026-11-02T10:00:00Z")
        val receipt = receive("A", "SZ", 5, "2.00", "USD").toString()
        val first = JSONObject(h.book.execute(receipt, at, "receipt-42"))
        val snapshot = h.book.snapshot()
        // The same command again, even with a later clock: nothing happens.
        val again = JSONObject(h.book.execute(receipt, at.plusSeconds(30), "receipt-42"))
        assertFalse(first.getBoolean("duplicate"))
        assertTrue(again.getBoolean("duplicate"))
        assertEquals(first.getLong("version"), again.getLong("version"))
        assertEquals(first.getJSONArray("events").toString(), again.getJSONArray("events").toString())
        assertEquals(snapshot, h.book.snapshot())
        assertEquals(5, h.position("A", "SZ").getLong("on_hand"))

        val other = receive("A", "SZ", 6, "2.00", "USD").toString()
        val conflict = expectCode("IDEMPOTENCY_CONFLICT") { h.book.execute(other, at, "receipt-42") }
        assertEquals("command id \"receipt-42\" was already used for a different command", conflict.detail)
        assertEquals(snapshot, h.book.snapshot())
    }

    @Test
    fun `an expected version guards against concurrent writers`() {
        val h = Harness("USD")
        h.run(receive("A", "SZ", 5, "2.00", "USD"))
        assertEquals(5uL, h.book.version())
        val stale = expectCode("VERSION_CONFLICT") {
            h.book.execute(issue("A", "SZ", 1).toString(), h.context(expectedVersion = 3uL))
        }
        assertEquals("expected book version 3, found 5", stale.detail)
        val out = JSONObject(h.book.execute(issue("A", "SZ", 1).toString(), h.context(expectedVersion = 5uL)))
        assertEquals(6, out.getLong("version"))
    }

    @Test
    fun `replay and restore rebuild the same book`() {
        val h = Harness("USD", "fifo")
        h.run(receive("A", "SZ", 10, "1.10", "USD"))
        h.run(receive("A", "DE", 3, "2.00", "USD"))
        h.run(move("A", "SZ", 4, "available", "committed"))
        h.run(issue("A", "SZ", 2))
        h.run(obj("type" to "adjust", "sku" to "A", "location" to "DE", "quantity" to -1, "reason" to "broken"))
        h.run(openStocktake("S", "DE"))
        h.run(recordCount("S", "A", 3))
        h.run(postStocktake("S"))
        val live = h.book.snapshot()

        val config = h.book.config()
        assertEquals("fifo", JSONObject(config).getString("valuation_method"))
        val replayed = Book.replay(config, h.book.events())
        assertEquals(live, replayed.snapshot())
        assertEquals(h.book.version(), replayed.version())
        // A host stores events as text and replays them from its own copy.
        val stored = JSONArray(h.book.events()).toString()
        assertEquals(live, Book.replay(config, stored).snapshot())

        val restored = Book.restore(live)
        assertEquals(live, restored.snapshot())
        assertEquals(h.book.valuation(), restored.valuation())
        assertEquals(h.book.history("A"), restored.history("A"))
        // The restored book still knows its command ids.
        val original = JSONArray(h.book.events()).getJSONObject(4)
        assertEquals("cmd-5", original.getString("command_id"))
        val retry = JSONObject(restored.execute(receive("A", "SZ", 10, "1.10", "USD").toString(), h.clock, "cmd-5"))
        assertTrue(retry.getBoolean("duplicate"))
        assertEquals(original.toString(), retry.getJSONArray("events").getJSONObject(0).toString())
        expectCode("IDEMPOTENCY_CONFLICT") { restored.execute(issue("A", "SZ", 2).toString(), h.clock, "cmd-5") }

        // A log with a gap is refused.
        val broken = JSONArray(h.book.events())
        broken.remove(3)
        expectCode("INVALID_EVENT_LOG") { Book.replay(config, broken.toString()) }
        // A snapshot that does not decode: INVALID_SNAPSHOT once restore
        // verifies snapshots, INVALID_EVENT_LOG before.
        val error = assertThrows<LandedException> { Book.restore("{\"version\":1}") }
        assertTrue(error.code in setOf("INVALID_SNAPSHOT", "INVALID_EVENT_LOG"), error.code)
    }

    @Test
    fun `money is never a float`() {
        val h = Harness("USD")
        val snapshot = h.book.snapshot()
        val float = receive("A", "SZ", 1, "1.50", "USD")
        float.put("unit_cost", JSONObject("{\"amount\":1.5,\"currency\":\"USD\"}"))
        val error = expectCode("INVALID_COMMAND") { h.run(float) }
        assertTrue(error.detail.contains("unit_cost.amount") && error.detail.contains("1.5"), error.detail)
        // Neither is a quantity given as a fraction.
        val fraction = receive("A", "SZ", 1, "1.50", "USD").put("quantity", 1.5)
        expectCode("INVALID_COMMAND") { h.run(fraction) }
        assertEquals(snapshot, h.book.snapshot())

        // The same amount as a string is exact.
        val out = h.run(receive("A", "SZ", 2, "1.50", "USD")).event()
        assertEquals("3.00", out.getJSONObject("value").getString("amount"))
    }

    @Test
    fun `every decimal in every output is a string`() {
        val decimals = schemaDecimalFields()
        assertTrue(decimals.containsAll(listOf("amount", "value", "issued_value")), "$decimals")
        val h = Harness("USD", "fifo")
        h.run(receive("A", "SZ", 3, "3.3333333333", "USD"))
        h.run(receive("A", "DE", 2, "7.25", "USD"))
        h.run(issue("A", "SZ", 2))
        h.run(move("A", "DE", 1, "available", "damaged"))
        h.run(obj("type" to "update_sku", "code" to "A", "weight_kg" to "1.25"))
        val outputs = listOf(
            h.book.events(), h.book.snapshot(), h.book.valuation(), h.book.history("A"),
            h.book.stock("A"), h.book.position("A", "SZ"),
        )
        var checked = 0
        for (output in outputs) {
            for ((key, value) in valuesUnder(output, decimals)) {
                assertTrue(value is String, "$key = $value (${value?.javaClass}) in $output")
                BigDecimal(value as String)
                checked++
            }
        }
        assertTrue(checked >= 20, "only $checked decimals seen")
        assertTrue(h.book.events().contains("\"weight_kg\":\"1.25\""), h.book.events())
    }

    @Test
    fun `an all-or-nothing batch rolls back`() {
        val h = Harness("USD")
        val snapshot = h.book.snapshot()
        val version = h.book.version()
        val t = Instant.parse("2026-11-02T12:00:00Z")
        val items = JSONArray()
        for ((i, command) in listOf(
            receive("A", "SZ", 5, "1.00", "USD"),
            issue("A", "SZ", 2),
            issue("A", "SZ", 9),
            issue("A", "SZ", 1),
        ).withIndex()) {
            items.put(obj("command" to command, "context" to JSONObject(bookContext(t, "b${i + 1}"))))
        }
        val results = JSONArray(h.book.executeBatch(items.toString(), true)).objects()
        assertEquals(3, results.size, "stops at the first failure")
        assertEquals(listOf(true, true, false), results.map { it.has("ok") })
        val failure = results[2].getJSONObject("error")
        assertEquals("INSUFFICIENT_STOCK", failure.getString("code"))
        assertEquals("insufficient stock of A at SZ in available: requested 9, available 3", failure.getString("message"))
        assertEquals(snapshot, h.book.snapshot())
        assertEquals(version, h.book.version())
        assertEquals(0, h.position("A", "SZ").getLong("on_hand"))

        // Each command on its own: the failure is skipped, the rest stays.
        val each = JSONArray(h.book.executeBatch(items.toString(), false)).objects()
        assertEquals(listOf(true, true, false, true), each.map { it.has("ok") })
        assertEquals(version + 3uL, h.book.version())
        assertEquals(2, h.position("A", "SZ").getLong("on_hand"))
        assertEquals(dec("2.00"), h.value("A", "SZ"))

        expectCode("INVALID_COMMAND") { h.book.executeBatch("[{\"command\":{}}]", true) }
    }

    @Test
    fun `history lists each movement with its signed value`() {
        val h = Harness("USD")
        h.run(receive("A", "SZ", 4, "2.50", "USD"))
        h.run(move("A", "SZ", 1, "available", "reserved"))
        h.run(issue("A", "SZ", 3))
        val rows = JSONArray(h.book.history("A")).objects()
        assertEquals(listOf("received", "moved", "issued"), rows.map { it.getString("kind") })
        assertEquals(listOf(4L, 1L, -3L), rows.map { it.getLong("quantity") })
        // A move's zero value is in minor units too.
        assertEquals(listOf(dec("10.00"), dec("0.00"), dec("-7.50")), rows.map { it.amount("value") })
        assertEquals(listOf("cmd-5", "cmd-6", "cmd-7"), rows.map { it.getString("command_id") })
        assertEquals("2026-11-02T09:05:00Z", rows[0].getString("at"))
        val stock = JSONObject(h.book.stock("A"))
        assertEquals(1, stock.getLong("on_hand"))
        assertEquals(1, stock.getJSONObject("totals").getLong("reserved"))
    }

    @Test
    fun `bad input fails with typed codes`() {
        val h = Harness("USD")
        val snapshot = h.book.snapshot()
        val cases = listOf(
            receive("NOPE", "SZ", 1, "1", "USD") to "UNKNOWN_SKU",
            receive("A", "XX", 1, "1", "USD") to "UNKNOWN_LOCATION",
            receive("A", "SZ", 0, "1", "USD") to "INVALID_QUANTITY",
            receive("A", "SZ", 1, "1", "EUR") to "CURRENCY_MISMATCH",
            receive("A", "SZ", 1, "-1", "USD") to "INVALID_AMOUNT",
            defineSku("A") to "DUPLICATE_CODE",
            obj("type" to "teleport") to "INVALID_COMMAND",
        )
        for ((command, code) in cases) {
            expectCode(code) { h.run(command) }
            assertEquals(snapshot, h.book.snapshot(), "$command changed the book")
        }
        expectCode("INVALID_COMMAND") { h.book.execute("not json", h.context()) }
        expectCode("INVALID_COMMAND") { h.book.execute(defineSku("C").toString(), "{\"command_id\":\"x\"}") }
        expectCode("UNKNOWN_SKU") { h.book.stock("NOPE") }
        expectCode("UNKNOWN_SKU") { h.book.history("NOPE") }
        expectCode("UNKNOWN_SKU") { h.book.valuation("NOPE") }
        expectCode("UNKNOWN_LOCATION") { h.book.position("A", "XX") }
        expectCode("UNKNOWN_LOT") { h.book.position("A", "SZ", "L1") }
        expectCode("INVALID_COMMAND") { Book("{\"functional_currency\":\"XYZ\"}") }
        expectCode("INVALID_COMMAND") { Book("{\"functional_currency\":\"USD\",\"valuation_method\":\"lifo\"}") }
        // An untouched position reports zeros.
        assertEquals(0, h.position("B", "DE").getLong("on_hand"))
    }

    @Test
    fun `every command type of the schema is understood`() {
        val schema = JSONObject(File(repoRoot, "docs/schema/command.schema.json").readText())
        // The command's variants are the root `oneOf`; unions nested inside a
        // command (cost targets…) are tagged by "type" too, so only the root counts.
        val types = schema.getJSONArray("oneOf").objects().map {
            it.getJSONObject("properties").getJSONObject("type").getString("const")
        }
        assertTrue(types.containsAll(listOf("receive", "issue", "move", "post_stocktake")), "$types")
        val h = Harness("USD")
        for (type in types) {
            // No fields: refused for what is missing, never as an unknown type.
            val error = expectCode("INVALID_COMMAND") { h.run(obj("type" to type, "unexpected" to 1)) }
            assertFalse(error.detail.contains("unknown variant"), "$type: ${error.detail}")
        }
        val unknown = expectCode("INVALID_COMMAND") { h.run(obj("type" to "teleport")) }
        assertTrue(unknown.detail.contains("unknown variant"), unknown.detail)
    }

    @Test
    fun `contexts are built from the core type`() {
        val at = Instant.parse("2026-11-02T09:00:00Z")
        assertEquals("{\"at\":\"2026-11-02T09:00:00Z\",\"command_id\":\"c1\"}", bookContext(at, "c1"))
        assertEquals(
            "{\"at\":\"2026-11-02T09:00:00.250Z\",\"command_id\":\"q\\\"1\",\"expected_version\":7}",
            bookContext(at.plusMillis(250), "q\"1", 7uL),
        )
    }

    @Test
    fun `the book is shared safely between threads`() {
        val h = Harness("USD")
        h.run(receive("A", "SZ", 1000, "1.00", "USD"))
        val pool = Executors.newFixedThreadPool(4)
        val start = h.book.version()
        val at = Instant.parse("2026-11-03T00:00:00Z")
        repeat(100) { i ->
            pool.submit { h.book.execute(issue("A", "SZ", 1).toString(), at, "t-$i") }
        }
        pool.shutdown()
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS))
        assertEquals(start + 100uL, h.book.version())
        assertEquals(900, h.position("A", "SZ").getLong("on_hand"))
        assertEquals(dec("900.00"), h.value("A", "SZ"))
    }

    @Test
    fun `a book poisoned by a panic keeps refusing with BOOK_POISONED`() {
        val h = Harness("USD")
        // The panic itself is INTERNAL; every later call BOOK_POISONED.
        expectCode("INTERNAL") { h.book.panicWhileLockedProbe() }
        val after = expectCode("BOOK_POISONED") { h.book.version() }
        assertTrue(after.detail.contains("unusable after a panic"), after.detail)
        expectCode("BOOK_POISONED") { h.run(receive("A", "SZ", 1, "1.00", "USD")) }
        expectCode("BOOK_POISONED") { h.book.snapshot() }
        // Other books are unaffected.
        assertNotEquals(0uL, Harness("USD").book.version())
    }

    @Test
    fun `the actor of a context is recorded on every event of its command`() {
        // Recorded events carry the actor once the core's RecordedEvent has it.
        val recorded = File(repoRoot, "docs/schema/recorded-event.schema.json").readText()
        assumeTrue(recorded.contains("\"actor\""), "the core's RecordedEvent has no actor yet")
        val h = Harness("USD")
        val at = Instant.parse("2026-11-03T00:00:00Z")
        val receipt = receive("A", "SZ", 2, "5.00", "USD").toString()
        val out = JSONObject(h.book.execute(receipt, at, "by-alice", actor = "alice@example.com"))
        val records = out.getJSONArray("events").objects()
        assertEquals(2, records.size)
        assertTrue(records.all { it.getString("actor") == "alice@example.com" }, "$records")
        assertEquals(
            """{"at":"2026-11-03T00:00:00Z","command_id":"c","actor":"bob"}""",
            bookContext(at, "c", null, "bob"),
        )
        // Commands without one have none; the log replays with it.
        val events = h.book.events()
        assertFalse(JSONArray(events).objects().first().has("actor"))
        assertEquals(h.book.snapshot(), Book.replay(h.book.config(), events).snapshot())
        val version = h.book.version()
        expectCode("INVALID_COMMAND") { h.book.execute(receipt, at, "blank-actor", actor = " ") }
        assertEquals(version, h.book.version())
    }

    @Test
    fun `head hash is the last event's hash and changes with the log`() {
        val h = Harness("USD")
        val head = h.book.headHash()
        assertEquals(64, head.length)
        val events = org.json.JSONArray(h.book.events())
        assertEquals(events.getJSONObject(events.length() - 1).getString("hash"), head)
        h.run(defineSku("C"))
        assertNotEquals(head, h.book.headHash())
    }
}
