package dev.landed

import java.math.BigDecimal
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

// The ledger through the Book: vouchers of stock movements and money
// documents, the queries (journal, trial balance, account ledger, open
// items, reconciliation) and the ledger's typed errors. The numbers are
// those of core/tests/ledger_examples.rs.
class LedgerTest {
    @Test
    fun `a EUR receivable in a CNY book realizes and revalues its exchange differences`() {
        val h = Harness("CNY")
        val invoiced = h.run(invoice("INV-1", "500.00", "EUR", "7.80", "2026-11-03"))
        assertEquals(listOf("invoice_recorded", "journal_posted"), invoiced.events().map { it.getString("type") })
        assertEquals(listOf("Dr 1200 3900.00, Cr 4000 3900.00"), invoiced.vouchers())
        // The receivable line keeps the EUR and the rate it was converted at.
        val receivable = invoiced.events()[1].getJSONArray("lines").objects().first { it.getString("account") == "1200" }
        assertEquals(dec("500.00"), receivable.amount("transaction_amount"))
        assertEquals("EUR", receivable.getJSONObject("transaction_amount").getString("currency"))
        assertEquals(dec("7.80"), receivable.decimal("rate"))

        // 200 × 7.90 = 1,580.00 received against 2/5 of 3,900.00 = 1,560.00: gain 20.00.
        assertEquals(
            listOf("Dr 1100 1580.00, Cr 1200 1560.00, Cr 7000 20.00"),
            h.run(settle("INV-1", "200.00", "EUR", "7.90", "2026-11-10")).vouchers(),
        )

        // 300 open at 7.70 = 2,310.00 against 2,340.00 carried: loss 30.00, back the next day.
        val revalued = h.run(revalue("2026-11-30", "EUR" to "7.70"))
        assertEquals(listOf("Dr 7100 30.00, Cr 1200 30.00", "Dr 1200 30.00, Cr 7100 30.00"), revalued.vouchers())
        val (loss, reversal) = revalued.events().filter { it.getString("type") == "journal_posted" }
        assertEquals("2026-11-30", loss.getString("date"))
        assertEquals("2026-12-01", reversal.getString("date"))
        assertEquals(loss.getLong("id"), reversal.getLong("reverses"))
        assertEquals("30.00", h.trialBalance("2026-11-30").balance("7100"))
        assertEquals("0.00", h.trialBalance("2026-12-01").balance("7100"))
        assertEquals("2310.00", h.trialBalance("2026-11-30").balance("1200"))

        // Open items: revaluation never changes what the document carries.
        val aged = JSONArray(h.book.openItems(day("2026-12-31"))).objects().single()
        assertEquals("INV-1", aged.getString("document"))
        assertEquals("customer_invoice", aged.getString("kind"))
        assertEquals("Amazon EU", aged.getString("party"))
        assertEquals("1200", aged.getString("account"))
        assertEquals(listOf("500.00", "EUR"), aged.moneyParts("original"))
        assertEquals(listOf("300.00", "EUR"), aged.moneyParts("open"))
        assertEquals(listOf("2340.00", "CNY"), aged.moneyParts("carrying"))
        assertEquals(dec("7.80"), aged.decimal("rate"))
        // Due on the invoice date (no due date given): 58 days overdue on 31 December.
        assertEquals(58, aged.getLong("days_overdue"))
        assertEquals("31-60", aged.getString("bucket"))
        // Aging follows the report date.
        val early = JSONArray(h.book.openItems(day("2026-11-20"))).objects().single()
        assertEquals(listOf(17L, "0-30"), listOf(early.getLong("days_overdue"), early.getString("bucket")))
        val late = JSONArray(h.book.openItems(day("2027-03-01"))).objects().single()
        assertEquals(listOf(118L, "90+"), listOf(late.getLong("days_overdue"), late.getString("bucket")))

        // The rest: 2,325.00 received against the 2,340.00 still carried: loss 15.00.
        assertEquals(
            listOf("Dr 1100 2325.00, Dr 7000 15.00, Cr 1200 2340.00"),
            h.run(settle("INV-1", "300.00", "EUR", "7.75", "2026-12-05")).vouchers(),
        )
        assertEquals(0, JSONArray(h.book.openItems(day("2026-12-31"))).length())
        val tb = h.trialBalance("2026-12-31")
        assertEquals("2026-12-31", tb.root.getString("as_of"))
        assertEquals("0.00", tb.balance("1200"))
        assertEquals("-5.00", tb.balance("7000")) // 20.00 gain, 15.00 loss
        assertEquals("3905.00", tb.balance("1100"))
        assertEquals("-3900.00", tb.balance("4000"))
        assertEquals("0.00", tb.balance("7100"))
        assertEquals(dec("0.00"), tb.lines.values.fold(BigDecimal.ZERO) { sum, l -> sum + l.amount("balance") })
        assertEquals(tb.totalDebit, tb.totalCredit)
        assertEquals(listOf("asset", "revenue"), listOf("1200", "4000").map { tb.lines.getValue(it).getString("type") })
        assertEquals("Accounts receivable", tb.lines.getValue("1200").getString("name"))
        assertEquals("CNY", tb.root.getJSONObject("total_debit").getString("currency"))

        // The receivable's ledger, in date order with its running balance.
        val ledger = JSONArray(h.book.accountLedger("1200")).objects()
        assertEquals(
            listOf("3900.00", "2340.00", "2310.00", "2340.00", "0.00"),
            ledger.map { it.getJSONObject("balance").getString("amount") },
        )
        assertEquals(
            listOf("2026-11-03", "2026-11-10", "2026-11-30", "2026-12-01", "2026-12-05"),
            ledger.map { it.getString("date") },
        )
        // Its EUR lines net to zero too.
        val eur = JSONArray(h.book.journal()).objects()
            .flatMap { it.getJSONArray("lines").objects() }
            .filter { it.getString("account") == "1200" && it.has("transaction_amount") }
            .map { it.amount("transaction_amount") }
        assertEquals(0, eur.fold(BigDecimal.ZERO, BigDecimal::add).signum(), "$eur")
        // Filtered by the document, only this invoice's lines count: the same balances here.
        val byDocument = h.trialBalance("2026-12-31", LineFilter(document = "INV-1"))
        assertEquals("0.00", byDocument.balance("1200"))
        assertEquals(byDocument.totalDebit, byDocument.totalCredit)
    }

