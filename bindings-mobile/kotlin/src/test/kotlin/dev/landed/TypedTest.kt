package dev.landed

import java.io.File
import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.fail

// The generated classes of Types.kt and the typed Book/Store API of
// Typed.kt: typed commands in, typed outcomes and reports out, exact
// decimals; every command of the scenarios and fixtures read and written
// back unchanged; every scenario run through the typed API to the same
// outcomes, reports and head hash as its expected file.
class TypedTest {
    private val start = Instant.parse("2026-11-02T09:00:00Z")
    private fun usd(amount: String) = Money(BigDecimal(amount), "USD")

    private fun lampBook(): Book {
        val book = bookOf(BookConfig(functionalCurrency = "USD"))
        val commands = listOf(
            DefineLocationCommand(code = "SZ", name = "Shenzhen", kind = LocationKind.OWN, country = "CN"),
            DefineSkuCommand(code = "LAMP", name = "Desk lamp"),
            ReceiveCommand(sku = "LAMP", location = "SZ", quantity = 10, unitCost = usd("2.50"), reference = "GRN-1"),
            IssueCommand(sku = "LAMP", location = "SZ", quantity = 4, reason = IssueReason.SALE),
        )
        commands.forEachIndexed { i, command ->
            book.execute(command, start.plusSeconds(60L * i), "cmd-$i")
        }
        return book
    }

    @Test
    fun `typed commands give typed outcomes and reports with exact money`() {
        val book = bookOf(BookConfig(functionalCurrency = "USD"))
        book.execute(DefineLocationCommand(code = "SZ", name = "Shenzhen", kind = LocationKind.OWN), context(start, "loc"))
        book.execute(DefineSkuCommand(code = "LAMP", name = "Desk lamp"), context(start, "sku"))
        val received = book.execute(
            ReceiveCommand(sku = "LAMP", location = "SZ", quantity = 10, unitCost = usd("2.50")),
            context(start.plusSeconds(60), "grn-1", expectedVersion = 2, actor = "clerk"),
        )
        assertEquals(3L, received.version)
        assertFalse(received.duplicate)
        // The receipt and its journal entry.
        assertEquals(listOf("ReceivedEvent", "JournalPostedEvent"), received.events.map { it.event::class.simpleName })
        val event = received.events.first()
        assertEquals("clerk", event.actor)
        assertEquals(start.plusSeconds(60), event.at)
        val receivedEvent = event.event as ReceivedEvent
        assertEquals(Bucket.AVAILABLE, receivedEvent.bucket)
        assertEquals(BigDecimal("25.00"), receivedEvent.value.amount)
        assertEquals("25.00", receivedEvent.value.amount.toPlainString())

        val issued = book.execute(IssueCommand(sku = "LAMP", location = "SZ", quantity = 4, reason = IssueReason.SALE), start.plusSeconds(120), "so-1")
        assertEquals(BigDecimal("10.00"), (issued.events.first().event as IssuedEvent).value.amount)

        val stock = book.reports.stock("LAMP")
        assertEquals(6L, stock.onHand)
        assertEquals(6L, stock.positions.single().onHand)

        val valuation = book.reports.valuation()
        assertEquals(1, valuation.size)
        assertEquals(BigDecimal("15.00"), valuation[0].value.amount)
        assertEquals("USD", valuation[0].value.currency)
        assertEquals(BigDecimal("2.50"), valuation[0].unitCost.amount)

        val trial = book.reports.trialBalance(LocalDate.parse("2026-12-31"))
        assertEquals(trial.totalDebit, trial.totalCredit)
        val inventory = trial.lines.single { it.account == "1300" }
        assertEquals(AccountType.ASSET, inventory.type)
        assertEquals(BigDecimal("15.00"), inventory.balance.amount)

        val journal = book.reports.journal()
        assertEquals(2, journal.size)
        assertEquals(LocalDate.parse("2026-11-02"), journal[0].date)
        assertEquals(BigDecimal("10.00"), journal[1].lines.sumOf { it.debit })

        val history = book.reports.history("LAMP")
        assertEquals(listOf(10L, -4L), history.map { it.quantity })

        // The typed events are the book's log.
        val log = book.reports.events()
        assertEquals(6, log.size) // four commands, two of them with a journal entry
        assertEquals(4L, log.last().version)
        assertEquals("USD", book.reports.config().functionalCurrency)
    }

