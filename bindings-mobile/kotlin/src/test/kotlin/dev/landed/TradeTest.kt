package dev.landed

import java.math.BigDecimal
import java.math.RoundingMode
import java.time.Instant
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

// Purchasing, transfers through transit and landed cost through the Book:
// the commands as a host writes them, the vouchers they post, and the
// reports (purchaseOrders, transfer, inTransit, landedCost, reconciliation,
// journal). The numbers are those of core/tests/trade_examples.rs.
class TradeTest {
    @Test
    fun `a USD purchase order is received into a CNY book at the receipt-date rate`() {
        val h = seller()
        h.run(
            createPo(
                "PO-1",
                poLine("LAMP", 100, "2.50"),
            ),
        )
        assertEquals(0L, h.quantities("LAMP", "SZ").getLong("on_order"))
        h.run(obj("type" to "confirm_purchase_order", "po" to "PO-1"))
        assertEquals(100L, h.quantities("LAMP", "SZ").getLong("on_order"))
        h.run(
            obj(
                "type" to "ship_purchase_order", "po" to "PO-1",
                "shipment" to obj("carrier" to "Maersk", "tracking" to "MSKU1", "eta" to "2026-11-20"),
            ),
        )
        h.quantities("LAMP", "SZ").let { assertEquals(listOf(0L, 100L), listOf(it.getLong("on_order"), it.getLong("in_transit"))) }

        // 60 arrive on 2 Nov at 7.10: 60 × 2.50 × 7.10 = 1,065.00 CNY.
        h.at(2)
        val received = h.run(receivePo("PO-1", "GRN-1", 1 to 60))
        val expected = (dec("60") * dec("2.50") * dec("7.10")).setScale(2, RoundingMode.HALF_UP)
        assertEquals(dec("1065.00"), expected)
        assertEquals(listOf("Dr 1300 $expected, Cr 2100 $expected"), received.vouchers())
        h.quantities("LAMP", "SZ").let { assertEquals(listOf(40L, 60L), listOf(it.getLong("in_transit"), it.getLong("available"))) }
        // The journal read back from the book: the receipt's entry, dated 2 Nov.
        val entry = JSONArray(h.book.journal()).objects().single()
        assertEquals("2026-11-02", entry.getString("date"))
        assertEquals("Dr 1300 1065.00, Cr 2100 1065.00", voucher(entry))
        assertEquals(expected, entry.getJSONArray("lines").getJSONObject(0).decimal("debit"))

        val po = h.purchaseOrder("PO-1")
        assertEquals("partially_received", po.getString("status"))
        assertEquals("F1", po.getString("supplier"))
        val line = po.getJSONArray("lines").getJSONObject(0)
        assertEquals(listOf(100L, 60L, 40L), listOf("ordered", "received", "outstanding").map { line.getLong(it) })
        assertEquals(listOf("2.50", "USD"), line.priceParts("unit_price"))

        // The rest on 10 Nov at 7.20: 40 × 2.50 × 7.20 = 720.00.
        h.at(10)
        assertEquals(listOf("Dr 1300 720.00, Cr 2100 720.00"), h.run(receivePo("PO-1", "GRN-2", 1 to 40)).vouchers())
        assertEquals(dec("1785.00"), h.value("LAMP", "SZ"))
        assertEquals("received", h.purchaseOrder("PO-1").getString("status"))
        assertEquals(listOf("1065.00", "720.00"), JSONArray(h.book.journal()).objects().map { it.getJSONArray("lines").getJSONObject(0).getString("debit") })

        // Over-receipt (tolerance 0 by default) is refused with the numbers and changes nothing.
        val error = h.refused("OVER_RECEIPT", receivePo("PO-1", "GRN-3", 1 to 1))
        assertTrue(error.detail.contains("ordered 100, received 100"), error.detail)
        assertTrue(error is LandedException.Failure)
    }