    @Test
    fun `a USD supplier invoice paid from a CNY book realizes a gain`() {
        val h = Harness("CNY")
        val bill = invoice(
            "BILL-7", "1000.00", "USD", "7.10", "2026-11-03",
            kind = "supplier_invoice", party = "Shenzhen Lamp Factory", channel = null, dueDate = "2026-12-03",
        )
        assertEquals(listOf("Dr 2100 7100.00, Cr 2000 7100.00"), h.run(bill).vouchers())
        val open = JSONArray(h.book.openItems(day("2026-12-10"))).objects().single()
        assertEquals(listOf("supplier_invoice", "2026-12-03", 7L), listOf(open.getString("kind"), open.getString("due_date"), open.getLong("days_overdue")))
        // Paid at 7.05: 7,050.00 leaves the bank for 7,100.00 owed: gain 50.00.
        assertEquals(
            listOf("Dr 2000 7100.00, Cr 1100 7050.00, Cr 7000 50.00"),
            h.run(settle("BILL-7", "1000.00", "USD", "7.05", "2026-11-20")).vouchers(),
        )
        assertEquals("0.00", h.trialBalance("2026-12-31").balance("2000"))
    }

    @Test
    fun `stock movements post their vouchers and reconcile per location`() {
        val h = Harness("USD", "fifo")
        assertEquals(listOf("Dr 1300 100.00, Cr 2100 100.00"), h.run(receive("A", "SZ", 10, "10.00", "USD")).vouchers())
        assertEquals(listOf("Dr 1300 200.00, Cr 2100 200.00"), h.run(receive("A", "SZ", 10, "20.00", "USD")).vouchers())
        assertEquals(listOf("Dr 5000 200.00, Cr 1300 200.00"), h.run(issue("A", "SZ", 15)).vouchers())
        assertEquals(listOf("Dr 5100 20.00, Cr 1300 20.00"), h.run(adjust("A", "SZ", -1, "broken")).vouchers())
        assertEquals(listOf("Dr 1300 40.00, Cr 4200 40.00"), h.run(adjust("A", "SZ", 2, "found")).vouchers())
        // Moves change no value and post nothing.
        assertEquals(listOf<String>(), h.run(move("A", "SZ", 1, "available", "reserved")).vouchers())
        h.run(receive("B", "DE", 3, "1.50", "USD"))

        // The journal: one entry per value-changing event, dated by the command, with its dimensions.
        val journal = JSONArray(h.book.journal()).objects()
        assertEquals(
            listOf(
                "Dr 1300 100.00, Cr 2100 100.00", "Dr 1300 200.00, Cr 2100 200.00", "Dr 5000 200.00, Cr 1300 200.00",
                "Dr 5100 20.00, Cr 1300 20.00", "Dr 1300 40.00, Cr 4200 40.00", "Dr 1300 4.50, Cr 2100 4.50",
            ),
            journal.map(::voucher),
        )
        for (entry in journal) {
            assertEquals("2026-11-02", entry.getString("date"))
            val lines = entry.getJSONArray("lines").objects()
            assertEquals(
                lines.fold(BigDecimal.ZERO) { s, l -> s + l.decimal("debit") },
                lines.fold(BigDecimal.ZERO) { s, l -> s + l.decimal("credit") },
                "$entry",
            )
        }
        // Entry ids are the sequence numbers of the events: each follows its stock event.
        val events = JSONArray(h.book.events()).objects()
        for (entry in journal) {
            val recorded = events.first { it.getLong("seq") == entry.getLong("id") }
            assertEquals("journal_posted", recorded.getJSONObject("event").getString("type"))
        }
        val receiptLines = journal.last().getJSONArray("lines").objects()
        assertEquals(listOf("B", "DE"), receiptLines[0].getJSONObject("dimensions").let { listOf(it.getString("sku"), it.getString("location")) })

        // Trial balance: debits equal credits; inventory holds what the stock is worth.
        val tb = h.trialBalance("2026-12-31")
        assertEquals(dec("564.50"), tb.totalDebit)
        assertEquals(tb.totalDebit, tb.totalCredit)
        assertEquals(listOf("1300", "2100", "4200", "5000", "5100"), tb.lines.keys.toList())
        assertEquals(
            listOf("124.50", "-304.50", "-40.00", "200.00", "20.00"),
            tb.lines.keys.map { tb.balance(it) },
        )
        assertEquals(0, tb.lines.values.map { it.amount("balance") }.fold(BigDecimal.ZERO, BigDecimal::add).signum())
        // Nothing posts before the first command's day.
        val before = h.trialBalance("2026-11-01")
        assertEquals(0, before.lines.size)
        assertEquals(dec("0"), before.totalDebit.stripTrailingZeros())

        // Filtered by dimension: only the lines of SKU B, or of location SZ.
        val onlyB = h.trialBalance("2026-12-31", LineFilter(sku = "B"))
        assertEquals(mapOf("1300" to "4.50", "2100" to "-4.50"), onlyB.lines.keys.associateWith { onlyB.balance(it) })
        val atSz = h.trialBalance("2026-12-31", LineFilter(location = "SZ"))
        assertEquals("120.00", atSz.balance("1300"))
        assertEquals(atSz.totalDebit, atSz.totalCredit)
        assertEquals(0, h.trialBalance("2026-12-31", LineFilter(sku = "B", location = "SZ")).lines.size)

        // The inventory account's ledger with its running balance.
        val ledger = JSONArray(h.book.accountLedger("1300")).objects()
        assertEquals(
            listOf("100.00", "300.00", "100.00", "80.00", "120.00", "124.50"),
            ledger.map { it.getJSONObject("balance").getString("amount") },
        )
        assertEquals(0, ledger[2].amount("debit").signum())
        assertEquals(dec("200.00"), ledger[2].amount("credit"))
        assertEquals(journal.map { it.getLong("id") }, ledger.map { it.getLong("entry") })

        // Reconciliation: subledger (the stock's valuation) equals the ledger in every scope.
        val rows = JSONArray(h.book.reconciliation()).objects()
        assertEquals(
            listOf(
                listOf("SZ", "120.00", "120.00", "0.00"),
                listOf("DE", "4.50", "4.50", "0.00"),
            ),
            rows.map { r ->
                listOf(r.getString("scope")) +
                    listOf("subledger", "ledger", "difference").map { r.getJSONObject(it).getString("amount") }
            },
        )
        assertEquals(listOf("SZ"), rows[0].getJSONArray("locations").toList())
        assertEquals(h.value("A", "SZ"), rows[0].amount("subledger"))
        assertEquals(h.value("B", "DE"), rows[1].amount("subledger"))
    }

