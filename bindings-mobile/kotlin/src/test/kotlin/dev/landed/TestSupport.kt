package dev.landed

import java.io.File
import java.math.BigDecimal
import java.time.LocalDate
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.assertThrows

fun dec(text: String) = BigDecimal(text)

fun money(amount: String, currency: String) = moneyOf(BigDecimal(amount), currency)

fun day(text: String): LocalDate = LocalDate.parse(text)

/** The amounts as exact strings, scale included ("25.00", not "25"). */
fun amounts(shares: List<Money>) = shares.map { it.amount.toPlainString() }

/** Runs [block], expects a LandedException with [code], and returns it. */
fun expectCode(code: String, block: () -> Unit): LandedException {
    val error = assertThrows<LandedException> { block() }
    assertEquals(code, error.code, "code of: ${error.detail}")
    return error
}

/** The workspace root, passed by Surefire (see pom.xml). */
val repoRoot: File = File(System.getProperty("landed.repo.root") ?: "../..").canonicalFile