    @Test
    fun `freight by chargeable weight after 40 lamps were sold`() {
        for (method in listOf("moving_average", "fifo")) {
            val h = seller(method)
            // 100 × 2.50 × 7.10 = 1,775.00; 50 × 8.00 × 7.10 = 2,840.00; 200 × 0.40 × 7.10 = 568.00.
            assertEquals(
                listOf("Dr 1300 1775.00, Cr 2100 1775.00", "Dr 1300 2840.00, Cr 2100 2840.00", "Dr 1300 568.00, Cr 2100 568.00"),
                h.purchaseAndReceive().vouchers(),
                method,
            )
            h.at(5)
            h.run(obj("type" to "issue", "sku" to "LAMP", "location" to "SZ", "quantity" to 40, "reason" to "sale"))
            assertEquals(dec("1065.00"), h.value("LAMP", "SZ"), method)

            // 300.00 USD at 7.20 = 2,160.00 CNY over chargeable weights 120 : 300 : 0 kg
            // (LAMP 1.2 kg, FAN max(0.5, 40×30×30/6000 = 6.0) kg, CABLE none):
            // LAMP 617.14 (60 on hand 370.28, 40 sold 246.86), FAN 1,542.86.
            h.at(10)
            val out = h.run(freight("LC-1", 1, 2, 3))
            assertEquals(listOf("Dr 1300 370.28, Dr 5000 246.86, Dr 1300 1542.86, Cr 2200 2160.00"), out.vouchers(), method)
            val lines = out.events().single { it.getString("type") == "journal_posted" }.getJSONArray("lines").objects()
            val debits = lines.fold(BigDecimal.ZERO) { s, l -> s + l.decimal("debit") }
            assertEquals((dec("300.00") * dec("7.20")).setScale(2), debits, method)
            assertEquals(dec("1435.28"), h.value("LAMP", "SZ"), method)
            assertEquals(dec("4382.86"), h.value("FAN", "SZ"), method)
            assertEquals(dec("568.00"), h.value("CABLE", "SZ"), method)
            h.assertReconciled()

            val report = JSONObject(h.book.landedCost("LAMP"))
            val lamp = report.getJSONArray("lines").objects().single()
            assertEquals(listOf("receipt", "GRN-1", 1L), lamp.getJSONObject("target").let { listOf(it.getString("type"), it.getString("receipt"), it.getLong("line")) })
            assertEquals(100L, lamp.getLong("quantity"))
            assertEquals(dec("1775.00"), lamp.getJSONObject("total").amount("purchase"))
            assertEquals(dec("617.14"), lamp.getJSONObject("total").amount("freight"), method)
            assertEquals(dec("2392.14"), lamp.getJSONObject("total").amount("total"))
            assertEquals(dec("23.9214"), lamp.getJSONObject("per_unit").amount("total"))
            assertEquals(dec("6.1714"), report.getJSONArray("skus").getJSONObject(0).getJSONObject("per_unit").amount("freight"))
            // Without a SKU: every receipt line, the freight adding up to the charge.
            val all = JSONObject(h.book.landedCost())
            assertEquals(listOf("CABLE", "FAN", "LAMP"), all.getJSONArray("skus").objects().map { it.getString("sku") }.sorted())
            val charged = all.getJSONArray("lines").objects().fold(BigDecimal.ZERO) { s, l -> s + l.getJSONObject("total").amount("freight") }
            assertEquals(dec("2160.00"), charged, method)
        }
    }

