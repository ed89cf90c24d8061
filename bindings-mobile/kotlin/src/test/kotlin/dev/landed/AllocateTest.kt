package dev.landed

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertDoesNotThrow

class AllocateTest {
    private fun split(amount: String, currency: String, vararg weights: String) =
        allocate(money(amount, currency), weights.map(::dec))

    @Test
    fun `issue vectors`() {
        assertEquals(listOf("0.02", "0.03"), amounts(split("0.05", "USD", "3", "7")))
        assertEquals(listOf("-0.02", "-0.03"), amounts(split("-0.05", "USD", "3", "7")))
        assertEquals(listOf("33.34", "33.33", "33.33"), amounts(split("100.00", "USD", "1", "1", "1")))
        assertEquals(listOf("74.99", "25.00"), amounts(split("99.99", "USD", "75", "25")))
        assertEquals(listOf("0.02", "0.01"), amounts(split("0.03", "USD", "75", "25")))
        assertEquals(listOf("334", "333", "333"), amounts(split("1000", "JPY", "1", "1", "1")))
    }

    @Test
    fun `shares keep the currency and add up to the total`() {
        val total = money("1000.00", "EUR")
        val shares = allocate(total, listOf(dec("1.5"), dec("0"), dec("2.25"), dec("7")))
        assertEquals(listOf("EUR"), shares.map { it.currency }.distinct())
        assertEquals(total, shares.reduce { sum, share -> sum + share })
        assertEquals("0.00", shares[1].amount.toPlainString())
        assertEquals(listOf("0.500", "0.250", "0.250"), amounts(split("1.000", "KWD", "0.5", "0.25", "0.25")))
    }

    @Test
    fun `allocation refusals`() {
        expectCode("ALLOCATION_ZERO_WEIGHTS") { split("1.00", "USD", "0", "0") }
        expectCode("ALLOCATION_ZERO_WEIGHTS") { split("1.00", "USD") }
        val negative = expectCode("NEGATIVE_WEIGHT") { split("1.00", "USD", "1", "-1") }
        assertEquals("allocation weight #1 is negative (-1)", negative.detail)
        expectCode("INVALID_AMOUNT") { split("1.005", "USD", "1") }
    }

    @Test
    fun `equal split`() {
        assertEquals(listOf("334", "333", "333"), amounts(allocateEqual(money("1000", "JPY"), 3u)))
        assertEquals(listOf("0.34", "0.33", "0.33"), amounts(allocateEqual(money("1.00", "USD"), 3u)))
        expectCode("ALLOCATION_ZERO_WEIGHTS") { allocateEqual(money("1.00", "USD"), 0u) }
    }

    @Test
    fun `manual shares`() {
        val total = money("10.00", "EUR")
        assertDoesNotThrow { validateManual(total, listOf(money("7.50", "EUR"), money("2.50", "EUR"))) }
        val short = expectCode("INVALID_MANUAL_ALLOCATION") {
            validateManual(total, listOf(money("7.50", "EUR"), money("2.49", "EUR")))
        }
        assertEquals(
            "manual allocation is invalid: shares do not sum to the total (total 10.00 EUR, shares sum to 9.99 EUR)",
            short.detail,
        )
        expectCode("INVALID_MANUAL_ALLOCATION") { validateManual(total, listOf(money("10.001", "EUR"))) }
        expectCode("INVALID_MANUAL_ALLOCATION") {
            validateManual(total, listOf(money("11", "EUR"), money("-1", "EUR")))
        }
        expectCode("CURRENCY_MISMATCH") { validateManual(total, listOf(money("10.00", "USD"))) }
    }
}
