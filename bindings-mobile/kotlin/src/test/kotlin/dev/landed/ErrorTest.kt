package dev.landed

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class ErrorTest {
    @Test
    fun `exceptions carry the stable code and the message`() {
        val error = assertThrows<LandedException> { currency("ZZZ") }
        assertTrue(error is LandedException.Failure)
        assertEquals("UNKNOWN_CURRENCY", error.code)
        assertEquals("unknown currency code \"ZZZ\"", error.detail)
        // Throwable.message shows both; toString is the Rust Display form.
        assertEquals("code=UNKNOWN_CURRENCY, detail=unknown currency code \"ZZZ\"", error.message)
        assertEquals("[UNKNOWN_CURRENCY] unknown currency code \"ZZZ\"", error.toString())
        val failure = error as LandedException.Failure
        assertEquals("UNKNOWN_CURRENCY", failure.code)
    }

    @Test
    fun `every code of the core is listed`() {
        val codes = errorCodes()
        val foundations = listOf(
            "CURRENCY_MISMATCH", "UNKNOWN_CURRENCY", "DECIMAL_OVERFLOW", "INVALID_AMOUNT",
            "ALLOCATION_ZERO_WEIGHTS", "NEGATIVE_WEIGHT", "INVALID_MANUAL_ALLOCATION",
            "RATE_NOT_FOUND", "RATE_STALE", "NON_POSITIVE_RATE", "INVALID_RATE_FILE",
            "INVALID_DATE", "INVALID_OPTION", "INTERNAL",
        )
        assertTrue(codes.containsAll(foundations), "$codes")
        val book = listOf(
            "UNKNOWN_SKU", "UNKNOWN_LOCATION", "UNKNOWN_LOT", "DUPLICATE_CODE", "SKU_INACTIVE",
            "SKU_HAS_STOCK", "INVALID_QUANTITY", "INSUFFICIENT_STOCK", "LOT_RULE", "LOCATION_FROZEN",
            "STOCKTAKE_STATE", "INVALID_COMMAND", "IDEMPOTENCY_CONFLICT", "VERSION_CONFLICT",
            "INVALID_EVENT_LOG",
        )
        assertTrue(codes.containsAll(book), "$codes")
        val ledger = listOf(
            "UNKNOWN_ACCOUNT", "MISSING_POSTING_RULE", "UNBALANCED_ENTRY", "PERIOD_LOCKED",
            "UNKNOWN_DOCUMENT", "SETTLEMENT_TOO_LARGE", "ENTRY_STATE",
        )
        assertTrue(codes.containsAll(ledger), "$codes")
        val trade = listOf("OVER_RECEIPT", "DOCUMENT_STATE", "QUANTITY_EXCEEDED", "ZERO_ALLOCATION_BASIS")
        assertTrue(codes.containsAll(trade), "$codes")
        val integrity = listOf("QUANTITY_OVERFLOW", "BOOK_POISONED")
        assertTrue(codes.containsAll(integrity), "$codes")
        val selling = listOf(
            "UNKNOWN_CHANNEL", "UNKNOWN_SALES_ORDER", "OVER_SHIPMENT", "OVER_RETURN",
            "OVER_CANCELLATION", "RESTATEMENT_REFUSED", "OVER_REFUND",
        )
        assertTrue(codes.containsAll(selling), "$codes")
        val history = listOf("HISTORY_NOT_KEPT", "ARCHIVED")
        assertTrue(codes.containsAll(history), "$codes")
        // INVALID_SNAPSHOT comes with verified snapshots (restore).
        val arriving = setOf("INVALID_SNAPSHOT")
        // Nothing this binding does not know of (a new core code would show up here first).
        assertEquals((foundations + book + ledger + trade + integrity + selling + history).toSet(), codes.toSet() - arriving)
        assertEquals(codes.size, codes.toSet().size, "codes are unique")
        assertTrue(codes.all { it.matches(Regex("[A-Z][A-Z_]*")) }, "$codes")
    }

    @Test
    fun `a panic becomes INTERNAL, not a crash`() {
        val error = expectCode("INTERNAL") { internalPanicProbe() }
        assertEquals("internal error: panic: internal panic probe", error.detail)
        // The library still works after the panic.
        assertEquals("2.00 USD", money("1", "USD").add(money("1", "USD")).toString())
    }

    @Test
    fun `a book poisoned by a panic keeps refusing with INTERNAL`() {
        val book = RateBook("EUR")
        book.insert("EUR", "USD", day("2026-10-30"), dec("1.1172"))
        expectCode("INTERNAL") { book.panicWhileLockedProbe() }
        val after = expectCode("INTERNAL") { book.len() }
        assertTrue(after.detail.contains("unusable after a panic"), after.detail)
        expectCode("INTERNAL") { book.rate("EUR", "USD", day("2026-10-30")) }
        // Other books are unaffected.
        assertEquals(0uL, RateBook().len())
    }
}
