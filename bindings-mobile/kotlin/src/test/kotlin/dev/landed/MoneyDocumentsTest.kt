package dev.landed

import java.math.BigDecimal
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

// Money documents through the Book: rates from the book, a payment from a
// bank in another currency, one payment settling several documents net of a
// credit note, the lock on credit notes, and landed cost accrued to the
// clearing account then allocated. The numbers are those of
// core/tests/money_documents.rs; money is read as BigDecimal.
class MoneyDocumentsTest {
    private fun document(name: String, kind: String, party: String, date: String, amount: JSONObject, rate: String? = null) =
        obj(
            "type" to "record_invoice", "document" to name, "kind" to kind, "party" to party,
            "date" to date, "amount" to amount, "rate" to rate,
        )

    private fun rates(date: String, rate: String) =
        obj("type" to "record_rates", "entries" to JSONArray(listOf(obj("base" to "USD", "quote" to "CNY", "date" to date, "rate" to rate))))

    /** An account's balance through the end of time (zero without postings). */
    private fun Harness.balance(account: String): BigDecimal =
        trialBalance("2099-12-31").balance(account)?.let(::BigDecimal) ?: BigDecimal.ZERO

    /** Each open document: open and carrying amounts, as "7100.00 CNY". */
    private fun Harness.openItems(): Map<String, Pair<String, String>> =
        JSONArray(book.openItems(day("2099-12-31"))).objects().associate {
            fun shown(key: String) = it.getJSONObject(key).let { m -> "${m.getString("amount")} ${m.getString("currency")}" }
            it.getString("document") to (shown("open") to shown("carrying"))
        }

    /** Runs a command that must fail with [code]; checks the book is as it was. */
    private fun Harness.refused(command: JSONObject, code: String): LandedException {
        val before = book.snapshot() to book.version()
        val error = expectCode(code) { run(command) }
        assertEquals(before, book.snapshot() to book.version(), "a failed command changed the book")
        return error
    }

    /**
     * A CNY book owed by Amazon US: INV-1 1,000.00 USD at 7.10 (7,100.00),
     * INV-2 500.00 at 7.20 (3,600.00), and credit note CN-1 200.00 at 7.15
     * (1,430.00) the other way: 9,270.00 on the receivable.
     */
    private fun amazon(): Harness {
        val h = Harness("CNY")
        h.run(document("INV-1", "customer_invoice", "amazon-us", "2026-11-02", cost("1000.00", "USD"), "7.10"))
        h.run(document("INV-2", "customer_invoice", "amazon-us", "2026-11-05", cost("500.00", "USD"), "7.20"))
        h.run(document("CN-1", "customer_credit_note", "amazon-us", "2026-11-06", cost("200.00", "USD"), "7.15"))
        assertEquals(dec("9270.00"), h.balance("1200"))
        return h
    }

    @Test
    fun `a CNY bill at the book rate 7_10 paid with 985_00 from the USD bank realizes 15_00`() {
        val h = Harness("USD")
        // The book's rate of 2 November is 7.10 CNY a dollar: the bill, given no rate, is carried at 1,000.00.
        h.run(rates("2026-11-02", "7.10"))
        val billed = h.run(document("BILL-1", "supplier_invoice", "Shenzhen Lamps", "2026-11-02", cost("7100.00", "CNY")))
        assertEquals(listOf("Dr 2100 1000.00, Cr 2000 1000.00"), billed.vouchers())
        assertEquals(dec("1000.00"), billed.event().amount("carrying"))
        assertEquals(mapOf("BILL-1" to ("7100.00 CNY" to "1000.00 USD")), h.openItems())

        // Paid on the 20th (7.20: CNY 7,100.00 would be 986.11): 985.00 USD
        // left the bank. The payable goes at its 1,000.00: a gain of 15.00.
        h.run(rates("2026-11-20", "7.20"))
        val paid = h.run(
            obj(
                "type" to "record_settlement", "document" to "BILL-1", "date" to "2026-11-20",
                "amount" to cost("7100.00", "CNY"), "bank_amount" to cost("985.00", "USD"), "reference" to "TT-1",
            ),
        )
        assertEquals(listOf("Dr 2000 1000.00, Cr 1100 985.00, Cr 7000 15.00"), paid.vouchers())
        val settled = paid.event()
        assertEquals("settlement_recorded", settled.getString("type"))
        assertEquals(dec("1000.00"), settled.amount("carrying_settled"))
        assertEquals(dec("15.00"), settled.amount("realized"))
        assertEquals(emptyMap<String, Pair<String, String>>(), h.openItems())
        assertEquals(listOf(dec("-985.00"), dec("-15.00"), dec("0.00")), listOf("1100", "7000", "2000").map { h.balance(it) })
    }