    @Test
    fun `a stocktake's variances and a JPY book reconcile too`() {
        val h = Harness("JPY")
        h.run(receive("A", "SZ", 7, "333.5", "JPY"))
        h.run(receive("B", "DE", 2, "100", "JPY"))
        h.run(openStocktake("ST-1", "SZ"))
        h.run(recordCount("ST-1", "A", 6))
        // 2335 / 7 = 333.57… → one unit lost is 334 yen.
        assertEquals(listOf("Dr 5100 334, Cr 1300 334"), h.run(postStocktake("ST-1")).vouchers())
        val rows = JSONArray(h.book.reconciliation()).objects()
        assertEquals(listOf("2001", "200"), rows.map { it.getJSONObject("ledger").getString("amount") })
        assertTrue(rows.all { it.amount("difference").signum() == 0 }, "$rows")
        assertEquals("2201", h.trialBalance("2026-11-02").balance("1300"))
        assertEquals("2001", h.trialBalance("2026-11-02", LineFilter(location = "SZ")).balance("1300"))
    }

    @Test
    fun `damaged units are written down through an allowance and released as they leave`() {
        // core/tests/ledger_examples.rs: 10 @ 12.50, 4 found damaged.
        val h = Harness(obj("functional_currency" to "USD", "damage_write_down" to true))
        h.run(receive("A", "SZ", 10, "12.50", "USD"))
        val damaged = h.run(move("A", "SZ", 4, "available", "damaged"))
        assertEquals(listOf("Dr 5410 50.00, Cr 1390 50.00"), damaged.vouchers())
        assertEquals(dec("50.00"), damaged.events()[0].amount("write_down"))
        val disposal = issue("A", "SZ", 1, bucket = "damaged").put("reason", "disposal")
        // The allowance goes with the unit: nothing is expensed twice.
        assertEquals(listOf("Dr 1390 12.50, Cr 1300 12.50"), h.run(disposal).vouchers())
        assertEquals(listOf("Dr 1390 12.50, Cr 5410 12.50"), h.run(move("A", "SZ", 1, "damaged", "available")).vouchers())
        assertEquals(dec("25.00"), h.position("A", "SZ").amount("write_down_allowance"))
        val sz = JSONArray(h.book.reconciliation()).objects()[0]
        assertEquals(
            listOf("112.50", "112.50", "25.00", "25.00", "87.50"),
            listOf("subledger", "ledger", "allowance", "allowance_ledger", "net").map { sz.getJSONObject(it).getString("amount") },
        )
        val off = obj("functional_currency" to "USD", "damage_write_down" to true, "ledger" to obj("type" to "off"))
        val error = expectCode("INVALID_COMMAND") { Book(off.toString()) }
        assertTrue(error.detail.contains("needs a ledger"), error.detail)
    }