    @Test
    fun `a retried command is a duplicate`() {
        val book = lampBook()
        val again = book.execute(IssueCommand(sku = "LAMP", location = "SZ", quantity = 4, reason = IssueReason.SALE), start.plusSeconds(180), "cmd-3")
        assertTrue(again.duplicate)
        assertEquals(4L, again.version)
    }

    @Test
    fun `a refused command raises LandedException with its code and changes nothing`() {
        val book = lampBook()
        val head = book.headHash()
        val e = expectCode("INSUFFICIENT_STOCK") {
            book.execute(IssueCommand(sku = "LAMP", location = "SZ", quantity = 7, reason = IssueReason.SALE), start.plusSeconds(600), "too-many")
        }
        assertTrue(e.detail.isNotEmpty())
        assertEquals(head, book.headHash())
        expectCode("VERSION_CONFLICT") {
            book.execute(DefineSkuCommand(code = "VASE", name = "Vase"), context(start.plusSeconds(600), "late", expectedVersion = 1))
        }
        expectCode("UNKNOWN_SKU") { book.reports.stock("NOPE") }
    }

    @Test
    fun `optional fields are left out and decimals stay strings`() {
        val command = ReceiveCommand(sku = "LAMP", location = "SZ", quantity = 3, unitCost = usd("12.340"))
        assertEquals(
            """{"type":"receive","sku":"LAMP","location":"SZ","quantity":3,"unit_cost":{"amount":"12.340","currency":"USD"}}""",
            command.toJson(),
        )
        val back = Command.fromJson(command.toJson()) as ReceiveCommand
        assertEquals(command, back)
        assertEquals(3, back.unitCost.amount.scale())
        assertNull(back.lot)
        assertEquals(
            """{"at":"2026-11-02T09:00:00Z","command_id":"c-1"}""",
            context(start, "c-1").toJson(),
        )
    }

    @Test
    fun `the store takes typed commands too`() {
        val dir = kotlin.io.path.createTempDirectory("landed-typed").toFile()
        try {
            val path = File(dir, "book.db").path
            val store = Store.open(path, BookConfig(functionalCurrency = "USD").toJson())
            store.execute(DefineLocationCommand(code = "SZ", name = "Shenzhen", kind = LocationKind.OWN), start, "loc")
            store.execute(DefineSkuCommand(code = "LAMP", name = "Desk lamp"), start, "sku")
            store.execute(ReceiveCommand(sku = "LAMP", location = "SZ", quantity = 2, unitCost = usd("7.25")), start, "grn")
            assertEquals(2L, store.reports.stock("LAMP").onHand)
            assertEquals(BigDecimal("14.50"), store.reports.valuation("LAMP").single().value.amount)
        } finally {
            dir.deleteRecursively()
        }
    }

    // -- every command of the scenarios and fixtures, read and written back ---

    private fun commandTexts(): List<Any?> {
        val scenarios = File(repoRoot, "tests/scenarios").listFiles { f -> f.name.endsWith(".json") && !f.name.endsWith(".expected.json") }.orEmpty()
        val fixtures = File(repoRoot, "tests/data").listFiles { f -> f.name.endsWith(".json") }.orEmpty()
        val out = ArrayList<Any?>()
        for (file in (scenarios.toList() + fixtures.toList()).sortedBy { it.name }) {
            val doc = LandedJson.obj(LandedJson.parse(file.readText()))
            val items = (doc["steps"] ?: doc["batch"]) as List<*>? ?: continue
            for (item in items) out.add(LandedJson.obj(item)["command"])
        }
        return out
    }

    @Test
    fun `every command of the scenarios and fixtures round-trips`() {
        val commands = commandTexts()
        assertTrue(commands.size >= 100, "${commands.size} commands")
        val kinds = HashSet<String>()
        for (tree in commands) {
            val command = Command.fromJsonValue(tree)
            kinds.add(command::class.simpleName!!)
            assertEquals(normal(tree), normal(command.toJsonValue()), "round trip of ${LandedJson.write(tree)}")
            assertEquals(command, Command.fromJson(command.toJson()))
        }
        assertTrue(kinds.size >= 25, "only ${kinds.size} command kinds: $kinds")
    }

    // -- every generated class, filled in by reflection ------------------------

    /** The names of the generated classes, from Types.kt. */
    private fun generatedNames(): List<String> {
        val source = File(repoRoot, "bindings-mobile/kotlin/src/main/kotlin/dev/landed/Types.kt").readText()
        return Regex("^(?:data class|data object|enum class|sealed interface) (\\w+)", RegexOption.MULTILINE)
            .findAll(source).map { it.groupValues[1] }.toList()
    }

