package dev.landed

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

// Inventory health, from Kotlin, on the book of tests/data/health-book.json
// (the worked example of docs/planning.md): stock by location, aging by
// receipt date in the FBA buckets and alerts as of 2026-12-01, as in
// bindings-json/tests/health.rs.
class HealthTest {
    private fun healthBook(): Book = fixtureBook("health-book.json")

    @Test
    fun `stock by location holds every bucket and the value carried there`() {
        val stock = JSONObject(healthBook().stockByLocation(null))
        val lines = stock.getJSONArray("lines").objects().map {
            listOf(it.getString("sku"), it.getString("location"), it.getInt("on_hand"), it.getJSONObject("value").getString("amount"))
        }
        assertEquals(listOf(listOf("LAMP", "DE", 25, "40.00"), listOf("LAMP", "SZ", 120, "265.00"), listOf("SERUM", "SZ", 20, "100.00")), lines)
        assertEquals(10, stock.getJSONArray("lines").getJSONObject(0).getJSONObject("quantities").getInt("in_transit"))
        assertEquals("405.00", stock.getJSONObject("value").getString("amount"))
    }

    @Test
    fun `aging puts each FIFO layer in its FBA bucket`() {
        val aging = JSONObject(healthBook().inventoryAging("""{"as_of":"2026-12-01","sku":"LAMP"}"""))
        val sz = aging.getJSONObject("by_scope").getJSONObject("SZ").getJSONObject("buckets")
        val rows = listOf("days_0_90", "days_91_180", "days_181_270", "days_271_365").map {
            sz.getJSONObject(it).getInt("units") to sz.getJSONObject(it).getJSONObject("value").getString("amount")
        }
        assertEquals(listOf(10 to "30.00", 5 to "15.00", 50 to "110.00", 55 to "110.00"), rows)
        val totals = aging.getJSONObject("totals")
        assertEquals(20, totals.getJSONObject("buckets").getJSONObject("days_over_365").getInt("units"))
        assertEquals("305.00", totals.getJSONObject("value").getString("amount"))
    }

    @Test
    fun `alerts flag expiry, age and the late transfer, and bad queries are refused by field`() {
        val book = healthBook()
        val alerts = JSONObject(book.inventoryAlerts("""{"as_of":"2026-12-01","expiry_within_days":30}""")).getJSONArray("alerts").objects()
        assertEquals(
            listOf(listOf("lot_expired", "SERUM", 4), listOf("lot_near_expiry", "SERUM", 10), listOf("aged_stock", "LAMP", 20), listOf("transfer_late", "LAMP", 10)),
            alerts.map { listOf(it.getString("kind"), it.getString("sku"), it.getInt("units")) },
        )
        assertEquals(listOf("T-1", 6), listOf(alerts[3].getString("transfer"), alerts[3].getInt("days_late")))
        val err = expectCode("INVALID_COMMAND") { book.inventoryAlerts("""{"as_of":"2026-12-01","expiry_within_days":-1}""") }
        assertTrue(err.detail.contains("expiry_within_days"), err.detail)
        val date = expectCode("INVALID_COMMAND") { book.inventoryAging("""{"as_of":"2026-13-01"}""") }
        assertTrue(date.detail.contains("as_of"), date.detail)
        expectCode("UNKNOWN_LOCATION") { book.stockByLocation("""{"location":"XX"}""") }
    }
}