    @Test
    fun `a transfer of 50 fans arrives with 47 accepted, 1 damaged and 2 short`() {
        for (method in listOf("moving_average", "fifo")) {
            val h = seller(method)
            h.purchaseAndReceive()
            h.at(10)
            h.run(freight("LC-1", 1, 2))
            h.run(obj("type" to "create_transfer", "transfer" to "T-1", "source" to "SZ", "destination" to "DE", "lines" to JSONArray().put(obj("sku" to "FAN", "quantity" to 50))))
            h.run(obj("type" to "approve_transfer", "transfer" to "T-1"))
            h.quantities("FAN", "SZ").let { assertEquals(listOf(0L, 50L), listOf(it.getLong("available"), it.getLong("committed"))) }
            h.at(12)
            val shipped = h.run(
                obj(
                    "type" to "ship_transfer", "transfer" to "T-1",
                    "shipment" to obj("carrier" to "COSCO", "tracking" to "CSLU7", "eta" to "2026-12-20"),
                ),
            )
            assertEquals(listOf("Dr 1310 4382.86, Cr 1300 4382.86"), shipped.vouchers(), method)
            assertEquals(50L, h.quantities("FAN", "DE").getLong("in_transit"))
            assertEquals(BigDecimal.ZERO, h.value("FAN", "SZ").stripTrailingZeros())
            val transit = JSONObject(h.book.inTransit(day("2026-11-12")))
            assertEquals(dec("4382.86"), transit.amount("total_value"))
            val shipment = transit.getJSONArray("shipments").objects().single { it.getString("document") == "T-1" }
            assertEquals(listOf("COSCO", "CSLU7", "DE"), listOf("carrier", "tracking", "destination").map { shipment.getString(it) })
            assertEquals(50L, shipment.getLong("units"))
            // The goods-in-transit line of the reconciliation holds the same value as the account.
            val git = h.reconciliation().single { it.getString("scope") == "goods_in_transit" }
            assertEquals(listOf("4382.86", "4382.86", "0.00"), listOf("subledger", "ledger", "difference").map { git.getJSONObject(it).getString("amount") })
            h.assertReconciled()

            // Carrier milestones; the same carrier event again changes nothing.
            val milestone = obj(
                "type" to "record_milestone", "document" to "T-1", "eta" to "2026-12-18",
                "milestone" to obj("event_id" to "E1", "milestone" to "departed", "at" to "2026-11-13T02:00:00Z", "place" to "Yantian"),
            )
            assertEquals(1, h.run(milestone).getJSONArray("events").length())
            val version = h.book.version()
            val again = h.run(milestone)
            // Logged as no_effect, so its command id is remembered; nothing moves.
            assertEquals(listOf("no_effect"), again.events().map { it.getString("type") })
            assertFalse(again.getBoolean("duplicate"))
            assertEquals(version + 1uL, h.book.version())
            val tracked = JSONObject(h.book.transfer("T-1")).getJSONObject("shipment")
            assertEquals(listOf("E1"), tracked.getJSONArray("milestones").objects().map { it.getString("event_id") })
            assertEquals("2026-12-18", tracked.getString("eta"))
            h.refused(
                "UNKNOWN_DOCUMENT",
                obj("type" to "record_milestone", "document" to "T-404", "milestone" to obj("event_id" to "E2", "milestone" to "delivered", "at" to "2026-11-13T02:00:00Z")),
            )

            // 47 accepted: round(4,382.86 × 47/50) = 4,119.89; 1 damaged of the 3 left
            // (262.97): 87.66; the 2 short take the rest, 175.31, to transit losses.
            h.at(20)
            val received = h.run(
                obj(
                    "type" to "receive_transfer", "transfer" to "T-1",
                    "lines" to JSONArray().put(obj("line" to 1, "accepted" to 47, "damaged" to 1, "short" to 2, "short_to" to "loss", "damage_reason" to "crushed")),
                ),
            )
            assertEquals(
                listOf("Dr 1300 4119.89, Cr 1310 4119.89", "Dr 1300 87.66, Cr 1310 87.66", "Dr 5200 175.31, Cr 1310 175.31"),
                received.vouchers(),
                method,
            )
            assertEquals(dec("4119.89"), (dec("4382.86") * dec("47") / dec("50")).setScale(2, RoundingMode.HALF_UP))
            val credited = received.events().filter { it.getString("type") == "journal_posted" }
                .flatMap { it.getJSONArray("lines").objects() }
                .fold(BigDecimal.ZERO) { s, l -> s + l.decimal("credit") }
            assertEquals(dec("4382.86"), credited)
            val fan = h.position("FAN", "DE")
            fan.getJSONObject("quantities").let { q ->
                assertEquals(listOf(47L, 1L, 0L), listOf("available", "damaged", "in_transit").map { q.getLong(it) })
            }
            assertEquals(1L, fan.getJSONObject("damaged_by_reason").getLong("crushed"))
            assertEquals(dec("4207.55"), h.value("FAN", "DE"), method)
            val t = JSONObject(h.book.transfer("T-1"))
            assertEquals("received", t.getString("status"))
            val line = t.getJSONArray("lines").getJSONObject(0)
            assertEquals(listOf(47L, 1L, 2L, 50L), listOf("accepted", "damaged", "short", "shipped").map { line.getLong(it) })
            assertEquals(dec("4382.86"), line.decimal("shipped_value"))

            val after = JSONObject(h.book.inTransit(day("2026-11-20")))
            assertEquals("0.00", after.getJSONObject("total_value").getString("amount"))
            assertEquals("CNY", after.getJSONObject("total_value").getString("currency"))
            val rows = h.reconciliation()
            assertEquals(listOf("SZ", "DE", "FBA-US", "goods_in_transit"), rows.map { it.getString("scope") })
            h.assertReconciled()
            assertEquals("0.00", rows.last().getJSONObject("ledger").getString("amount"))
            assertEquals("175.31", h.trialBalance("2026-11-30").balance("5200"))
        }
    }

