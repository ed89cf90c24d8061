package dev.landed

import java.math.BigDecimal
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class MoneyTest {
    @Test
    fun `ISO minor units`() {
        val expected = mapOf("JPY" to 0u, "KRW" to 0u, "USD" to 2u, "BHD" to 3u, "KWD" to 3u, "CLF" to 4u)
        for ((code, units) in expected) {
            assertEquals(units, currency(code).minorUnits, code)
        }
        val usd = currency("usd")
        assertEquals("USD", usd.code)
        assertEquals(840.toUShort(), usd.numericCode)
        assertFalse(usd.historical)
        assertTrue(currency("CYP").historical)
    }

    @Test
    fun `unknown currencies are refused`() {
        for (code in listOf("ZZZ", "US", "USDX", "", "XAU")) {
            expectCode("UNKNOWN_CURRENCY") { currency(code) }
        }
        expectCode("UNKNOWN_CURRENCY") { money("1", "ZZZ") }
        // A record built directly is checked when it is used.
        expectCode("UNKNOWN_CURRENCY") { Money(dec("1"), "ZZZ").neg() }
    }

    @Test
    fun `construct and parse`() {
        val price = money("12.34", "usd")
        assertEquals("USD", price.currency)
        assertEquals(dec("12.34"), price.amount)
        assertEquals(price, parseMoney("12.34 USD"))
        assertEquals(price, parseMoney("USD 12.34"))
        for (bad in listOf("1e3 USD", "abc USD", "1.0", "1 2 USD")) {
            expectCode("INVALID_AMOUNT") { parseMoney(bad) }
        }
        expectCode("UNKNOWN_CURRENCY") { parseMoney("1.00 ZZZ") }
    }

    @Test
    fun `string form shows at least the minor units`() {
        assertEquals("12.34 USD", money("12.34", "USD").toString())
        assertEquals("5.00 USD", money("5", "USD").toString())
        assertEquals("1000 JPY", money("1000", "JPY").toString())
        assertEquals("1.500 KWD", money("1.5", "KWD").toString())
        assertEquals("3.3333333 USD", money("3.3333333", "USD").toString())
    }

    @Test
    fun `arithmetic is exact and checked`() {
        val a = money("10.10", "USD")
        assertEquals("10.15", a.add(money("0.05", "USD")).amount.toPlainString())
        assertEquals("-9.90", a.sub(money("20", "USD")).amount.toPlainString())
        assertEquals("-10.10", a.neg().amount.toPlainString())
        assertEquals("30.300", a.mul(dec("3.0")).amount.toPlainString())
        // The Kotlin operators forward to the same calls.
        assertEquals(money("10.15", "USD"), a + money("0.05", "USD"))
        assertEquals(money("0.10", "USD"), a - money("10", "USD"))
        assertEquals(money("-10.10", "USD"), -a)
        assertEquals(money("20.20", "USD"), a * dec("2"))
        // 0.1 + 0.2 is exactly 0.3 (held at the currency's scale): no float anywhere.
        assertEquals(dec("0.30"), money("0.1", "USD").add(money("0.2", "USD")).amount)
        // 28 significant digits survive the round trip.
        val fine = dec("0.1234567890123456789012345678")
        assertEquals(fine, money("1", "USD").mul(fine).amount)
    }

    @Test
    fun `currency mismatch and overflow`() {
        val error = expectCode("CURRENCY_MISMATCH") { money("1", "USD").add(money("1", "EUR")) }
        assertEquals("currency mismatch: USD and EUR cannot be combined", error.detail)
        expectCode("CURRENCY_MISMATCH") { money("1", "USD") - money("1", "EUR") }
        val max = money("79228162514264337593543950335", "USD")
        expectCode("DECIMAL_OVERFLOW") { max.add(money("1", "USD")) }
        expectCode("DECIMAL_OVERFLOW") { max.mul(dec("2")) }
    }

    @Test
    fun `amounts outside the decimal range are refused with a code`() {
        // Lifting the BigDecimal fails in Rust; the binding reports it as a
        // typed LandedException, not as uniffi's InternalException.
        expectCode("INVALID_AMOUNT") { moneyOf(dec("1E+40"), "USD") }
        expectCode("INVALID_AMOUNT") { money("1", "USD").mul(dec("1E-40")) }
        expectCode("INVALID_AMOUNT") { Money(dec("1E+40"), "USD").neg() }
    }

    @Test
    fun `rounding strategies`() {
        val half = money("0.125", "USD")
        assertEquals(money("0.13", "USD"), half.round())
        assertEquals("0.13", half.round(RoundingStrategy.HALF_AWAY_FROM_ZERO).amount.toPlainString())
        assertEquals("0.12", half.round(RoundingStrategy.HALF_EVEN).amount.toPlainString())
        assertEquals("-0.13", half.neg().round().amount.toPlainString())
        assertEquals("2", money("2.5", "JPY").round(RoundingStrategy.HALF_EVEN).amount.toPlainString())
        assertEquals("3", money("2.5", "JPY").round().amount.toPlainString())
        assertEquals("1.235", money("1.23455", "KWD").round().amount.toPlainString())
        assertTrue(money("1.10", "USD").isRounded())
        assertFalse(money("1.105", "USD").isRounded())
    }

    @Test
    fun `equality and hashing follow the decimal value`() {
        val a = money("1.10", "USD")
        val b = money("1.1", "USD")
        assertEquals(a, b)
        assertEquals(a.hashCode(), b.hashCode())
        assertNotEquals(a, money("1.10", "EUR"))
        assertNotEquals(a, money("1.11", "USD"))
        assertEquals(2, setOf(a, b, money("2", "USD")).size)
    }

    @Test
    fun `amounts are BigDecimal, never floating point`() {
        val amount: BigDecimal = money("0.05", "USD").amount
        assertEquals(BigDecimal::class.java, amount.javaClass)
        val field = Money::class.java.getDeclaredField("amount")
        assertEquals(BigDecimal::class.java, field.type)
    }
}
