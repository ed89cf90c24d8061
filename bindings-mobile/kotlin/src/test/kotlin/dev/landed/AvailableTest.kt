package dev.landed

import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

// Available to sell, from Kotlin, on the book of tests/data/sales-book.json
// (Shenzhen holds 8 free lamps and 50 bulbs, Los Angeles none free): each
// listing's figure, a policy with a decimal-string share, and the push list
// before and after an acknowledged push, as in core/tests/available.rs.
class AvailableTest {
    // The sales book of SalesTest: every command of the fixture accepted.
    private fun salesBook(): Book = SalesTest().salesBook()

    private fun Book.run(id: String, command: JSONObject): JSONObject =
        JSONObject(execute(command.toString(), obj("at" to "2026-11-21T09:00:00Z", "command_id" to id).toString()))

    private fun Book.pushList(channel: String? = null): List<Triple<String, Any?, Int>> =
        JSONArray(stockToPush(channel)).objects().map {
            Triple(it.getString("listing"), if (it.isNull("previous")) null else it.getInt("previous"), it.getInt("available"))
        }

    @Test
    fun `each listing has its figure and the push list holds what changed since the last push`() {
        val book = salesBook()
        val lamp = JSONObject(book.availableToSell("shop-us", "lamp-black"))
        assertEquals(listOf(8, 8), listOf("supply", "available").map { lamp.getInt(it) })
        assertTrue(lamp.isNull("pushed"))
        val at = lamp.getJSONArray("locations").objects().map { it.getString("location") to it.getInt("units") }
        assertEquals(listOf("LA" to 0, "SZ" to 8), at)
        assertEquals(listOf(Triple("desk-set", null, 8), Triple("lamp-black", null, 8)), book.pushList())

        // Keep 2 back and offer half of the rest: (8 - 2) x 0.5 = 3.
        book.run("policy", obj("type" to "set_listing_stock_policy", "channel" to "shop-us", "listing" to "lamp-black", "safety_stock" to 2, "share" to "0.5"))
        val policy = JSONObject(book.availableToSell("shop-us", "lamp-black"))
        assertEquals(3, policy.getInt("available"))
        assertEquals(dec("0.5"), policy.getJSONObject("policy").decimal("share"))

        val pushes = JSONArray(book.stockToPush("shop-us")).objects().map {
            obj("channel" to it.getString("channel"), "listing" to it.getString("listing"), "available" to it.getInt("available"))
        }
        book.run("push-1", obj("type" to "acknowledge_stock_push", "pushes" to JSONArray(pushes)))
        assertEquals(listOf<Triple<String, Any?, Int>>(), book.pushList())

        // Three lamps sold from Shenzhen: the set drops to 5, the lamp to (5 - 2) x 0.5 = 1.
        book.run("sale", obj("type" to "issue", "sku" to "LAMP", "location" to "SZ", "quantity" to 3, "reason" to "sale"))
        assertEquals(listOf(Triple("desk-set", 8, 5), Triple("lamp-black", 3, 1)), book.pushList())
    }

    @Test
    fun `unknown channels and listings are refused`() {
        val book = salesBook()
        expectCode("UNKNOWN_CHANNEL") { book.stockToPush("ebay") }
        expectCode("INVALID_COMMAND") { book.availableToSell("shop-us", "mug") }
        expectCode("INVALID_COMMAND") {
            book.run("bad", obj("type" to "set_listing_stock_policy", "channel" to "shop-us", "listing" to "lamp-black", "share" to "1.5"))
        }
    }
}