    /** A value of [type] with every field set (optional ones too), [depth] levels deep. */
    private fun sample(type: java.lang.reflect.Type, depth: Int = 0): Any {
        if (type is java.lang.reflect.ParameterizedType) {
            val raw = type.rawType as Class<*>
            val args = type.actualTypeArguments.map { (it as? java.lang.reflect.WildcardType)?.upperBounds?.get(0) ?: it }
            return when {
                List::class.java.isAssignableFrom(raw) -> listOf(sample(args[0], depth + 1))
                Map::class.java.isAssignableFrom(raw) -> mapOf("k" to sample(args[1], depth + 1))
                else -> fail("unexpected $type")
            }
        }
        val cls = type as Class<*>
        return when {
            cls == String::class.java -> "X-$depth"
            cls == Long::class.javaObjectType || cls == Long::class.javaPrimitiveType -> 7L
            cls == Boolean::class.javaObjectType || cls == Boolean::class.javaPrimitiveType -> true
            cls == BigDecimal::class.java -> BigDecimal("12.50")
            cls == LocalDate::class.java -> LocalDate.parse("2026-11-02")
            cls == Instant::class.java -> Instant.parse("2026-11-02T09:00:00.250Z")
            cls == Money::class.java -> usd("0.10")
            cls.isEnum -> cls.enumConstants.last()
            cls.isInterface -> {
                val variants = cls.permittedSubclasses ?: fail("$cls: no permitted subclasses")
                sample(variants.first(), depth + 1)
            }
            else -> instance(cls, depth)
        }
    }

    private fun instance(cls: Class<*>, depth: Int): Any {
        runCatching { cls.getField("INSTANCE") }.getOrNull()?.let { return it.get(null) }
        val constructor = cls.constructors.filter { c -> c.parameterTypes.none { it.name.endsWith("DefaultConstructorMarker") } }
            .maxByOrNull { it.parameterCount } ?: fail("$cls: no constructor")
        val args = constructor.genericParameterTypes.map { sample(it, depth + 1) }
        return constructor.newInstance(*args.toTypedArray())
    }

    private fun readBack(cls: Class<*>, json: String): Any {
        runCatching { cls.getField("INSTANCE") }.getOrNull()?.let { field ->
            val instance = field.get(null)
            return cls.getMethod("fromJsonValue", Any::class.java).invoke(instance, LandedJson.parse(json))
        }
        val companion = cls.getField("Companion").get(null)
        return companion.javaClass.getMethod("fromJson", String::class.java).invoke(companion, json)
    }

    @Test
    fun `every generated class round-trips with every field set`() {
        val names = generatedNames()
        assertTrue(names.size >= 250, "${names.size} generated types")
        var classes = 0
        for (name in names) {
            val cls = Class.forName("dev.landed.$name")
            if (cls.isEnum) {
                for (entry in cls.enumConstants) {
                    val json = entry.javaClass.getMethod("getJson").invoke(entry)
                    val companion = cls.getField("Companion").get(null)
                    assertEquals(entry, companion.javaClass.getMethod("fromJsonValue", Any::class.java).invoke(companion, json))
                }
                continue
            }
            if (cls.isInterface) continue
            val value = sample(cls) as LandedType
            val json = value.toJson()
            val back = readBack(cls, json)
            assertEquals(value, back, "$name: $json")
            assertEquals(json, (back as LandedType).toJson(), name)
            classes++
        }
        // One class per command of the schema.
        val schema = LandedJson.obj(LandedJson.parse(File(repoRoot, "docs/schema/command.schema.json").readText()))
        assertEquals(LandedJson.list(schema["oneOf"]).size, Command::class.java.permittedSubclasses.size)
        assertTrue(classes >= 200, "$classes classes")
    }

    // -- the scenarios through the typed API --------------------------------

    /** A JSON tree without null members, numbers as BigDecimal: what the book reads the same. */
    private fun normal(value: Any?): Any? = when (value) {
        is Map<*, *> -> value.entries.filter { it.value != null }.associate { it.key as String to normal(it.value) }
        is List<*> -> value.map { normal(it) }
        is Number -> BigDecimal(value.toString())
        is LandedType -> normal(value.toJsonValue())
        else -> value
    }

    private fun tree(value: Any): Any? = LandedJson.parse(LandedJson.write(value))

