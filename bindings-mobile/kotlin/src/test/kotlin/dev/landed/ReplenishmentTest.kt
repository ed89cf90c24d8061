package dev.landed

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

// Replenishment, from Kotlin, on the book of tests/data/replenishment-book.json
// (the worked example of docs/planning.md): demand from ten days of FBA
// sales, the lead time from three transfers out of Shenzhen, the host's
// forecast for Shenzhen, and the plan as of 2026-11-30 with the query of
// core/tests/replenishment.rs. Decimals are read as BigDecimal from their
// strings, scale included.
class ReplenishmentTest {
    private fun replenishmentBook(): Book = fixtureBook("replenishment-book.json")

    private fun plan(): JSONObject = JSONObject(replenishmentBook().replenishment(QUERY))

    @Test
    fun `the FBA line reads demand and lead time from the book`() {
        val plan = plan()
        assertEquals(10, plan.getInt("window_days"))
        assertEquals(dec("1.6449"), plan.decimal("z"))
        val lines = plan.getJSONArray("lines").objects()
        assertEquals(listOf("LAMP" to "FBA-US", "LAMP" to "SZ"), lines.map { it.getString("sku") to it.getString("location") })
        val fba = lines[0]
        // Sales 8, 12, 10, 10, 9, 11, 10, 10, 12, 8: mean 10, deviation √(18 / 9).
        val demand = fba.getJSONObject("demand")
        assertEquals(listOf<Any>("sales_history", 10, 100), listOf(demand.getString("source"), demand.getInt("days"), demand.getInt("units")))
        assertEquals(dec("10.0000") to dec("1.4142"), demand.decimal("daily_mean") to demand.decimal("daily_deviation"))
        // Transfers from SZ took 28, 30 and 32 days.
        val lead = fba.getJSONObject("lead_time")
        assertEquals(listOf<Any>("transfer_history", "SZ", 3), listOf(lead.getString("source"), lead.getString("from"), lead.getInt("samples")))
        assertEquals(dec("30.00") to dec("2.00"), lead.decimal("mean_days") to lead.decimal("deviation_days"))
        // ⌈1.6449 × √(30 × 1.4142² + 10² × 2²)⌉ = 36; ROP 300 + 36; restock 600 − 250 − 100.
        assertEquals(listOf(36, 336, 250), listOf(fba.getInt("safety_stock"), fba.getInt("reorder_point"), fba.getInt("fba_restock")))
        assertEquals(listOf(250, 100, 350), listOf(fba.getInt("available"), fba.getInt("in_transit"), fba.getInt("position")))
        assertEquals(dec("25.0"), fba.decimal("days_of_supply"))
        assertEquals("2026-12-25" to "2026-12-28", fba.getString("stockout_on") to fba.getString("next_arrival"))
        assertEquals(dec("500.00"), fba.amount("inventory_value"))
    }

    @Test
    fun `suggestions come in whole cases with their likely cost, and SZ is planned on the forecast`() {
        val plan = plan()
        val (send, buy) = plan.getJSONArray("suggestions").objects()
        // 250 needed at FBA: 11 cases of 24, sent from SZ at SZ's unit cost.
        assertEquals(
            listOf<Any>("transfer", "FBA-US", "SZ", 250, 264, 24, 300),
            listOf(
                send.getString("kind"), send.getString("location"), send.getString("from"), send.getInt("needed"),
                send.getInt("quantity"), send.getInt("case_pack"), send.getInt("source_available"),
            ),
        )
        assertEquals(dec("2.0000"), send.amount("likely_unit_cost"))
        assertEquals(dec("528.00"), send.amount("likely_value"))
        assertEquals("USD", send.getJSONObject("likely_value").getString("currency"))
        // SZ on the host's forecast: SS 87, ROP 387; 157 needed, raised to the
        // minimum of 200 (four cases of 50), bought from F1.
        val sz = plan.getJSONArray("lines").getJSONObject(1)
        assertEquals("policy", sz.getJSONObject("demand").getString("source"))
        assertEquals(listOf(87, 387, 457), listOf(sz.getInt("safety_stock"), sz.getInt("reorder_point"), sz.getInt("order_up_to")))
        assertFalse(sz.has("fba_restock"))
        assertEquals(
            listOf<Any>("purchase", "SZ", "F1", 157, 200),
            listOf(buy.getString("kind"), buy.getString("location"), buy.getString("from"), buy.getInt("needed"), buy.getInt("quantity")),
        )
        assertEquals(dec("400.00"), buy.amount("likely_value"))
    }

    @Test
    fun `alerts, the arrival against the lead time, and supply per SKU`() {
        val plan = plan()
        assertEquals(
            listOf("below_reorder_point" to "SZ", "stockout_before_arrival" to "FBA-US"),
            plan.getJSONArray("alerts").objects().map { it.getString("kind") to it.getString("location") },
        )
        val (t4) = plan.getJSONArray("arrivals").objects()
        assertEquals(
            listOf<Any>("T-4", 100, "2026-12-15", 13),
            listOf(t4.getString("document"), t4.getInt("units"), t4.getString("expected_by_lead_time"), t4.getInt("days_beyond_lead_time")),
        )
        val lamp = plan.getJSONArray("skus").getJSONObject(0)
        assertEquals(550, lamp.getInt("available"))
        assertEquals(dec("27.5"), lamp.decimal("days_of_supply"))
    }

    @Test
    fun `malformed queries are refused naming the field`() {
        val book = replenishmentBook()
        for ((query, field) in listOf(
            """{"as_of":"2026-11-30","service_level":"1.5"}""" to "service_level",
            """{"as_of":"2026-11-30","service_level":0.95}""" to "service_level",
            """{"as_of":"2026-11-30","horizon":7}""" to "horizon",
            """{"as_of":"2026-11-30","policies":[{"sku":"LAMP","location":"SZ","case_pack":0}]}""" to "case_pack",
        )) {
            val err = expectCode("INVALID_COMMAND") { book.replenishment(query) }
            assertTrue(err.detail.contains(field), err.detail)
        }
        expectCode("UNKNOWN_LOCATION") { book.replenishment("""{"as_of":"2026-11-30","policies":[{"sku":"LAMP","location":"XX"}]}""") }
    }

    private companion object {
        /** The query of core/tests/replenishment.rs (QUERY). */
        const val QUERY = """{"as_of":"2026-11-30","window_days":10,"policies":[
            {"sku":"LAMP","location":"FBA-US","case_pack":24},
            {"sku":"LAMP","location":"SZ","daily_demand":"10","daily_demand_deviation":"3",
             "lead_time_days":"30","lead_time_deviation_days":"5","case_pack":50,"min_order_quantity":200}]}"""
    }
}