    @Test
    fun `one record_payment settles two customer invoices net of a credit note`() {
        val h = amazon()
        fun payment(amount: String, vararg allocations: JSONObject) = obj(
            "type" to "record_payment", "date" to "2026-11-20", "amount" to cost(amount, "USD"), "rate" to "7.25",
            "reference" to "AMZ-PAYOUT-7", "allocations" to JSONArray(allocations.toList()),
        )
        // More than the three documents net (1,300.00) is refused.
        val everything = listOf("INV-1", "INV-2", "CN-1").map { obj("document" to it) }.toTypedArray()
        h.refused(payment("1300.01", *everything), "SETTLEMENT_TOO_LARGE")
        // 700.00 of INV-1, what is left for INV-2 (500.00), CN-1 (200.00) off: 700 + 500 − 200.
        val out = h.run(
            payment(
                "1000.00",
                obj("document" to "INV-1", "amount" to cost("700.00", "USD")),
                obj("document" to "INV-2"),
                obj("document" to "CN-1"),
            ),
        )
        // Shares of the 7,250.00 at 7.25: 5,075.00, 3,625.00 and 1,450.00.
        // Carried: 4,970.00 (7,100.00 × 700/1,000), 3,600.00 and 1,430.00.
        // Realized: +105.00, +25.00, and −20.00 on the credit note.
        assertEquals(
            listOf(
                "Dr 1100 7250.00, Dr 1200 1430.00, Dr 7000 20.00, Cr 1200 4970.00, " +
                    "Cr 1200 3600.00, Cr 7000 105.00, Cr 7000 25.00",
            ),
            out.vouchers(),
        )
        val paid = out.event()
        assertEquals("payment_recorded", paid.getString("type"))
        assertEquals(
            listOf(dec("700.00"), dec("500.00"), dec("200.00")),
            paid.getJSONObject("payment").getJSONArray("allocations").objects().map { it.amount("amount") },
        )
        assertEquals(
            listOf(
                Triple("INV-1", dec("4970.00"), dec("105.00")),
                Triple("INV-2", dec("3600.00"), dec("25.00")),
                Triple("CN-1", dec("1430.00"), dec("-20.00")),
            ),
            paid.getJSONArray("parts").objects().map { Triple(it.getString("document"), it.amount("carrying_settled"), it.amount("realized")) },
        )
        assertEquals(mapOf("INV-1" to ("300.00 USD" to "2130.00 CNY")), h.openItems())
        assertEquals(listOf(dec("2130.00"), dec("-110.00")), listOf("1200", "7000").map { h.balance(it) })
        // Its entry is not reversed: a payment the other way corrects it.
        val entry = out.events().single { it.getString("type") == "journal_posted" }.getLong("id")
        val refusal = h.refused(reverseEntry(entry, "2026-11-21"), "ENTRY_STATE")
        assertTrue("a payment the other way" in refusal.detail, refusal.detail)
    }

    @Test
    fun `a credit note in a locked period is refused with PERIOD_LOCKED and the book unchanged`() {
        val h = amazon()
        h.run(lockPeriod("2026-11-30"))
        fun credit(date: String) = document("CN-2", "customer_credit_note", "amazon-us", date, cost("100.00", "USD"), "7.30")
        val error = h.refused(credit("2026-11-21"), "PERIOD_LOCKED")
        assertTrue("2026-11-21 is in a locked period" in error.detail, error.detail)
        assertEquals(dec("9270.00"), h.balance("1200"))
        assertNull(h.openItems()["CN-2"])
        // Dated in the open period it posts: 100.00 × 7.30 = 730.00 off the receivable.
        assertEquals(listOf("Dr 4000 730.00, Cr 1200 730.00"), h.run(credit("2026-12-01")).vouchers())
        assertEquals(dec("8540.00"), h.balance("1200"))
        assertEquals("100.00 USD" to "730.00 CNY", h.openItems()["CN-2"])
    }

