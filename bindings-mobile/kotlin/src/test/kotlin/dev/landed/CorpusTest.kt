package dev.landed

import java.io.File
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows

/**
 * The shared bad-input corpus (tests/corpus/bad-inputs.json) through Kotlin,
 * one dynamic test per case: a fresh book from the corpus's config and setup,
 * its snapshot text and version taken, the bad input applied, the exact
 * error code checked, and the snapshot text and version checked byte for
 * byte afterwards. The same file is run by the Rust, Python and Node
 * runners; `-Dlanded.corpus=<path>` runs another file of the same format.
 *
 * The Book takes JSON text, so each input is sent as the case's own text:
 * `raw` as it is, and a JSON value as its exact slice of the corpus file
 * ([RawJson]), not re-serialized by org.json (which would rewrite numbers
 * such as `5.0` or `1e400` and so send another input).
 */
class CorpusTest {
    private val file = File(System.getProperty("landed.corpus") ?: File(repoRoot, "tests/corpus/bad-inputs.json").path)
    private val text = file.readText()
    private val doc = JSONObject(text)
    private val raw = RawJson(text).value() as RawJson.Obj

    private val config = raw.members.getValue("config").text
    private val setup = (raw.members.getValue("setup") as RawJson.Arr).items.map { it as RawJson.Obj }

    // A context and a command that are fine, for a case giving only the bad half.
    // (The defaults the corpus file's "about" prescribes.)
    private fun defaultContext(i: Int) = """{"at":"2026-11-10T09:00:00Z","command_id":"bad-$i"}"""
    private val defaultCommand =
        """{"type":"receive","sku":"LAMP","location":"SZ","quantity":1,"unit_cost":{"amount":"2.50","currency":"USD"}}"""

    private fun baseBook(): Book {
        val book = Book(config)
        for (step in setup) {
            book.execute(step.members.getValue("command").text, step.members.getValue("context").text)
        }
        return book
    }

    @TestFactory
    fun `every corpus case leaves the book byte-identical with the exact code`(): List<DynamicTest> {
        val cases = doc.getJSONArray("cases")
        val rawCases = (raw.members.getValue("cases") as RawJson.Arr).items.map { it as RawJson.Obj }
        assertEquals(cases.length(), rawCases.size)
        return (0 until cases.length()).map { i ->
            val case = cases.getJSONObject(i)
            val slices = rawCases[i].members
            DynamicTest.dynamicTest("${case.getString("kind")}: ${case.getString("name")}") {
                /** The bad input: `raw` when present, else the first of [keys] the case has. */
                fun bad(vararg keys: String): String =
                    if (case.has("raw")) case.getString("raw")
                    else keys.firstNotNullOfOrNull { slices[it]?.text }
                        ?: error("case has none of raw, ${keys.joinToString()}")

                val book = baseBook()
                val before = book.snapshot()
                val version = book.version()
                val expect = case.getString("expect")
                when (val kind = case.getString("kind")) {
                    "batch_all_or_nothing" -> {
                        // A malformed batch fails as a whole; otherwise the
                        // first failed item ends the list.
                        val code = try {
                            val results = JSONArray(book.executeBatch(bad("items", "batch", "command"), true)).objects()
                            val failed = results.filter { it.has("error") }
                            assertTrue(failed.isNotEmpty(), "the batch was accepted")
                            assertTrue(results.last() === failed.first(), "all-or-nothing stops at the first failure")
                            failed.first().getJSONObject("error").getString("code")
                        } catch (e: LandedException) {
                            e.code
                        }
                        assertEquals(expect, code)
                    }
                    else -> {
                        val error = assertThrows<LandedException>("accepted") {
                            when (kind) {
                                "command" -> book.execute(bad("command"), slices["context"]?.text ?: defaultContext(i))
                                "context" -> book.execute(slices["command"]?.text ?: defaultCommand, bad("context"))
                                "config" -> Book(bad("config"))
                                "replay" -> Book.replay(slices["config"]?.text ?: config, bad("events"))
                                "restore" -> Book.restore(bad("snapshot"))
                                else -> error("unknown case kind $kind")
                            }
                        }
                        assertEquals(expect, error.code, error.detail)
                    }
                }
                assertEquals(version, book.version())
                assertEquals(before, book.snapshot())
            }
        }
    }
}

/**
 * A JSON reader that keeps each value's exact text: objects and arrays with
 * their members, every value with its slice of the input. Only for reading
 * the corpus file (well-formed JSON); strings are not decoded except keys.
 */
class RawJson(private val s: String) {
    sealed class Node(val text: String)
    class Obj(text: String, val members: Map<String, Node>) : Node(text)
    class Arr(text: String, val items: List<Node>) : Node(text)
    class Leaf(text: String) : Node(text)

    private var i = 0

    private fun ws() {
        while (i < s.length && s[i].isWhitespace()) i++
    }

    fun value(): Node {
        ws()
        val start = i
        return when (s[i]) {
            '{' -> {
                i++
                val members = LinkedHashMap<String, Node>()
                ws()
                if (s[i] == '}') i++ else while (true) {
                    ws()
                    val keyStart = i
                    skipString()
                    val key = JSONArray("[" + s.substring(keyStart, i) + "]").getString(0)
                    ws(); check(s[i] == ':'); i++
                    members[key] = value()
                    ws()
                    if (s[i] == ',') i++ else { check(s[i] == '}'); i++; break }
                }
                Obj(s.substring(start, i), members)
            }
            '[' -> {
                i++
                val items = ArrayList<Node>()
                ws()
                if (s[i] == ']') i++ else while (true) {
                    items.add(value())
                    ws()
                    if (s[i] == ',') i++ else { check(s[i] == ']'); i++; break }
                }
                Arr(s.substring(start, i), items)
            }
            '"' -> { skipString(); Leaf(s.substring(start, i)) }
            else -> {
                while (i < s.length && s[i] !in ",}] \t\r\n") i++
                Leaf(s.substring(start, i))
            }
        }
    }

    private fun skipString() {
        check(s[i] == '"'); i++
        while (s[i] != '"') i += if (s[i] == '\\') 2 else 1
        i++
    }
}
