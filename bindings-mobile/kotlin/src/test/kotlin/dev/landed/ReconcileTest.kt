package dev.landed

import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

// Channel stock reconciliation, from Kotlin, on the book of
// tests/data/sales-book.json (FBA-US holds 4 available lamps): an FBA
// summary compared field by field, as in bindings-json/tests/sales.rs.
class ReconcileTest {
    private fun salesBook(): Book = SalesTest().salesBook()

    @Test
    fun `an FBA summary lists the fields where it and the book differ`() {
        val book = salesBook()
        val report = obj(
            "format" to "fba", "channel" to "shop-us", "location" to "FBA-US",
            "rows" to JSONArray(listOf(
                obj("sku" to "LAMP", "fulfillable" to 3, "reserved" to 1, "researching" to 0),
                obj("listing" to "mug", "fulfillable" to 2),
            )),
        )
        val recon = JSONObject(book.reconcileChannelStock(report.toString()))
        val rows = recon.getJSONArray("differences").objects().map {
            listOf(it.getString("sku"), it.getString("field"), it.getInt("channel_units"), it.getInt("book_units"), it.getInt("delta"))
        }
        assertEquals(listOf(listOf("LAMP", "fulfillable", 3, 4, -1), listOf("LAMP", "reserved", 1, 0, 1)), rows)
        val unmatched = recon.getJSONArray("unmatched").getJSONObject(0)
        assertEquals("mug" to "unknown_listing", unmatched.getString("listing") to unmatched.getString("reason"))
        assertEquals(0, recon.getJSONObject("totals").getJSONObject("researching").getInt("delta"))
    }

    @Test
    fun `a field of the other format is refused by name`() {
        val book = salesBook()
        val bad = obj("format" to "fba", "location" to "FBA-US", "rows" to JSONArray(listOf(obj("sku" to "LAMP", "on_hand" to 4))))
        val err = expectCode("INVALID_COMMAND") { book.reconcileChannelStock(bad.toString()) }
        assertTrue(err.detail.contains("on_hand"), err.detail)
        expectCode("UNKNOWN_LOCATION") { book.reconcileChannelStock("""{"format":"shopify","location":"XX","rows":[]}""") }
    }
}