    @Test
    fun `bad ledger input is refused with a typed code and changes nothing`() {
        val h = Harness("CNY")
        h.run(invoice("INV-1", "100.00", "EUR", "7.80", "2026-11-03"))
        h.run(lockPeriod("2026-10-31"))
        val cases = listOf(
            postEntry("2026-11-05", "owner's capital", line("1100", debit = "100.00"), line("3000", credit = "99.99"), document = "JV-1") to
                "UNBALANCED_ENTRY",
            postEntry("2026-11-05", "owner's capital", line("1100", debit = "100.00"), line("9999", credit = "100.00")) to
                "UNKNOWN_ACCOUNT",
            postEntry("2026-10-31", "owner's capital", line("1100", debit = "1.00"), line("3000", credit = "1.00")) to
                "PERIOD_LOCKED",
            settle("INV-1", "100.01", "EUR", "7.90", "2026-11-10") to "SETTLEMENT_TOO_LARGE",
            settle("INV-1", "100.00", "USD", "7.10", "2026-11-10") to "CURRENCY_MISMATCH",
            settle("INV-9", "1.00", "EUR", "7.90", "2026-11-10") to "UNKNOWN_DOCUMENT",
            invoice("INV-1", "5.00", "EUR", "7.80", "2026-11-03") to "DUPLICATE_CODE",
            revalue("2026-11-30") to "RATE_NOT_FOUND",
            reverseEntry(999, "2026-11-05") to "ENTRY_STATE",
            lockPeriod("2026-10-01") to "PERIOD_LOCKED",
        )
        for ((command, code) in cases) {
            val snapshot = h.book.snapshot()
            val version = h.book.version()
            val error = expectCode(code) { h.run(command) }
            assertEquals(snapshot, h.book.snapshot(), "$command changed the book")
            assertEquals(version, h.book.version())
            assertTrue(error.detail.isNotEmpty())
        }
        // The errors name the document and the numbers.
        val tooLarge = expectCode("SETTLEMENT_TOO_LARGE") { h.run(settle("INV-1", "100.01", "EUR", "7.90", "2026-11-10")) }
        assertTrue(tooLarge.detail.contains("INV-1") && tooLarge.detail.contains("100.01"), tooLarge.detail)
        val unbalanced = expectCode("UNBALANCED_ENTRY") {
            h.run(postEntry("2026-11-05", "capital", line("1100", debit = "100.00"), line("3000", credit = "99.99")))
        }
        assertTrue(unbalanced.detail.contains("100.00") && unbalanced.detail.contains("99.99"), unbalanced.detail)
        // Reports refuse an unknown account too.
        expectCode("UNKNOWN_ACCOUNT") { h.book.accountLedger("9999") }

        // Stock commands dated in a locked period are refused as well (the harness clock is 2026-11-02).
        h.run(lockPeriod("2026-11-30"))
        val snapshot = h.book.snapshot()
        expectCode("PERIOD_LOCKED") { h.run(receive("A", "SZ", 1, "1.00", "CNY")) }
        assertEquals(snapshot, h.book.snapshot())

        // An entry converted line by line: 30.03 × 7.8034 = 234.34 against
        // 3 × 78.11 = 234.33 leaves 0.01, posted to the rounding account explicitly.
        val out = h.run(
            postEntry(
                "2026-12-02", "owner's capital",
                converted("1100", "30.03", "EUR", "7.8034"),
                converted("3000", "-10.01", "EUR", "7.8034"),
                converted("3000", "-10.01", "EUR", "7.8034"),
                converted("3000", "-10.01", "EUR", "7.8034"),
                document = "JV-2",
            ),
        )
        assertEquals(listOf("Dr 1100 234.34, Cr 3000 78.11, Cr 3000 78.11, Cr 3000 78.11, Cr 7900 0.01"), out.vouchers())
    }

