// Hand-written additions to the generated bindings (landed.kt, package
// dev.landed): Kotlin conveniences that uniffi cannot express. Each one only
// forwards to a generated function.
package dev.landed

import java.math.BigDecimal
import java.time.Instant

/** The stable machine code of the failure, e.g. `"RATE_NOT_FOUND"`. */
val LandedException.code: String
    get() = when (this) {
        is LandedException.Failure -> this.code
    }

/** The human-readable message of the failure (without the code). */
val LandedException.detail: String
    get() = when (this) {
        is LandedException.Failure -> this.detail
    }

/**
 * Rounds to the currency's minor units, half away from zero. (uniffi drops
 * default arguments on record methods, so `round()` without an argument
 * lives here.)
 */
fun Money.round(): Money = round(null)

/** `a + b`; throws `CURRENCY_MISMATCH` or `DECIMAL_OVERFLOW`. */
operator fun Money.plus(other: Money): Money = add(other)

/** `a - b`; throws `CURRENCY_MISMATCH` or `DECIMAL_OVERFLOW`. */
operator fun Money.minus(other: Money): Money = sub(other)

/** `-a`. */
operator fun Money.unaryMinus(): Money = neg()

/** `a * factor` at full precision; throws `DECIMAL_OVERFLOW`. */
operator fun Money.times(factor: BigDecimal): Money = mul(factor)

/**
 * Executes [commandJson] at [at] under the idempotency key [commandId],
 * optionally only when the book is at [expectedVersion], issued by [actor]
 * (recorded on the command's events); returns the outcome JSON. Shorthand
 * for `execute(commandJson, bookContext(at, commandId, expectedVersion, actor))`.
 */
fun Book.execute(
    commandJson: String,
    at: Instant,
    commandId: String,
    expectedVersion: ULong? = null,
    actor: String? = null,
): String = execute(commandJson, bookContext(at, commandId, expectedVersion, actor))
