package dev.landed

import java.io.File
import java.math.BigDecimal
import java.nio.file.Files
import java.time.Instant
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The durable Store: a Book bound to a SQLite file, with the store's error codes. */
class StoreTest {
    private val config = "{\"functional_currency\":\"USD\",\"valuation_method\":\"fifo\"}"

    private fun ctx(n: Int): String = bookContext(Instant.parse("2026-11-02T09:00:00Z").plusSeconds(60L * n), "c$n")

    private val shop = listOf(
        defineLocation("SZ"),
        defineSku("LAMP"),
        receive("LAMP", "SZ", 10, "2.50", "USD"),
        receive("LAMP", "SZ", 10, "3.10", "USD"),
        issue("LAMP", "SZ", 12),
    )

    private fun scratch(): File = Files.createTempDirectory("landed-store").toFile()

    private fun runShop(execute: (String, String) -> String) {
        shop.forEachIndexed { i, command -> execute(command.toString(), ctx(i + 1)) }
    }

    @Test
    fun `three lines give a durable book equal to a replayed one`() {
        val path = File(scratch(), "shop.db").path
        Store.open(path, config).use { store -> runShop(store::execute) }

        val book = Book(config)
        runShop(book::execute)
        Store.open(path, config).use { again ->
            assertEquals(5uL, again.version())
            assertEquals(book.headHash(), again.headHash())
            assertEquals(64, again.headHash().length)
            // FIFO: the 12 issued are 10 at 2.50 and 2 at 3.10; 8 at 3.10 remain.
            assertEquals(8L, JSONObject(again.stock("LAMP")).getLong("on_hand"))
            val line = JSONArray(again.valuation("LAMP")).objects().single()
            assertEquals(BigDecimal("24.80"), line.amount("value"))
            assertEquals(book.valuation(null), again.valuation(null))
            assertEquals(book.trialBalance(java.time.LocalDate.parse("2026-11-30"), null), again.trialBalance(java.time.LocalDate.parse("2026-11-30"), null))
        }
        Store.openExisting(path).use { reopened ->
            assertEquals(5uL, reopened.version())
            expectCode("INSUFFICIENT_STOCK") { reopened.execute(issue("LAMP", "SZ", 9).toString(), ctx(6)) }
            assertEquals(5uL, reopened.version())
        }
        expectCode("STORE_CONFIG_MISMATCH") { Store.open(path, "{\"functional_currency\":\"CNY\"}") }
    }

    @Test
    fun `open existing on a missing file fails with STORE_IO`() {
        val missing = File(scratch(), "missing.db")
        val error = expectCode("STORE_IO") { Store.openExisting(missing.path) }
        assertTrue(error.detail.contains("does not exist"), error.detail)
        assertFalse(missing.exists())
        assertEquals(
            setOf("STORE_CONFLICT", "STORE_CORRUPT", "STORE_EXISTS", "STORE_IO", "STORE_CONFIG_MISMATCH"),
            storeErrorCodes().toSet(),
        )
    }

    @Test
    fun `racing handles conflict, then refresh and retry`() {
        val path = File(scratch(), "race.db").path
        Store.open(path, config).use { first ->
            Store.open(path, config).use { second ->
                runShop(first::execute)
                val depot = defineLocation("DE", "third_party").toString()
                val error = expectCode("STORE_CONFLICT") { second.execute(depot, ctx(6)) }
                assertTrue(error.detail.contains("version 0 to 5"), error.detail)
                // The conflict reloaded `second`: the retry goes through.
                assertEquals(5uL, second.version())
                assertEquals(6L, JSONObject(second.execute(depot, ctx(6))).getLong("version"))
                assertTrue(first.refresh())
                assertFalse(first.refresh())
                assertEquals(second.headHash(), first.headHash())
                first.execute(issue("LAMP", "SZ", 3).toString(), ctx(7))
                assertTrue(second.refresh())
                assertEquals(5L, JSONObject(second.stock("LAMP")).getLong("on_hand"))
                assertEquals(BigDecimal("15.50"), JSONArray(second.valuation("LAMP")).objects().single().amount("value"))
            }
        }
    }

    @Test
    fun `batches, snapshots and an export imported into a new store`() {
        val dir = scratch()
        val lines = File(dir, "log.jsonl")
        Store.open(File(dir, "source.db").path, config).use { store ->
            val items = JSONArray()
            shop.forEachIndexed { i, command -> items.put(obj("command" to command, "context" to JSONObject(ctx(i + 1)))) }
            val results = JSONArray(store.executeBatch(items.toString(), true)).objects()
            assertEquals(listOf(1L, 2L, 3L, 4L, 5L), results.map { it.getJSONObject("ok").getLong("version") })
            // Five commands; the two receipts and the issue each post a voucher.
            assertEquals(8, JSONArray(store.events()).length())
            assertEquals(8uL, store.snapshotNow())
            assertEquals(8uL, store.exportJsonl(lines.path))
            assertEquals(store.eventsLines(), lines.readText())
            Store.importJsonl(File(dir, "copy.db").path, lines.path, config).use { copy ->
                assertEquals(store.headHash(), copy.headHash())
            }
        }
        expectCode("STORE_EXISTS") { Store.importJsonl(File(dir, "copy.db").path, lines.path, config) }
        val edited = File(dir, "edited.jsonl")
        edited.writeText(lines.readText().replaceFirst("\"quantity\":10", "\"quantity\":11"))
        expectCode("STORE_CORRUPT") { Store.importJsonl(File(dir, "bad.db").path, edited.path, config) }
        assertFalse(File(dir, "bad.db").exists())
    }
}
