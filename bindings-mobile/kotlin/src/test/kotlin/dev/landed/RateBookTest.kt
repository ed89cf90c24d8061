package dev.landed

import java.io.File
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

class RateBookTest {
    private val sampleCsv = File(repoRoot, "tests/data/ecb-sample.csv").readText()
    private val friday = day("2026-10-30")
    private val sunday = day("2026-11-01")

    private fun sampleBook(): RateBook = RateBook("EUR").also { it.loadEcbCsv(sampleCsv) }

    @Test
    fun `loads the committed ECB sample`() {
        val book = RateBook("EUR")
        assertTrue(book.isEmpty())
        val summary = book.loadEcbCsv(sampleCsv)
        assertEquals(60uL, summary.days)
        assertEquals(1740uL, summary.rates)
        assertEquals(41, summary.currencies.size)
        assertEquals(listOf("USD", "JPY", "BGN"), summary.currencies.take(3))
        assertEquals(day("2026-08-10"), summary.firstDate)
        assertEquals(day("2026-10-30"), summary.lastDate)
        assertEquals(1740uL, book.len())
        assertEquals("EUR", book.pivot())
        // Loading again replaces; another rate type adds.
        book.loadEcbCsv(sampleCsv)
        assertEquals(1740uL, book.len())
        book.loadEcbCsv(sampleCsv, RateType.MONTHLY_AVERAGE)
        assertEquals(3480uL, book.len())
    }

    @Test
    fun `direct EUR to USD`() {
        val c = sampleBook().convert(money("100.00", "EUR"), "USD", friday, maxAgeDays = null)
        assertEquals(money("111.72", "USD"), c.amount)
        assertEquals("111.72", c.amount.amount.toPlainString())
        assertEquals(dec("1.1172"), c.rate)
        assertEquals(1, c.legs.size)
        val leg = c.legs[0]
        assertEquals(listOf("EUR", "USD"), listOf(leg.base, leg.quote))
        assertEquals(friday, leg.date)
        assertEquals(dec("1.1172"), leg.rate)
        assertFalse(leg.inverted)
    }

    @Test
    fun `inverse USD to EUR divides by the stored rate`() {
        val c = sampleBook().convert(money("100.00", "USD"), "EUR", friday, maxAgeDays = null)
        assertEquals("89.51", c.amount.amount.toPlainString())
        assertEquals("EUR", c.amount.currency)
        assertTrue(c.unrounded.toPlainString().startsWith("89.5094880057286072323666308"), c.unrounded.toPlainString())
        assertEquals(1, c.legs.size)
        assertTrue(c.legs[0].inverted)
        assertEquals(dec("1.1172"), c.legs[0].rate)
    }

    @Test
    fun `USD to JPY triangulates through EUR`() {
        val c = sampleBook().convert(money("1000.00", "USD"), "JPY", friday, maxAgeDays = null)
        assertEquals("157250 JPY", c.amount.toString())
        assertTrue(c.unrounded.toPlainString().startsWith("157250.26852846401718582"), c.unrounded.toPlainString())
        assertEquals(2, c.legs.size)
        assertEquals(listOf("EUR", "USD", "1.1172", "true"), c.legs[0].let { listOf(it.base, it.quote, it.rate.toPlainString(), "${it.inverted}") })
        assertEquals(listOf("EUR", "JPY", "175.68", "false"), c.legs[1].let { listOf(it.base, it.quote, it.rate.toPlainString(), "${it.inverted}") })
    }

    @Test
    fun `USD to CNY freight`() {
        val c = sampleBook().convert(money("1250.00", "USD"), "CNY", friday)
        assertEquals("8316.10 CNY", c.amount.toString())
        assertEquals("8316.10", c.amount.amount.toPlainString())
        assertEquals(listOf(dec("1.1172"), dec("7.4326")), c.legs.map { it.rate })
    }

    @Test
    fun `lookup policies on a Sunday`() {
        val book = sampleBook()
        val exact = expectCode("RATE_NOT_FOUND") { book.rate("EUR", "USD", sunday, maxAgeDays = null) }
        assertEquals("no spot rate EUR/USD for 2026-11-01 (policy: exact date)", exact.detail)
        val within3 = book.rate("EUR", "USD", sunday, maxAgeDays = 3u)
        assertEquals(friday, within3.legs.single().date)
        assertEquals(dec("1.1172"), within3.rate)
        assertEquals(listOf("EUR", "USD"), listOf(within3.from, within3.to))
        // The default policy accepts a rate up to 7 days old.
        assertEquals(friday, book.rate("EUR", "USD", sunday).legs.single().date)
        assertEquals("111.72 USD", book.convert(money("100.00", "EUR"), "USD", sunday).amount.toString())
        val stale = expectCode("RATE_STALE") { book.rate("EUR", "USD", sunday, maxAgeDays = 1u) }
        assertEquals(
            "spot rate EUR/USD for 2026-11-01 is stale: latest is 2026-10-30, 2 days old (max 1)",
            stale.detail,
        )
        expectCode("RATE_STALE") { book.convert(money("1.00", "USD"), "JPY", sunday, maxAgeDays = 1u) }
    }

