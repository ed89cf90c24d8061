// Bulk work from Kotlin: the 10,000 commands of bindings-json/benches/bulk.rs
// (the same lines, the same head hash as benches/bindings/bulk.py and
// bulk.js) through Book.executeLines and back through Book.replayLines.
// Prints commands per second, best of BULK_RUNS runs (5 by default). Not part
// of the test run (the test build only compiles it); run it, with the
// library built optimized, by:
//
//   bash benches/bindings/bulk-kotlin.sh
package dev.landed.bench

import dev.landed.Book
import java.time.Instant
import java.time.temporal.ChronoUnit

private const val CONFIG = """{"functional_currency":"USD"}"""
private const val COMMANDS = 10_000
private const val SKUS = 100
private val RUNS = System.getenv("BULK_RUNS")?.toInt() ?: 5

private fun sku(s: Int) = "S%03d".format(s)

/** A location, 100 SKUs, then groups of four commands on one SKU (receive 4,
 *  commit 2, sell 1, reserve 1), SKUs visited in steps of 37: one JSON line
 *  per command, written as Python's `json.dumps(separators=(",", ":"))` does. */
fun batchLines(): String {
    val commands = mutableListOf(
        """{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}""",
    )
    for (s in 0 until SKUS) commands += """{"type":"define_sku","code":"${sku(s)}","name":"Item $s"}"""
    for (i in 0 until COMMANDS - 1 - SKUS) {
        val code = sku((i / 4 * 37) % SKUS)
        commands += when (i % 4) {
            0 -> {
                val cents = 1300 + i % 97
                val amount = "${cents / 100}.%02d".format(cents % 100)
                """{"type":"receive","sku":"$code","location":"SZ","quantity":4,""" +
                    """"unit_cost":{"amount":"$amount","currency":"USD"}}"""
            }
            1 -> """{"type":"move","sku":"$code","location":"SZ","quantity":2,"from":"available","to":"committed"}"""
            2 -> """{"type":"issue","sku":"$code","location":"SZ","quantity":1,"reason":"sale"}"""
            else -> """{"type":"move","sku":"$code","location":"SZ","quantity":1,"from":"available","to":"reserved"}"""
        }
    }
    val start = Instant.parse("2026-11-02T09:00:00Z")
    val out = StringBuilder()
    commands.forEachIndexed { index, command ->
        val n = index + 1
        val at = start.plus(n.toLong(), ChronoUnit.SECONDS)
        out.append("""{"command":$command,"context":{"at":"$at","command_id":"b-$n"}}""").append('\n')
    }
    return out.toString()
}

private fun <T> best(work: () -> T): Pair<Double, T> {
    var fastest = Double.MAX_VALUE
    var out: T? = null
    repeat(RUNS) {
        val started = System.nanoTime()
        val result = work()
        fastest = minOf(fastest, (System.nanoTime() - started) / 1e9)
        out = result
    }
    @Suppress("UNCHECKED_CAST")
    return fastest to (out as T)
}

private fun report(what: String, seconds: Double) =
    println("%-48s %9.1f ms  %9.0f commands/s".format(what, seconds * 1e3, COMMANDS / seconds))

fun main() {
    val lines = batchLines()
    val (executeSeconds, run) = best {
        val book = Book(CONFIG)
        book to book.executeLines(lines, false)
    }
    val (book, out) = run
    check(out.errors.isEmpty() && out.executed == COMMANDS.toULong()) { out.errors.take(1).toString() }
    report("Kotlin Book.executeLines", executeSeconds)

    val (replaySeconds, replayed) = best { Book.replayLines(CONFIG, out.events) }
    check(replayed.headHash() == book.headHash()) { "replay reached another head" }
    report("Kotlin Book.replayLines", replaySeconds)
    println("${out.events.trimEnd().split('\n').size} events; head ${book.headHash()}")
}