    private fun query(book: Book, name: String, args: Map<String, Any?>): Any {
        fun text(key: String) = args[key] as String
        fun optional(key: String) = args[key] as String?
        fun date(key: String) = LocalDate.parse(text(key))
        val r = book.reports
        return when (name) {
            "position" -> r.position(text("sku"), text("location"), optional("lot"))
            "stock" -> r.stock(text("sku"))
            "valuation" -> r.valuation(optional("sku"))
            "history" -> r.history(text("sku"))
            "journal" -> r.journal()
            "trial_balance" -> r.trialBalance(date("as_of"))
            "role_balances" -> r.roleBalances(date("as_of"))
            "account_ledger" -> r.accountLedger(text("account"))
            "reconciliation" -> r.reconciliation()
            "landed_cost" -> r.landedCost(optional("sku"))
            "in_transit" -> r.inTransit(date("as_of"))
            "transfer" -> r.transfer(text("transfer"))
            "purchase_orders" -> r.purchaseOrders()
            "open_items" -> r.openItems(date("as_of"))
            "accruals" -> r.accruals()
            "sales_order" -> r.salesOrder(text("channel"), text("order"))
            "sales_orders" -> r.salesOrders(optional("channel"))
            "order_exceptions" -> r.orderExceptions()
            "sales_settlement" -> r.salesSettlement(text("settlement"))
            "sales_settlements" -> r.salesSettlements(optional("channel"))
            "profit" -> r.profit(
                date("from"),
                date("to"),
                ProfitGroup.valueOf(text("group_by").uppercase()),
                optional("basis")?.let { ProfitBasis.valueOf(it.uppercase()) },
                optional("channel"),
            )
            "events" -> r.events()
            else -> fail("unknown query $name")
        }
    }

    private fun error(e: LandedException) = mapOf("error" to mapOf("code" to e.code, "message" to e.detail))

    @TestFactory
    fun `scenarios through the typed API`(): List<DynamicTest> {
        val dir = File(repoRoot, "tests/scenarios")
        val files = dir.listFiles { f -> f.name.endsWith(".json") && !f.name.endsWith(".expected.json") }.orEmpty().sortedBy { it.name }
        assertTrue(files.size >= 12)
        return files.map { file ->
            DynamicTest.dynamicTest(file.name) {
                val scenario = LandedJson.obj(LandedJson.parse(file.readText()))
                val expected = LandedJson.obj(LandedJson.parse(File(dir, file.name.removeSuffix(".json") + ".expected.json").readText()))
                val book = bookOf(BookConfig.fromJsonValue(scenario["config"]))
                val outcomes = LandedJson.list(scenario["steps"]).map { step ->
                    val s = LandedJson.obj(step)
                    try {
                        tree(book.execute(Command.fromJsonValue(s["command"]), Context.fromJsonValue(s["context"])))
                    } catch (e: LandedException) {
                        error(e)
                    }
                }
                assertEquals(normal(expected["outcomes"]), normal(outcomes), "outcomes")
                val queries = (scenario["queries"] as List<*>?).orEmpty().map { LandedJson.obj(it) }
                val reports = queries.map { q ->
                    try {
                        tree(query(book, q["query"] as String, (q["args"] as Map<*, *>? ?: emptyMap<String, Any?>()).mapKeys { it.key as String }))
                    } catch (e: LandedException) {
                        error(e)
                    }
                }
                assertEquals(normal(expected["reports"]), normal(reports), "reports")
                assertEquals(expected["head_hash"], book.headHash(), "head hash")
            }
        }
    }

    @Test
    fun `a report's JSON reads back into an equal object`() {
        val book = lampBook()
        val stock = book.reports.stock("LAMP")
        assertEquals(stock, StockReport.fromJson(stock.toJson()))
        assertEquals(normal(LandedJson.parse(book.stock("LAMP"))), normal(stock.toJsonValue()))
        val events = book.reports.events()
        assertEquals(normal(LandedJson.parse(book.events())), normal(events))
    }

    @Test
    fun `unknown tags and missing fields are refused when reading`() {
        assertThrows<IllegalArgumentException> { Command.fromJson("""{"type":"teleport"}""") }
        assertThrows<IllegalArgumentException> { Command.fromJson("""{"type":"define_sku","code":"A"}""") }
        assertThrows<IllegalArgumentException> { LandedJson.parse("""{"a":1""") }
        assertEquals(Bucket.DAMAGED, Bucket.fromJsonValue("damaged"))
    }
}
