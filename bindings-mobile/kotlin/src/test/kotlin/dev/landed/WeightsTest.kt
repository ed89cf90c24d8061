package dev.landed

import java.math.BigDecimal
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

// Whole-number weights are taken as the other bindings take them (Python
// ints, JavaScript safe integers): a BigDecimal of an integer in
// `allocate`, and a JSON integer for `weight_kg` and the `dimensions_cm`
// of a command (read as the decimal it is).
class WeightsTest {
    @Test
    fun `allocate takes integer weights`() {
        val shares = allocate(money("1.00", "USD"), listOf(BigDecimal.valueOf(1), BigDecimal.valueOf(3)))
        assertEquals(listOf("0.25", "0.75"), amounts(shares))
    }

    @Test
    fun `a command takes whole numbers for its weight and dimensions`() {
        val h = Harness("USD")
        val sku = obj(
            "type" to "define_sku", "code" to "W", "name" to "Weighed",
            "weight_kg" to 2,
            "dimensions_cm" to obj("length" to 30, "width" to "20.5", "height" to 10L),
        )
        val event = h.run(sku).event()
        assertEquals("2", event.getString("weight_kg"))
        val dims = event.getJSONObject("dimensions_cm")
        assertEquals(listOf("30", "20.5", "10"), listOf("length", "width", "height").map { dims.getString(it) })
        // A number with a fraction is still refused: decimals are strings.
        val refused = expectCode("INVALID_COMMAND") {
            h.run(obj("type" to "define_sku", "code" to "X", "name" to "X", "weight_kg" to 2.5))
        }
        assertEquals(true, refused.detail.contains("weight_kg"))
    }
}