    @Test
    fun `the entries of a document are not reversed`() {
        // Reversing an invoice's or a settlement's entry alone would leave the
        // receivable apart from the open item: refused, the book unchanged.
        val h = Harness("CNY")
        h.run(invoice("INV-5", "80.00", "EUR", "7.80", "2026-11-03"))
        h.run(settle("INV-5", "30.00", "EUR", "7.95", "2026-11-04"))
        val ids = JSONArray(h.book.journal()).objects().filter { it.optString("document") == "INV-5" }.map { it.getLong("id") }
        assertEquals(2, ids.size)
        val snapshot = h.book.snapshot()
        for ((id, hint) in ids.zip(listOf("with a credit note", "a payment the other way"))) {
            val detail = expectCode("ENTRY_STATE") { h.run(reverseEntry(id, "2026-11-06")) }.detail
            assertTrue(hint in detail, detail)
        }
        assertEquals(snapshot, h.book.snapshot())
        // 80.00 - 30.00 EUR left at 7.80: 390.00 on the receivable.
        assertEquals("390.00", h.trialBalance("2026-12-31", LineFilter(document = "INV-5")).balance("1200"))
    }

    @Test
    fun `a manual entry posts with its document and the lock keeps it`() {
        val h = Harness("USD")
        val out = h.run(
            postEntry("2026-11-05", "owner's capital", line("1100", debit = "1000.00"), line("3000", credit = "1000.00"), document = "JV-1"),
        )
        val entry = out.events().single()
        assertEquals(listOf("2026-11-05", "owner's capital", "JV-1"), listOf("date", "memo", "document").map { entry.getString(it) })
        assertEquals("Dr 1100 1000.00, Cr 3000 1000.00", voucher(entry))
        val locked = h.run(lockPeriod("2026-11-05")).events().single()
        assertEquals(listOf("period_locked", "2026-11-05"), listOf(locked.getString("type"), locked.getString("through")))
        // Reversing a locked entry is dated in the open period.
        expectCode("PERIOD_LOCKED") { h.run(reverseEntry(entry.getLong("id"), "2026-11-05")) }
        assertEquals(listOf("Dr 3000 1000.00, Cr 1100 1000.00"), h.run(reverseEntry(entry.getLong("id"), "2026-11-06")).vouchers())
        assertEquals("1000.00", h.trialBalance("2026-11-05").balance("1100"))
        assertEquals("0.00", h.trialBalance("2026-11-06").balance("1100"))
    }