    @Test
    fun `bad trade input is refused with its code and changes nothing`() {
        val h = seller()
        h.purchaseAndReceive()
        h.run(obj("type" to "create_transfer", "transfer" to "T-2", "source" to "SZ", "destination" to "FBA-US", "lines" to JSONArray().put(obj("sku" to "LAMP", "quantity" to 30))))
        // Receiving a transfer that never shipped.
        val notShipped = h.refused(
            "DOCUMENT_STATE",
            obj("type" to "receive_transfer", "transfer" to "T-2", "lines" to JSONArray().put(obj("line" to 1, "accepted" to 30))),
        )
        assertTrue(notShipped.detail.contains("T-2"), notShipped.detail)
        h.run(obj("type" to "approve_transfer", "transfer" to "T-2"))
        // Shipping more than was committed.
        h.refused("QUANTITY_EXCEEDED", obj("type" to "ship_transfer", "transfer" to "T-2", "lines" to JSONArray().put(obj("line" to 1, "quantity" to 31))))
        // Cancelling before shipping releases the commitment; a cancelled transfer cannot be approved.
        h.run(obj("type" to "cancel_transfer", "transfer" to "T-2"))
        h.quantities("LAMP", "SZ").let { assertEquals(listOf(100L, 0L), listOf(it.getLong("available"), it.getLong("committed"))) }
        h.refused("DOCUMENT_STATE", obj("type" to "approve_transfer", "transfer" to "T-2"))
        assertEquals("cancelled", JSONObject(h.book.transfer("T-2")).getString("status"))
        expectCode("UNKNOWN_DOCUMENT") { h.book.transfer("T-404") }

        // A weight basis of zero (CABLE has no weight) is refused unless the voucher asks for equal shares.
        val handling = { fallback: Boolean ->
            obj(
                "type" to "apply_landed_cost", "voucher" to "LC-W", "date" to "2026-11-10", "equal_fallback" to fallback,
                "charges" to JSONArray().put(obj("description" to "Handling", "amount" to cost("10.00", "CNY"), "account" to "2200", "method" to "weight")),
                "targets" to JSONArray().put(receiptTarget(3)),
            )
        }
        val zero = h.refused("ZERO_ALLOCATION_BASIS", handling(false))
        assertTrue(zero.detail.contains("receipt GRN-1 line 3"), zero.detail)
        assertEquals(listOf("Dr 1300 10.00, Cr 2200 10.00"), h.run(handling(true)).vouchers())
        assertEquals(dec("578.00"), h.value("CABLE", "SZ"))

        // A decimal sent as a JSON number is refused: money is never a float.
        h.refused("INVALID_COMMAND", createPo("PO-F", poLine("LAMP", 1, "2.50").put("unit_price", obj("amount" to 2.5, "currency" to "USD"))))
        // Every trade code is listed.
        assertTrue(errorCodes().containsAll(listOf("OVER_RECEIPT", "DOCUMENT_STATE", "QUANTITY_EXCEEDED", "ZERO_ALLOCATION_BASIS")))
    }

