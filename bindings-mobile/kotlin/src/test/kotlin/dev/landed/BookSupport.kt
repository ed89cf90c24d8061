package dev.landed

import java.io.File
import java.math.BigDecimal
import java.time.Instant
import org.json.JSONArray
import org.json.JSONObject

// Test helpers for the Book: the host's side of the JSON contract. Commands
// are written the way a host would write them (docs/schema/command.schema.json);
// outputs are parsed with org.json and decimals read as BigDecimal from their
// strings.

/** A JSON object of the non-null [fields], in order. */
fun obj(vararg fields: Pair<String, Any?>): JSONObject {
    val o = JSONObject()
    for ((key, value) in fields) if (value != null) o.put(key, value)
    return o
}

/**
 * A book that ran the batch of a fixture of tests/data (`{"config", "batch"}`),
 * every command accepted.
 */
fun fixtureBook(name: String): Book {
    val fixture = JSONObject(File(repoRoot, "tests/data/$name").readText())
    val book = Book(fixture.getJSONObject("config").toString())
    val results = JSONArray(book.executeBatch(fixture.getJSONArray("batch").toString(), true)).objects()
    if (results.any { !it.has("ok") }) error("$name: ${results.filter { !it.has("ok") }}")
    return book
}

/** A Money object: the amount is a decimal string, never a number. */
fun cost(amount: String, currency: String) = obj("amount" to amount, "currency" to currency)

fun defineLocation(code: String, kind: String = "own") =
    obj("type" to "define_location", "code" to code, "name" to "$code warehouse", "kind" to kind)

fun defineSku(code: String) = obj("type" to "define_sku", "code" to code, "name" to "$code item")

fun receive(sku: String, location: String, quantity: Long, unitCost: String, currency: String) =
    obj(
        "type" to "receive", "sku" to sku, "location" to location, "quantity" to quantity,
        "unit_cost" to cost(unitCost, currency),
    )

fun issue(sku: String, location: String, quantity: Long, bucket: String? = null, reference: String? = null) =
    obj(
        "type" to "issue", "sku" to sku, "location" to location, "quantity" to quantity,
        "reason" to "sale", "bucket" to bucket, "reference" to reference,
    )

fun move(sku: String, location: String, quantity: Long, from: String, to: String) =
    obj("type" to "move", "sku" to sku, "location" to location, "quantity" to quantity, "from" to from, "to" to to)

fun openStocktake(id: String, location: String) =
    obj("type" to "open_stocktake", "stocktake" to id, "location" to location)

fun recordCount(id: String, sku: String, counted: Long) =
    obj("type" to "record_count", "stocktake" to id, "sku" to sku, "counted" to counted)

fun postStocktake(id: String) = obj("type" to "post_stocktake", "stocktake" to id)

/** The exact decimal under [key] (a JSON string; a number fails the cast). */
fun JSONObject.decimal(key: String): BigDecimal = BigDecimal(get(key) as String)

/** The amount of the Money object under [key]. */
fun JSONObject.amount(key: String): BigDecimal = getJSONObject(key).decimal("amount")

fun JSONArray.objects(): List<JSONObject> = (0 until length()).map { getJSONObject(it) }

/** The `event` objects of an outcome, in order. */
fun JSONObject.events(): List<JSONObject> = getJSONArray("events").objects().map { it.getJSONObject("event") }

/**
 * A book with a clock that advances a minute per command and command ids
 * `cmd-1`, `cmd-2`… Starts with locations SZ (own) and DE (3PL) and SKUs A
 * and B unless [standard] is false.
 */
class Harness(config: JSONObject, standard: Boolean = true) {
    constructor(currency: String, method: String = "moving_average") :
        this(obj("functional_currency" to currency, "valuation_method" to method))

    val book = Book(config.toString())
    var clock: Instant = Instant.parse("2026-11-02T09:00:00Z")
    var next = 0

    init {
        if (standard) {
            run(defineLocation("SZ"))
            run(defineLocation("DE", "third_party"))
            run(defineSku("A"))
            run(defineSku("B"))
        }
    }

    /** The next context: a minute later, the next command id. */
    fun context(expectedVersion: ULong? = null): String {
        next += 1
        clock = clock.plusSeconds(60)
        return bookContext(clock, "cmd-$next", expectedVersion)
    }

    /** Executes [command]; returns the parsed outcome. */
    fun run(command: JSONObject): JSONObject = JSONObject(book.execute(command.toString(), context()))

    /** The value of the valuation line of [sku] at [location] (zero without one). */
    fun value(sku: String, location: String): BigDecimal =
        JSONArray(book.valuation(sku)).objects().firstOrNull { it.getString("location") == location }
            ?.amount("value") ?: BigDecimal.ZERO

    fun position(sku: String, location: String, lot: String? = null) = JSONObject(book.position(sku, location, lot))
}

/**
 * The property names that docs/schema declares as exact decimals (a `$ref`
 * to `#/$defs/Decimal`), read from the committed schemas.
 */