    @Test
    fun `the chart is chosen in the config and checked when the book is made`() {
        // No rule for COGS: refused at creation, not at the first sale.
        val standard = JSONObject(Harness("USD").book.config()).getJSONObject("ledger")
        assertEquals("standard", standard.getString("type"))
        val custom = obj(
            "type" to "custom",
            "accounts" to JSONArray().put(obj("code" to "1300", "name" to "Inventory", "type" to "asset")),
            "rules" to JSONArray().put(obj("role" to "inventory", "account" to "1300")),
        )
        expectCode("MISSING_POSTING_RULE") { Book(obj("functional_currency" to "USD", "ledger" to custom).toString()) }
        val unknown = obj(
            "type" to "custom",
            "accounts" to JSONArray(),
            "rules" to JSONArray().put(obj("role" to "inventory", "account" to "1300")),
        )
        expectCode("UNKNOWN_ACCOUNT") { Book(obj("functional_currency" to "USD", "ledger" to unknown).toString()) }

        // Without a ledger, stock commands post nothing and money documents are refused.
        val off = Harness(obj("functional_currency" to "USD", "ledger" to obj("type" to "off")))
        assertEquals(listOf("received"), off.run(receive("A", "SZ", 2, "5.00", "USD")).events().map { it.getString("type") })
        assertEquals("[]", off.book.journal())
        expectCode("INVALID_COMMAND") { off.run(invoice("I", "1.00", "EUR", "1.1", "2026-11-03")) }
    }

    @Test
    fun `every decimal in the ledger's outputs is a string`() {
        val decimals = schemaDecimalFields()
        assertTrue(decimals.containsAll(listOf("debit", "credit", "rate", "rates", "amount")), "$decimals")
        val h = Harness("CNY")
        h.run(receive("A", "SZ", 3, "3.3333333333", "CNY"))
        h.run(invoice("INV-1", "500.00", "EUR", "7.80", "2026-11-03"))
        h.run(settle("INV-1", "200.00", "EUR", "7.90", "2026-11-10"))
        h.run(revalue("2026-11-30", "EUR" to "7.70"))
        val outputs = listOf(
            h.book.events(), h.book.snapshot(), h.book.journal(), h.book.trialBalance(day("2026-12-31")),
            h.book.accountLedger("1200"), h.book.openItems(day("2026-12-31")), h.book.reconciliation(),
        )
        var checked = 0
        val keys = mutableSetOf<String>()
        for (output in outputs) {
            for ((key, value) in valuesUnder(output, decimals)) {
                assertTrue(value is String, "$key = $value (${value?.javaClass}) in $output")
                BigDecimal(value as String)
                keys.add(key)
                checked++
            }
        }
        assertTrue(keys.containsAll(listOf("debit", "credit", "rate", "amount")), "$keys")
        assertTrue(checked >= 50, "only $checked decimals seen")
        // Rates in commands are decimal strings too (`rates` maps currency to one): a number is refused.
        val snapshot = h.book.snapshot()
        expectCode("INVALID_COMMAND") { h.run(revalue("2026-12-31").put("rates", JSONObject("{\"EUR\":7.7}"))) }
        expectCode("INVALID_COMMAND") { h.run(settle("INV-1", "1.00", "EUR", null, "2026-12-01").put("rate", 7.9)) }
        assertEquals(snapshot, h.book.snapshot())
    }
}

/** `[amount, currency]` of the Money object under [key], the amount exactly as given. */
private fun JSONObject.moneyParts(key: String): List<String> =
    getJSONObject(key).let { listOf(it.getString("amount"), it.getString("currency")) }

private fun adjust(sku: String, location: String, quantity: Long, reason: String) =
    obj("type" to "adjust", "sku" to sku, "location" to location, "quantity" to quantity, "reason" to reason)