    @Test
    fun `a custom chart must map the four trade roles`() {
        val accounts = listOf(
            "1100" to "asset", "1200" to "asset", "1300" to "asset", "2000" to "liability", "2100" to "liability",
            "4000" to "revenue", "4200" to "revenue", "5000" to "expense", "5100" to "expense", "5400" to "expense",
            "5500" to "expense", "7000" to "expense", "7100" to "expense", "7900" to "expense",
            "1319" to "asset", "1409" to "asset", "5209" to "expense", "5309" to "expense",
        )
        val before = listOf(
            "inventory" to "1300", "grni" to "2100", "cogs" to "5000", "inventory_gain" to "4200",
            "inventory_loss" to "5100", "disposal_expense" to "5400", "sample_expense" to "5500",
            "receivable" to "1200", "revenue" to "4000", "payable" to "2000", "cash" to "1100",
            "realized_fx" to "7000", "unrealized_fx" to "7100", "rounding" to "7900",
        )
        val trade = listOf("goods_in_transit" to "1319", "transit_loss" to "5209", "carrier_claim" to "1409", "price_variance" to "5309")
        fun config(rules: List<Pair<String, String>>) = obj(
            "functional_currency" to "CNY",
            "ledger" to obj(
                "type" to "custom",
                "accounts" to JSONArray(accounts.map { (code, type) -> obj("code" to code, "name" to "Account $code", "type" to type) }),
                "rules" to JSONArray(rules.map { (role, account) -> obj("role" to role, "account" to account) }),
            ),
        )
        val missing = expectCode("MISSING_POSTING_RULE") { Book(config(before).toString()) }
        // The message names the role as configurations spell it ("goods_in_transit").
        val named = listOf("goods_in_transit", "transit_loss", "carrier_claim", "price_variance")
            .flatMap { listOf(it, it.split('_').joinToString("") { w -> w.replaceFirstChar(Char::uppercase) }) }
        assertTrue(named.any { missing.detail.contains(it) }, missing.detail)

        // With them, a transfer posts through the chart's own transit accounts.
        val h = Harness(config(before + trade))
        h.run(receive("A", "SZ", 10, "4.00", "CNY"))
        h.run(obj("type" to "create_transfer", "transfer" to "T-9", "source" to "SZ", "destination" to "DE", "lines" to JSONArray().put(obj("sku" to "A", "quantity" to 10))))
        h.run(obj("type" to "approve_transfer", "transfer" to "T-9"))
        assertEquals(listOf("Dr 1319 40.00, Cr 1300 40.00"), h.run(obj("type" to "ship_transfer", "transfer" to "T-9")).vouchers())
        val received = h.run(obj("type" to "receive_transfer", "transfer" to "T-9", "lines" to JSONArray().put(obj("line" to 1, "accepted" to 9, "short" to 1, "short_to" to "claim"))))
        assertEquals(listOf("Dr 1300 36.00, Cr 1319 36.00", "Dr 1409 4.00, Cr 1319 4.00"), received.vouchers())
        h.assertReconciled()
    }

    @Test
    fun `every decimal in the trade reports is a string`() {
        val decimals = schemaDecimalFields()
        val h = seller()
        h.purchaseAndReceive()
        h.at(10)
        h.run(freight("LC-1", 1, 2, 3))
        h.run(obj("type" to "create_transfer", "transfer" to "T-1", "source" to "SZ", "destination" to "DE", "lines" to JSONArray().put(obj("sku" to "FAN", "quantity" to 50))))
        h.run(obj("type" to "approve_transfer", "transfer" to "T-1"))
        h.run(obj("type" to "ship_transfer", "transfer" to "T-1"))
        val outputs = listOf(
            h.book.purchaseOrders(), h.book.transfer("T-1"), h.book.inTransit(day("2026-11-12")),
            h.book.landedCost(), h.book.reconciliation(), h.book.journal(),
        )
        var checked = 0
        for (output in outputs) {
            for ((key, value) in valuesUnder(output, decimals)) {
                assertTrue(value is String, "$key = $value (${value?.javaClass}) in $output")
                BigDecimal(value as String)
                checked++
            }
        }
        assertTrue(checked >= 50, "only $checked decimals seen")
    }
}

// The seller of core/tests/trade_examples.rs: a CNY book; SZ (own), DE (3PL),
// FBA-US; LAMP 1.2 kg 30×20×10 cm, FAN 0.5 kg 40×30×30 cm, CABLE; supplier F1
// in USD; USD at 7.10 on 2 Nov and 7.20 from 10 Nov, EUR at 7.80 from 10 Nov.
private fun seller(method: String = "moving_average"): Harness {
    val h = Harness(obj("functional_currency" to "CNY", "valuation_method" to method), standard = false)
    for ((code, kind) in listOf("SZ" to "own", "DE" to "third_party", "FBA-US" to "fba")) {
        h.run(obj("type" to "define_location", "code" to code, "name" to code, "kind" to kind))
    }
    h.run(sku("LAMP", "1.2", "30", "20", "10"))
    h.run(sku("FAN", "0.5", "40", "30", "30"))
    h.run(obj("type" to "define_sku", "code" to "CABLE", "name" to "Cable"))
    h.run(obj("type" to "define_supplier", "code" to "F1", "name" to "Factory", "currency" to "USD", "payment_terms_days" to 30))
    h.run(
        obj(
            "type" to "record_rates",
            "entries" to JSONArray(
                listOf(
                    rate("USD", "2026-11-02", "7.10"),
                    rate("USD", "2026-11-10", "7.20"),
                    rate("EUR", "2026-11-10", "7.80"),
                ),
            ),
        ),
    )
    return h
}