    @Test
    fun `a freight bill accrued to the clearing account is cleared by a later landed-cost voucher`() {
        val h = Harness("CNY")
        h.run(obj("type" to "define_supplier", "code" to "F1", "name" to "Factory", "currency" to "CNY"))
        val line = obj("sku" to "A", "quantity" to 100, "unit_price" to cost("10.00", "CNY"), "destination" to "SZ")
        h.run(obj("type" to "create_purchase_order", "po" to "PO-1", "supplier" to "F1", "date" to "2026-11-02", "lines" to JSONArray(listOf(line))))
        h.run(obj("type" to "confirm_purchase_order", "po" to "PO-1"))
        h.run(
            obj(
                "type" to "receive_purchase_order", "po" to "PO-1", "receipt" to "GRN-1",
                "lines" to JSONArray(listOf(obj("line" to 1, "quantity" to 100))),
            ),
        )
        fun clearing(): List<BigDecimal>? =
            JSONArray(h.book.reconciliation()).objects().singleOrNull { it.getString("scope") == "landed_cost_clearing" }
                ?.let { l -> listOf("subledger", "ledger", "difference").map { l.amount(it) } }
        assertNull(clearing())
        // 1,000.00 USD at 7.20, billed before anyone knows which receipt it belongs to.
        val bill = obj(
            "type" to "accrue_landed_cost", "document" to "FRT-1", "date" to "2026-11-03", "description" to "Sea freight",
            "kind" to "freight", "amount" to cost("1000.00", "USD"), "rate" to "7.20", "account" to "2200",
        )
        assertEquals(listOf("Dr 1450 7200.00, Cr 2200 7200.00"), h.run(bill).vouchers())
        assertEquals(listOf(dec("7200.00"), dec("7200.00"), dec("0.00")), clearing())
        // The open accrual, as a typed report: the bill with its rate, 7,200.00 left.
        val accrual = JSONArray(h.book.accruals()).objects().single()
        val spec = accrual.getJSONObject("accrual")
        assertEquals(listOf("FRT-1", "2200"), listOf(spec.getString("document"), spec.getString("account")))
        assertEquals(listOf(dec("1000.00"), dec("7.20")), listOf(spec.amount("amount"), spec.decimal("rate")))
        assertEquals(listOf(dec("7200.00"), dec("7200.00")), listOf(accrual.amount("functional"), accrual.amount("open")))
        assertTrue(!accrual.has("cleared_by"))
        h.refused(bill, "DUPLICATE_CODE")
        fun voucher(name: String, amount: String, clears: String): JSONObject {
            val charge = obj(
                "description" to "Sea freight", "kind" to "freight", "amount" to cost(amount, "CNY"),
                "account" to "1450", "method" to "quantity",
            )
            return obj(
                "type" to "apply_landed_cost", "voucher" to name, "date" to "2026-11-10", "clears" to clears,
                "charges" to JSONArray(listOf(charge)),
                "targets" to JSONArray(listOf(obj("type" to "receipt", "receipt" to "GRN-1", "line" to 1))),
            )
        }
        // 5,000.00 of it is GRN-1's: 50.00 a lamp, into stock.
        assertEquals(listOf("Dr 1300 5000.00, Cr 1450 5000.00"), h.run(voucher("LC-1", "5000.00", "FRT-1")).vouchers())
        assertEquals(dec("6000.00"), h.value("A", "SZ"))
        assertEquals(listOf(dec("2200.00"), dec("2200.00"), dec("0.00")), clearing())
        val left = JSONArray(h.book.accruals()).objects().single()
        assertEquals(dec("2200.00"), left.amount("open"))
        assertEquals(listOf("LC-1"), left.getJSONArray("cleared_by").toList())
        h.refused(voucher("LC-2", "2200.01", "FRT-1"), "INVALID_AMOUNT")
        h.refused(voucher("LC-2", "2200.00", "FRT-2"), "UNKNOWN_DOCUMENT")
        h.run(voucher("LC-2", "2200.00", "FRT-1"))
        assertEquals(listOf(dec("0.00"), dec("0.00"), dec("0.00")), clearing())
        assertEquals(0, JSONArray(h.book.accruals()).length())
        assertEquals(dec("8200.00"), h.value("A", "SZ"))
        assertEquals(h.book.snapshot(), Book.replay(h.book.config(), h.book.events()).snapshot())
    }
}
