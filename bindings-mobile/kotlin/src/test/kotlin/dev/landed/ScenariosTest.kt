package dev.landed

import java.io.File
import java.math.BigDecimal
import java.math.BigInteger
import java.time.Instant
import java.time.LocalDate
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.fail

// The scenarios of tests/scenarios/ (see its README) through the Kotlin
// Book: commands go in as the JSON a host writes, contexts as an Instant and
// a command id, report dates as LocalDate and the profit grouping as its
// enum; the JSON the Book returns is parsed with org.json and written back
// as canonical JSON (keys sorted, no whitespace, integers only: decimals
// stay strings), which must equal the expected file the Rust runner wrote,
// byte for byte.
class ScenariosTest {
    private val dir = File(repoRoot, "tests/scenarios")

    private fun files(): List<File> =
        dir.listFiles { f -> f.name.endsWith(".json") && !f.name.endsWith(".expected.json") }.orEmpty().sortedBy { it.name }

    @Test
    fun `there are at least twelve scenarios`() {
        assertTrue(files().size >= 12, "${files().size} scenarios")
    }

    @TestFactory
    fun scenarios(): List<DynamicTest> = files().map { file ->
        DynamicTest.dynamicTest(file.name) {
            val actual = run(JSONObject(file.readText()))
            val expected = File(dir, file.name.removeSuffix(".json") + ".expected.json").readText()
            if (actual != expected) fail("${file.name}: ${firstDifference(actual, expected)}")
        }
    }

    private fun error(e: LandedException): JSONObject =
        obj("error" to obj("code" to e.code, "message" to e.detail))

    /** One query by name: the dispatcher every runner has. Returns JSON text or an error object. */
    private fun query(book: Book, name: String, args: JSONObject): Any {
        fun text(key: String) = args.getString(key)
        fun optional(key: String): String? = if (args.has(key)) args.getString(key) else null
        fun date(key: String) = LocalDate.parse(args.getString(key))
        return when (name) {
            "position" -> book.position(text("sku"), text("location"), optional("lot"))
            "stock" -> book.stock(text("sku"))
            "valuation" -> book.valuation(optional("sku"))
            "history" -> book.history(text("sku"))
            "journal" -> book.journal()
            "trial_balance" -> book.trialBalance(date("as_of"))
            "role_balances" -> book.roleBalances(date("as_of"))
            "account_ledger" -> book.accountLedger(text("account"))
            "reconciliation" -> book.reconciliation()
            "landed_cost" -> book.landedCost(optional("sku"))
            "in_transit" -> book.inTransit(date("as_of"))
            "transfer" -> book.transfer(text("transfer"))
            "purchase_orders" -> book.purchaseOrders()
            "open_items" -> book.openItems(date("as_of"))
            "accruals" -> book.accruals()
            "sales_order" -> book.salesOrder(text("channel"), text("order"))
            "sales_orders" -> book.salesOrders(optional("channel"))
            "order_exceptions" -> book.orderExceptions()
            "sales_settlement" -> book.salesSettlement(text("settlement"))
            "sales_settlements" -> book.salesSettlements(optional("channel"))
            "profit" -> book.profit(
                date("from"),
                date("to"),
                ProfitGroup.valueOf(text("group_by").uppercase()),
                optional("basis")?.let { ProfitBasis.valueOf(it.uppercase()) },
                optional("channel"),
            )
            "events" -> book.events()
            else -> fail("unknown query $name")
        }
    }

    private fun reports(book: Book, queries: JSONArray): List<String> = queries.objects().map { q ->
        val result = try {
            query(book, q.getString("query"), q.optJSONObject("args") ?: JSONObject())
        } catch (e: LandedException) {
            error(e)
        }
        canonical(if (result is String) parse(result) else result)
    }

    /** Runs one scenario: the text of its expected file. */
    private fun run(scenario: JSONObject): String {
        val config = scenario.getJSONObject("config").toString()
        val book = Book(config)
        val outcomes = scenario.getJSONArray("steps").objects().map { step ->
            val context = step.getJSONObject("context")
            val head = book.headHash()
            try {
                parse(
                    book.execute(
                        step.getJSONObject("command").toString(),
                        Instant.parse(context.getString("at")),
                        context.getString("command_id"),
                        if (context.has("expected_version")) context.getLong("expected_version").toULong() else null,
                        if (context.has("actor")) context.getString("actor") else null,
                    ),
                )
            } catch (e: LandedException) {
                assertEquals(head, book.headHash(), "a refused command changed the book")
                error(e)
            }
        }
        val queries = scenario.optJSONArray("queries") ?: JSONArray()
        val live = reports(book, queries)
        val parts = sortedMapOf(
            "outcomes" to "[${outcomes.joinToString(",") { canonical(it) }}]",
            "reports" to "[${live.joinToString(",")}]",
            "version" to book.version().toString(),
            "head_hash" to quote(book.headHash()),
        )
        if (scenario.optBoolean("replay")) {
            val replayed = Book.replay(config, book.events())
            assertEquals(live, reports(replayed, queries), "replayed reports differ")
            parts["replayed_head_hash"] = quote(replayed.headHash())
        }
        return parts.entries.joinToString(",", "{", "}") { (k, v) -> "${quote(k)}:$v" } + "\n"
    }

    private fun parse(text: String): Any = JSONArray("[$text]").get(0)

    /** Canonical JSON of a value parsed by org.json. */
    private fun canonical(value: Any?): String = when (value) {
        null, JSONObject.NULL -> "null"
        is String -> quote(value)
        is Boolean -> value.toString()
        is Int, is Long, is BigInteger -> value.toString()
        is BigDecimal -> {
            if (value.scale() > 0) fail("a non-integer number in the binding's output: $value")
            value.toPlainString()
        }
        is Number -> fail("a non-integer number in the binding's output: $value")
        is JSONArray -> (0 until value.length()).joinToString(",", "[", "]") { canonical(value.get(it)) }
        is JSONObject -> value.keySet().sorted().joinToString(",", "{", "}") { "${quote(it)}:${canonical(value.get(it))}" }
        else -> fail("unexpected ${value::class} in the binding's output")
    }

    /** A JSON string as serde_json writes it (only `"`, `\` and control characters escaped). */
    private fun quote(text: String): String {
        val out = StringBuilder("\"")
        for (c in text) {
            when (c) {
                '"' -> out.append("\\\"")
                '\\' -> out.append("\\\\")
                '\n' -> out.append("\\n")
                '\r' -> out.append("\\r")
                '\t' -> out.append("\\t")
                '\b' -> out.append("\\b")
                '\u000c' -> out.append("\\f")
                else -> if (c < ' ') out.append("\\u%04x".format(c.code)) else out.append(c)
            }
        }
        return out.append('"').toString()
    }

    private fun firstDifference(actual: String, expected: String): String {
        var at = 0
        while (at < actual.length && at < expected.length && actual[at] == expected[at]) at++
        val line = expected.take(at).count { it == '\n' } + 1
        fun around(text: String) = text.substring(maxOf(0, at - 80), minOf(text.length, at + 80))
        return "first difference at character $at (line $line):\n  actual:   …${around(actual)}…\n  expected: …${around(expected)}…"
    }
}