fun schemaDecimalFields(): Set<String> {
    val names = mutableSetOf<String>()
    fun walk(node: Any?) {
        when (node) {
            is JSONObject -> {
                node.optJSONObject("properties")?.let { props ->
                    for (name in props.keySet()) {
                        if (props.get(name).toString().contains("#/\$defs/Decimal")) names.add(name)
                    }
                }
                for (key in node.keySet()) walk(node.get(key))
            }
            is JSONArray -> for (i in 0 until node.length()) walk(node.get(i))
        }
    }
    val dir = File(repoRoot, "docs/schema")
    val files = dir.listFiles { f -> f.name.endsWith(".schema.json") }.orEmpty()
    check(files.isNotEmpty()) { "no schemas in $dir" }
    for (file in files) walk(JSONObject(file.readText()))
    return names
}

/** Every value under one of [keys] anywhere in [node] (JSON text, object or array). */
fun valuesUnder(node: Any?, keys: Set<String>): List<Pair<String, Any?>> {
    val out = mutableListOf<Pair<String, Any?>>()
    fun walk(n: Any?) {
        when (n) {
            is JSONObject -> for (key in n.keySet()) {
                val v = n.get(key)
                if (key in keys && v !is JSONObject && v !is JSONArray) out.add(key to v)
                walk(v)
            }
            is JSONArray -> for (i in 0 until n.length()) walk(n.get(i))
        }
    }
    walk(
        when (node) {
            is String -> if (node.trimStart().startsWith("[")) JSONArray(node) else JSONObject(node)
            else -> node
        },
    )
    return out
}

// Ledger: journal_posted events and the money-document commands.

/** The events of an outcome other than `journal_posted` (the stock and document events). */
fun JSONObject.businessEvents(): List<JSONObject> = events().filter { it.getString("type") != "journal_posted" }

/** The single non-journal event of an outcome. */
fun JSONObject.event(): JSONObject = businessEvents().single()

/**
 * A journal entry written the way an accountant reads it:
 * `"Dr 1300 100.00, Cr 2100 100.00"`, amounts exactly as the book gave them.
 */
fun voucher(entry: JSONObject): String =
    entry.getJSONArray("lines").objects().joinToString(", ") { line ->
        if (line.decimal("debit").signum() == 0) {
            "Cr ${line.getString("account")} ${line.getString("credit")}"
        } else {
            "Dr ${line.getString("account")} ${line.getString("debit")}"
        }
    }

/** The vouchers of the `journal_posted` events of an outcome, in order. */
fun JSONObject.vouchers(): List<String> =
    events().filter { it.getString("type") == "journal_posted" }.map(::voucher)

fun invoice(
    document: String,
    amount: String,
    currency: String,
    rate: String?,
    date: String,
    kind: String = "customer_invoice",
    party: String = "Amazon EU",
    channel: String? = "amazon-de",
    dueDate: String? = null,
) = obj(
    "type" to "record_invoice", "document" to document, "kind" to kind, "party" to party,
    "channel" to channel, "date" to date, "due_date" to dueDate, "amount" to cost(amount, currency),
    "rate" to rate,
)

fun settle(document: String, amount: String, currency: String, rate: String?, date: String) =
    obj(
        "type" to "record_settlement", "document" to document, "date" to date,
        "amount" to cost(amount, currency), "rate" to rate,
    )

/** Revaluation at closing [rates] (currency to functional units per unit, as strings). */
fun revalue(date: String, vararg rates: Pair<String, String>) =
    obj("type" to "revalue", "date" to date, "rates" to obj(*rates))

/** A manual line with a functional debit or credit. */
fun line(account: String, debit: String? = null, credit: String? = null) =
    obj("account" to account, "debit" to debit, "credit" to credit)

/** A manual line converted by the book: a signed transaction amount at a rate. */
fun converted(account: String, amount: String, currency: String, rate: String) =
    obj("account" to account, "amount" to cost(amount, currency), "rate" to rate)

fun postEntry(date: String, memo: String, vararg lines: JSONObject, document: String? = null) =
    obj("type" to "post_entry", "date" to date, "memo" to memo, "document" to document, "lines" to JSONArray(lines.toList()))

fun reverseEntry(entry: Long, date: String) = obj("type" to "reverse_entry", "entry" to entry, "date" to date)

fun lockPeriod(through: String) = obj("type" to "lock_period", "through" to through)

/** The trial balance parsed, with each account's line by code. */
class ParsedTrialBalance(json: String) {
    val root = JSONObject(json)
    val lines: Map<String, JSONObject> = root.getJSONArray("lines").objects().associateBy { it.getString("account") }

    /** The balance (debit − credit) of [account] as its exact string, `null` without postings. */
    fun balance(account: String): String? = lines[account]?.getJSONObject("balance")?.getString("amount")

    val totalDebit: BigDecimal get() = root.amount("total_debit")
    val totalCredit: BigDecimal get() = root.amount("total_credit")
}

fun Harness.trialBalance(asOf: String, filter: LineFilter? = null) = ParsedTrialBalance(book.trialBalance(day(asOf), filter))