    @Test
    fun `identity, rate types, no pivot`() {
        val book = sampleBook()
        val identity = book.rate("USD", "usd", friday, maxAgeDays = null)
        assertEquals(dec("1"), identity.rate)
        assertTrue(identity.legs.isEmpty())
        expectCode("RATE_NOT_FOUND") { book.rate("EUR", "USD", friday, RateType.MONTHLY_AVERAGE) }
        expectCode("RATE_NOT_FOUND") { book.rate("EUR", "CYP", friday, maxAgeDays = null) }
        expectCode("RATE_NOT_FOUND") { book.rate("EUR", "USD", day("2026-01-01")) }
        val flat = RateBook()
        assertNull(flat.pivot())
        flat.loadEcbCsv(sampleCsv)
        expectCode("RATE_NOT_FOUND") { flat.rate("USD", "JPY", friday, maxAgeDays = null) }
        expectCode("UNKNOWN_CURRENCY") { RateBook("ZZZ") }
        expectCode("UNKNOWN_CURRENCY") { book.rate("EUR", "ZZZ", friday) }
    }

    @Test
    fun `inserted rates, custom type and rounding choice`() {
        val book = RateBook()
        book.insert("EUR", "USD", day("2026-01-02"), dec("1.125"), RateType.CUSTOM)
        assertEquals(1uL, book.len())
        val eur = money("1.00", "EUR")
        val date = day("2026-01-02")
        assertEquals("1.12500", book.convert(eur, "USD", date, RateType.CUSTOM).unrounded.toPlainString())
        assertEquals("1.13", book.convert(eur, "USD", date, RateType.CUSTOM).amount.amount.toPlainString())
        assertEquals(
            "1.12",
            book.convert(eur, "USD", date, RateType.CUSTOM, rounding = RoundingStrategy.HALF_EVEN).amount.amount.toPlainString(),
        )
        expectCode("RATE_NOT_FOUND") { book.convert(eur, "USD", date) }
        // Replacing a rate of the same pair, type and date.
        book.insert("EUR", "USD", date, dec("1.5"), RateType.CUSTOM)
        assertEquals(1uL, book.len())
        assertEquals(dec("1.5"), book.rate("EUR", "USD", date, RateType.CUSTOM).rate)
    }

    @Test
    fun `bad rates and bad files are refused`() {
        val book = RateBook("EUR")
        val zero = expectCode("NON_POSITIVE_RATE") { book.insert("EUR", "USD", friday, dec("0")) }
        assertEquals("rate EUR/USD on 2026-10-30 must be positive, got 0", zero.detail)
        expectCode("NON_POSITIVE_RATE") { book.insert("EUR", "USD", friday, dec("-1.1")) }
        expectCode("INVALID_OPTION") { book.insert("EUR", "EUR", friday, dec("1")) }
        assertEquals(0uL, book.len())
        book.loadEcbCsv(sampleCsv)
        val bad = expectCode("INVALID_RATE_FILE") { book.loadEcbCsv("Date,USD,\n2026-01-02,abc,\n") }
        assertEquals("rate file line 2: invalid USD rate \"abc\"", bad.detail)
        expectCode("INVALID_RATE_FILE") { book.loadEcbCsv("") }
        assertEquals(1740uL, book.len(), "a failed load leaves the book unchanged")
    }

    @Test
    fun `a book can be shared between threads`() {
        val book = RateBook("EUR")
        val pool = Executors.newFixedThreadPool(4)
        val start = day("2020-01-01")
        for (thread in 0 until 4) {
            pool.submit {
                for (i in 0 until 50) {
                    book.insert("EUR", "USD", start.plusDays((thread * 50 + i).toLong()), dec("1.1"))
                }
            }
        }
        pool.shutdown()
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS))
        assertEquals(200uL, book.len())
        book.close()
    }

    @Test
    fun `full ECB history when present`() {
        val file = File(System.getenv("LANDED_ECB_HISTORY") ?: "")
        assumeTrue(file.isFile, "skipped: LANDED_ECB_HISTORY does not name a file")
        val book = RateBook("EUR")
        val summary = book.loadEcbCsv(file.readText())
        assertEquals(7126uL, summary.days)
        assertEquals(221_702uL, summary.rates)
        assertEquals(41, summary.currencies.size)
        assertEquals(day("1999-01-04"), summary.firstDate)
        assertEquals(day("2026-10-30"), summary.lastDate)
        fun direct(quote: String, date: String) = book.rate("EUR", quote, day(date), maxAgeDays = null).rate
        assertEquals(dec("1.1789"), direct("USD", "1999-01-04"))
        assertEquals(dec("133.73"), direct("JPY", "1999-01-04"))
        assertEquals(dec("0.58231"), direct("CYP", "1999-01-04"))
        assertEquals(dec("372274"), direct("TRL", "1999-01-04"))
        assertEquals(dec("117.201"), direct("RUB", "2022-03-01"))
        assertEquals(dec("1.1172"), direct("USD", "2026-10-30"))
        // N/A gaps become stale lookups under the default 7-day policy.
        expectCode("RATE_STALE") { book.rate("EUR", "CYP", day("2008-01-15")) }
        expectCode("RATE_STALE") { book.rate("EUR", "RUB", day("2022-03-15")) }
        assertEquals(day("2022-03-01"), book.rate("EUR", "RUB", day("2022-03-02")).legs.single().date)
        // Triangulation on real rates: 1000 USD -> JPY on 2020-03-16 = 1000 / 1.1157 * 117.76.
        val c = book.convert(money("1000.00", "USD"), "JPY", day("2020-03-16"), maxAgeDays = null)
        assertEquals("105548 JPY", c.amount.toString())
        assertEquals(listOf(dec("1.1157"), dec("117.76")), c.legs.map { it.rate })
    }
}
