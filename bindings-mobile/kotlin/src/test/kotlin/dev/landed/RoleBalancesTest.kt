package dev.landed

import java.io.File
import java.math.BigDecimal
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

// Balances by account role: the month of tests/data/role-balances-month.json
// (a purchase in USD, a transfer through goods in transit, a sale, a supplier
// invoice paid at another rate) on the standard chart and on a custom chart
// with other codes. The figures by role are exact decimal strings, the same
// on both charts, and each is the sum of the balances of the accounts its
// rules map it to.
class RoleBalancesTest {
    private val month = JSONObject(File(repoRoot, "tests/data/role-balances-month.json").readText())

    private fun runMonth(config: JSONObject): Book {
        val book = Book(config.toString())
        val results = JSONArray(book.executeBatch(month.getJSONArray("batch").toString(), true)).objects()
        assertEquals(listOf<String>(), results.filter { !it.has("ok") }.map { it.toString() })
        return book
    }

    private fun charts(): Map<String, JSONObject> {
        val standard = month.getJSONObject("config")
        val custom = JSONObject(standard.toString()).put("ledger", month.getJSONObject("custom_chart"))
        return mapOf("standard" to standard, "custom" to custom)
    }

    @Test
    fun `inventory, COGS, goods in transit and realized FX by role on both charts`() {
        for ((chart, config) in charts()) {
            val book = runMonth(config)
            val expected = month.getJSONObject("expected")
            for (asOf in expected.keySet()) {
                val report = JSONObject(book.roleBalances(day(asOf)))
                assertEquals(asOf, report.getString("as_of"))
                val byRole = report.getJSONArray("roles").objects().associateBy { it.getString("role") }
                val figures = expected.getJSONObject(asOf)
                for (role in figures.keySet()) {
                    val balance = byRole.getValue(role).getJSONObject("balance")
                    assertEquals(figures.getString(role), balance.getString("amount"), "$chart $asOf $role")
                    assertEquals("CNY", balance.getString("currency"))
                }
                // Each role is its accounts' balances added up.
                val trial = ParsedTrialBalance(book.trialBalance(day(asOf)))
                for (line in byRole.values) {
                    val accounts = line.getJSONArray("accounts").toList().map { it as String }
                    val sum = accounts.mapNotNull { trial.balance(it) }.fold(BigDecimal.ZERO) { a, b -> a + BigDecimal(b) }
                    assertEquals(0, line.amount("balance").compareTo(sum), "$chart $asOf ${line.getString("role")}")
                }
            }
            val roles = JSONObject(book.roleBalances(day("2026-11-30"))).getJSONArray("roles").objects()
                .associate { it.getString("role") to it.getJSONArray("accounts").toList() }
            val accounts = month.getJSONObject("expected_accounts").getJSONObject(chart)
            for (role in accounts.keySet()) {
                assertEquals(accounts.getJSONArray(role).toList(), roles.getValue(role), "$chart $role")
            }
        }
    }

    @Test
    fun `a filter counts only matching lines, and a book without a ledger has no roles`() {
        val book = runMonth(month.getJSONObject("config"))
        val germany = JSONObject(book.roleBalances(day("2026-11-30"), LineFilter(location = "DE")))
        val inventory = germany.getJSONArray("roles").objects().first { it.getString("role") == "inventory" }
        assertEquals("710.00", inventory.getJSONObject("balance").getString("amount"))
        val off = Book(obj("functional_currency" to "CNY", "ledger" to obj("type" to "off")).toString())
        assertEquals(0, JSONObject(off.roleBalances(day("2026-11-30"))).getJSONArray("roles").length())
    }
}
