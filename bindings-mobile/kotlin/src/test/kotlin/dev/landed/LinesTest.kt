package dev.landed

import java.io.File
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

// Bulk work as JSON lines: a batch in (executeLines), the recorded events
// out as one String of JSON lines, and a book replayed from that text
// (Book.replayLines). The book is the profit book of
// tests/data/profit-book.json.
class LinesTest {
    private val fixture = JSONObject(File(repoRoot, "tests/data/profit-book.json").readText())
    private val config = fixture.getJSONObject("config").toString()
    private val lines = fixture.getJSONArray("batch").objects().joinToString("") { "$it\n" }

    @Test
    fun `the profit book runs as lines and replays from its events text`() {
        val book = Book(config)
        val out = book.executeLines(lines, true)
        assertEquals(listOf<LineError>(), out.errors)
        assertEquals(Triple(8uL, 8uL, 0uL), Triple(out.version, out.executed, out.duplicates))
        assertTrue(out.events.endsWith("\n"))
        val eventLines = out.events.trimEnd().split("\n")
        assertEquals(17, eventLines.size)
        assertEquals(out.events, book.eventsLines())
        val log = JSONArray(book.events()).objects()
        assertEquals(log.map { it.getLong("seq") }, eventLines.map { JSONObject(it).getLong("seq") })
        assertEquals(book.headHash(), JSONObject(eventLines.last()).getString("hash"))

        val replayed = Book.replayLines(config, out.events)
        assertEquals(book.headHash(), replayed.headHash())
        assertEquals(book.snapshot(), replayed.snapshot())
    }

    @Test
    fun `failing lines are reported by number and all or nothing keeps nothing`() {
        val all = lines.trimEnd().split("\n")
        // Shipping order 1001 before its channel exists: line 5, after a blank line.
        val text = all.take(3).joinToString("\n") + "\n\n" + all[6] + "\n"
        val book = Book(config)
        val out = book.executeLines(text, false)
        assertEquals(Triple(3uL, 3uL, 0uL), Triple(out.version, out.executed, out.duplicates))
        assertEquals(listOf(5uL to "UNKNOWN_CHANNEL"), out.errors.map { it.line to it.code })
        assertEquals(4, out.events.trimEnd().split("\n").size)

        val fresh = Book(config)
        val before = fresh.snapshot()
        val undone = fresh.executeLines(text, true)
        assertEquals(Triple(0uL, 0uL, ""), Triple(undone.version, undone.executed, undone.events))
        assertEquals(listOf(5uL), undone.errors.map { it.line })
        assertEquals(before, fresh.snapshot())
    }

    @Test
    fun `a malformed line refuses the batch and an edited event the log`() {
        val book = Book(config)
        val bad = lines.replaceFirst("\"type\":\"define_channel\"", "\"type\":\"define_channel\",\"colour\":\"red\"")
        val error = expectCode("INVALID_COMMAND") { book.executeLines(bad, false) }
        assertTrue(error.detail.contains("line 4: command: unknown field `colour`"), error.detail)
        assertEquals(0uL, book.version())
        val events = book.executeLines(lines, false).events
        val edited = events.replaceFirst("\"quantity\":10", "\"quantity\":100")
        val refused = expectCode("INVALID_EVENT_LOG") { Book.replayLines(config, edited) }
        assertTrue(refused.detail.contains("cannot replay event 3:"), refused.detail)
        expectCode("INVALID_EVENT_LOG") { Book.replayLines(config, events.lines().first() + "\n{\n") }
    }
}