private fun sku(code: String, weightKg: String, length: String, width: String, height: String) = obj(
    "type" to "define_sku", "code" to code, "name" to code, "weight_kg" to weightKg,
    "dimensions_cm" to obj("length" to length, "width" to width, "height" to height),
)

private fun rate(base: String, date: String, rate: String) =
    obj("base" to base, "quote" to "CNY", "date" to date, "rate" to rate)

private fun poLine(sku: String, quantity: Long, unitPrice: String) =
    obj("sku" to sku, "quantity" to quantity, "unit_price" to cost(unitPrice, "USD"), "destination" to "SZ")

private fun createPo(po: String, vararg lines: JSONObject) = obj(
    "type" to "create_purchase_order", "po" to po, "supplier" to "F1", "date" to "2026-11-01",
    "lines" to JSONArray(lines.toList()),
)

private fun receivePo(po: String, receipt: String, vararg lines: Pair<Int, Int>) = obj(
    "type" to "receive_purchase_order", "po" to po, "receipt" to receipt,
    "lines" to JSONArray(lines.map { (line, quantity) -> obj("line" to line, "quantity" to quantity) }),
)

private fun receiptTarget(line: Int) = obj("type" to "receipt", "receipt" to "GRN-1", "line" to line)

/** Sea freight 300.00 USD on the given lines of GRN-1, by chargeable weight (divisor 6000). */
private fun freight(voucher: String, vararg lines: Int) = obj(
    "type" to "apply_landed_cost", "voucher" to voucher, "date" to "2026-11-10",
    "charges" to JSONArray().put(
        obj(
            "description" to "Sea freight", "kind" to "freight", "amount" to cost("300.00", "USD"),
            "account" to "2200", "method" to "chargeable_weight", "divisor" to 6000,
        ),
    ),
    "targets" to JSONArray(lines.map(::receiptTarget)),
)

/** PO-1 of LAMP 100 @ 2.50, FAN 50 @ 8.00, CABLE 200 @ 0.40 USD, confirmed, received whole as GRN-1 on 2 Nov. */
private fun Harness.purchaseAndReceive(): JSONObject {
    run(createPo("PO-1", poLine("LAMP", 100, "2.50"), poLine("FAN", 50, "8.00"), poLine("CABLE", 200, "0.40")))
    run(obj("type" to "confirm_purchase_order", "po" to "PO-1"))
    at(2)
    return run(receivePo("PO-1", "GRN-1", 1 to 100, 2 to 50, 3 to 200))
}

/** Sets the clock to 09:00 UTC on [day] November 2026 (the next command runs a minute later). */
private fun Harness.at(day: Int) {
    clock = Instant.parse("2026-11-%02dT09:00:00Z".format(day))
}

private fun Harness.quantities(sku: String, location: String): JSONObject = position(sku, location).getJSONObject("quantities")

private fun Harness.purchaseOrder(po: String): JSONObject =
    JSONArray(book.purchaseOrders()).objects().single { it.getString("po") == po }

private fun Harness.reconciliation(): List<JSONObject> = JSONArray(book.reconciliation()).objects()

/** Every reconciliation line, goods in transit included, has a zero difference. */
private fun Harness.assertReconciled() {
    for (row in reconciliation()) assertEquals(0, row.amount("difference").signum(), "$row")
}

/** Runs [command], expects it refused with [code], and checks that the book did not change. */
private fun Harness.refused(code: String, command: JSONObject): LandedException {
    val snapshot = book.snapshot()
    val version = book.version()
    val error = expectCode(code) { run(command) }
    assertEquals(snapshot, book.snapshot(), "$command changed the book")
    assertEquals(version, book.version())
    return error
}

private fun JSONObject.priceParts(key: String): List<String> =
    getJSONObject(key).let { listOf(it.getString("amount"), it.getString("currency")) }
