#!/usr/bin/env python3
"""Generates the typed Kotlin and Swift classes of the mobile binding.

Reads ``docs/schema/*.schema.json`` (exported from the core's Rust types,
the same schemas the Python and TypeScript types come from) and writes

* ``bindings-mobile/kotlin/src/main/kotlin/dev/landed/Types.kt``: data
  classes, enum classes and sealed interfaces with explicit ``toJson()`` /
  ``fromJson()`` over a small JSON reader and writer of their own (no
  dependency, no compiler plugin);
* ``bindings-mobile/swift/Types.swift``: ``Codable`` structs and enums.

Standard library only.

    python3 bindings-mobile/tools/gen_types.py           # (re)write both files
    python3 bindings-mobile/tools/gen_types.py --check   # exit 1 if either is stale

Mapping:

* ``$defs/Decimal`` -> ``java.math.BigDecimal`` / ``Foundation.Decimal``,
  written and read as a decimal string (never a floating-point number);
  ``$defs/Money`` -> the binding's own ``Money`` record;
  ``$defs/Currency`` and other plain strings -> ``String``.
* ``format: date`` -> ``java.time.LocalDate`` / ``String``;
  ``format: date-time`` -> ``java.time.Instant`` / ``String``.
* integer -> ``Long`` / ``Int64``, boolean, array -> list, map -> map.
* A ``oneOf`` of string constants -> an enum; a ``oneOf`` of objects tagged
  by ``type`` -> a sealed interface (Kotlin) or an enum with a payload
  (Swift), one class per variant named after its tag (``ReceiveCommand``,
  ``ReceivedEvent``).
* An object -> a data class / struct. Keys the schema does not require are
  nullable and left out of the JSON when null; required keys that may be
  null are written as ``null``. Reading ignores keys it does not know.

Names the uniffi bindings already use (``Money``, ``RoundingStrategy``…)
are taken from ``swift/Landed.swift``: ``Money`` maps to the binding's
record, the others get a ``Json`` suffix, and any other clash fails.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Schema = dict[str, Any]

HERE = Path(__file__).resolve().parent
MOBILE = HERE.parent
ROOT = MOBILE.parent
SCHEMA_DIR = ROOT / "docs" / "schema"
KOTLIN_OUT = MOBILE / "kotlin" / "src" / "main" / "kotlin" / "dev" / "landed" / "Types.kt"
SWIFT_OUT = MOBILE / "swift" / "Types.swift"
UNIFFI_SWIFT = MOBILE / "swift" / "Landed.swift"

TAG = "type"
#: Schema definitions that become a scalar, not a class.
SCALARS: dict[str, tuple[str, ...]] = {"Decimal": ("decimal",), "Currency": ("string",)}
#: Schema definitions that are the binding's own type.
BINDING_TYPES: dict[str, tuple[str, ...]] = {"Money": ("money",)}


# -- the model ---------------------------------------------------------------

# A type is a tuple: ("string",), ("long",), ("bool",), ("decimal",),
# ("date",), ("datetime",), ("money",), ("list", T), ("map", T),
# ("named", name), ("nullable", T).
Type = tuple[Any, ...]


@dataclass
class Field:
    key: str
    type: Type
    required: bool
    doc: str | None


@dataclass
class Struct:
    name: str
    doc: str | None
    fields: list[Field]
    tag: str | None = None  # the tag value, for a union variant
    union: str | None = None


@dataclass
class Enum:
    name: str
    doc: str | None
    values: list[tuple[str, str | None]]


@dataclass
class Union:
    name: str
    doc: str | None
    variants: list[Struct] = field(default_factory=list)


def camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\-]", name) if part)


def lower_camel(name: str) -> str:
    c = camel(name)
    return c[:1].lower() + c[1:]


def clean_doc(text: str | None) -> list[str]:
    """A description as lines, Rust code blocks left out."""
    if not text:
        return []
    text = re.sub(r"```.*?```", "", text, flags=re.S).strip()
    return [line.rstrip() for line in text.splitlines()]


class Model:
    def __init__(self, schema_dir: Path, taken: set[str]) -> None:
        self.raw: dict[str, Schema] = {}
        self.roots: list[str] = []
        for path in sorted(schema_dir.glob("*.schema.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            for name, schema in doc.get("$defs", {}).items():
                self.add(name, schema, path)
            if doc.get("type") == "array":
                self.roots.append(self.ref_name(doc["items"]))
            else:
                body = {k: v for k, v in doc.items() if k not in ("$schema", "title", "$defs")}
                self.add(doc["title"], body, path)
                self.roots.append(doc["title"])
        self.taken = taken
        self.renamed: dict[str, str] = {}
        self.decls: dict[str, Struct | Enum | Union] = {}
        for name in sorted(self.raw):
            if name in SCALARS or name in BINDING_TYPES:
                continue
            self.build(name)
        names = [d.name for d in self.decls.values()]
        names += [v.name for d in self.decls.values() if isinstance(d, Union) for v in d.variants]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise SystemExit(f"generated names clash: {sorted(dupes)}")
        clash = set(names) & taken
        if clash:
            raise SystemExit(f"generated names clash with the uniffi bindings: {sorted(clash)}")

    def add(self, name: str, schema: Schema, path: Path) -> None:
        if self.raw.setdefault(name, schema) != schema:
            raise SystemExit(f"{path.name}: $defs/{name} differs from another schema's")

    @staticmethod
    def ref_name(schema: Schema) -> str:
        return str(schema["$ref"]).removeprefix("#/$defs/")

    def class_name(self, name: str) -> str:
        if name in self.taken:
            return name + "Json"
        return name

    def type_of(self, schema: Schema) -> Type:
        if "$ref" in schema:
            name = self.ref_name(schema)
            if name in SCALARS:
                return SCALARS[name]
            if name in BINDING_TYPES:
                return BINDING_TYPES[name]
            target = self.raw[name]
            if target.get("type") == "string" and "oneOf" not in target and "const" not in target:
                return self.type_of(target)
            return ("named", self.class_name(name))
        if "anyOf" in schema:
            parts = schema["anyOf"]
            non_null = [p for p in parts if p.get("type") != "null"]
            if len(parts) == 2 and len(non_null) == 1:
                return ("nullable", self.type_of(non_null[0]))
            raise SystemExit(f"unsupported anyOf: {json.dumps(schema)[:200]}")
        kind = schema.get("type")
        if isinstance(kind, list):
            rest = [k for k in kind if k != "null"]
            if len(kind) == 2 and len(rest) == 1:
                return ("nullable", self.type_of({**schema, "type": rest[0]}))
            raise SystemExit(f"unsupported type list: {kind}")
        if kind == "string":
            fmt = schema.get("format")
            if fmt == "date":
                return ("date",)
            if fmt == "date-time":
                return ("datetime",)
            if fmt == "decimal":
                return ("decimal",)
            return ("string",)
        if kind == "integer":
            return ("long",)
        if kind == "boolean":
            return ("bool",)
        if kind == "array":
            return ("list", self.type_of(schema["items"]))
        if kind == "object" and "properties" not in schema:
            values = schema.get("additionalProperties")
            if isinstance(values, dict):
                return ("map", self.type_of(values))
        raise SystemExit(f"unsupported schema: {json.dumps(schema)[:200]}")

    def struct(self, name: str, schema: Schema, tag: str | None, union: str | None) -> Struct:
        props: Schema = schema.get("properties", {})
        required = [k for k in schema.get("required", []) if k in props and k != (TAG if tag else None)]
        optional = [k for k in props if k not in required and not (tag and k == TAG)]
        fields = []
        for key in required + optional:
            prop = props[key]
            doc = prop.get("description")
            if "default" in prop:
                default = json.dumps(prop["default"])
                doc = f"{doc}\n\nDefault (when null): `{default}`." if doc else f"Default (when null): `{default}`."
            fields.append(Field(key, self.type_of(prop), key in required, doc))
        return Struct(name, schema.get("description"), fields, tag, union)

    def build(self, name: str) -> None:
        schema = self.raw[name]
        cname = self.class_name(name)
        if "oneOf" in schema and all("const" in v for v in schema["oneOf"]):
            values = [(v["const"], v.get("description")) for v in schema["oneOf"]]
            self.decls[cname] = Enum(cname, schema.get("description"), values)
        elif "oneOf" in schema:
            union = Union(cname, schema.get("description"))
            for variant in schema["oneOf"]:
                if "$ref" in variant or variant.get("type") != "object":
                    raise SystemExit(f"$defs/{name}: unsupported variant")
                tag = variant["properties"][TAG]["const"]
                union.variants.append(self.struct(camel(tag) + cname, variant, tag, cname))
            self.decls[cname] = union
        elif schema.get("type") == "object" and "properties" in schema:
            self.decls[cname] = self.struct(cname, schema, None, None)
        elif schema.get("type") == "string":
            pass  # a plain string (a code with a pattern): String
        else:
            raise SystemExit(f"$defs/{name}: unsupported definition")

    def counts(self) -> tuple[int, int, int, int]:
        structs = sum(isinstance(d, Struct) for d in self.decls.values())
        enums = sum(isinstance(d, Enum) for d in self.decls.values())
        unions = [d for d in self.decls.values() if isinstance(d, Union)]
        return structs, enums, len(unions), sum(len(u.variants) for u in unions)


# -- Kotlin --------------------------------------------------------------------

KOTLIN_KEYWORDS = {
    "as", "break", "class", "continue", "do", "else", "false", "for", "fun", "if", "in",
    "interface", "is", "null", "object", "package", "return", "super", "this", "throw",
    "true", "try", "typealias", "typeof", "val", "var", "when", "while",
}


def kt_ident(key: str) -> str:
    name = lower_camel(key)
    return f"`{name}`" if name in KOTLIN_KEYWORDS else name


def kt_enum_entry(value: str) -> str:
    name = re.sub(r"[^A-Za-z0-9]+", "_", value.replace("+", "_plus")).strip("_").upper()
    if not name or name[0].isdigit():
        name = "_" + name
    return name


def kdoc(text: str | None, indent: str) -> list[str]:
    lines = clean_doc(text)
    if not lines:
        return []
    lines = [line.replace("*/", "*&#47;") for line in lines]
    if len(lines) == 1:
        return [f"{indent}/** {lines[0]} */"]
    return [f"{indent}/**"] + [f"{indent} * {line}".rstrip() for line in lines] + [f"{indent} */"]


class Kotlin:
    def __init__(self, model: Model) -> None:
        self.model = model

    def type(self, t: Type) -> str:
        kind = t[0]
        simple = {
            "string": "String", "long": "Long", "bool": "Boolean", "decimal": "BigDecimal",
            "date": "LocalDate", "datetime": "Instant", "money": "Money",
        }
        if kind in simple:
            return simple[kind]
        if kind == "list":
            return f"List<{self.type(t[1])}>"
        if kind == "map":
            return f"Map<String, {self.type(t[1])}>"
        if kind == "named":
            return str(t[1])
        if kind == "nullable":
            return self.type(t[1]) + "?"
        raise AssertionError(t)

    def enc(self, t: Type, e: str, depth: int = 0) -> str:
        kind = t[0]
        var = f"x{depth}"
        if kind in ("string", "long", "bool"):
            return e
        if kind == "decimal":
            return f"{e}.toPlainString()"
        if kind in ("date", "datetime"):
            return f"{e}.toString()"
        if kind == "money":
            return f"LandedJson.money({e})"
        if kind == "list":
            return f"{e}.map {{ {var} -> {self.enc(t[1], var, depth + 1)} }}"
        if kind == "map":
            return f"{e}.mapValues {{ {var} -> {self.enc(t[1], var + '.value', depth + 1)} }}"
        if kind == "named":
            decl = self.model.decls[t[1]]
            return f"{e}.json" if isinstance(decl, Enum) else f"{e}.toJsonValue()"
        if kind == "nullable":
            return f"{e}?.let {{ {var} -> {self.enc(t[1], var, depth + 1)} }}"
        raise AssertionError(t)

    def dec(self, t: Type, e: str, depth: int = 0) -> str:
        kind = t[0]
        var = f"x{depth}"
        if kind == "string":
            return f"LandedJson.string({e})"
        if kind == "long":
            return f"LandedJson.long({e})"
        if kind == "bool":
            return f"LandedJson.bool({e})"
        if kind == "decimal":
            return f"LandedJson.decimal({e})"
        if kind == "date":
            return f"LocalDate.parse(LandedJson.string({e}))"
        if kind == "datetime":
            return f"Instant.parse(LandedJson.string({e}))"
        if kind == "money":
            return f"LandedJson.moneyOf({e})"
        if kind == "list":
            return f"LandedJson.list({e}).map {{ {var} -> {self.dec(t[1], var, depth + 1)} }}"
        if kind == "map":
            return f"LandedJson.obj({e}).mapValues {{ {var} -> {self.dec(t[1], var + '.value', depth + 1)} }}"
        if kind == "named":
            return f"{t[1]}.fromJsonValue({e})"
        if kind == "nullable":
            return f"{e}?.let {{ {var} -> {self.dec(t[1], var, depth + 1)} }}"
        raise AssertionError(t)

    def struct(self, s: Struct) -> list[str]:
        out = kdoc(s.doc, "")
        parent = s.union or "LandedType"
        over = "override " if s.union else ""
        if not s.fields:
            out.append(f"data object {s.name} : {parent} {{")
            tag = f'"{TAG}" to "{s.tag}"' if s.tag else ""
            out.append(f"    override fun toJsonValue(): Map<String, Any?> = linkedMapOf({tag})")
            out.append("")
            out.append(f"    /** Reads the JSON tree of a {s.name}. */")
            out.append(f"    fun fromJsonValue(value: Any?): {s.name} {{")
            out.append(f'        LandedJson.obj(value, "{s.name}")')
            out.append("        return this")
            out.append("    }")
            out.append("}")
            return out
        out.append(f"data class {s.name}(")
        for f in s.fields:
            t = f.type if f.required or f.type[0] == "nullable" else ("nullable", f.type)
            default = "" if f.required else " = null"
            out += kdoc(f.doc, "    ")
            out.append(f"    val {kt_ident(f.key)}: {self.type(t)}{default},")
        out.append(f") : {parent} {{")
        out.append("    override fun toJsonValue(): Map<String, Any?> {")
        out.append("        val o = LinkedHashMap<String, Any?>()")
        if s.tag:
            out.append(f'        o["{TAG}"] = "{s.tag}"')
        for f in s.fields:
            ident = kt_ident(f.key)
            if f.required:
                out.append(f'        o["{f.key}"] = {self.enc(f.type, ident)}')
            else:
                inner = f.type[1] if f.type[0] == "nullable" else f.type
                out.append(f'        {ident}?.let {{ v -> o["{f.key}"] = {self.enc(inner, "v")} }}')
        out.append("        return o")
        out.append("    }")
        out.append("")
        out.append("    companion object {")
        out.append(f"        /** Parses a {s.name} from JSON text. */")
        out.append(f"        fun fromJson(json: String): {s.name} = fromJsonValue(LandedJson.parse(json))")
        out.append("")
        out.append(f"        /** Reads the JSON tree of a {s.name}. */")
        out.append(f"        fun fromJsonValue(value: Any?): {s.name} {{")
        out.append(f'            val o = LandedJson.obj(value, "{s.name}")')
        out.append(f"            return {s.name}(")
        for f in s.fields:
            ident = kt_ident(f.key)
            if f.required and f.type[0] != "nullable":
                src = f'LandedJson.required(o, "{f.key}", "{s.name}")'
                out.append(f"                {ident} = {self.dec(f.type, src)},")
            else:
                inner = f.type[1] if f.type[0] == "nullable" else f.type
                out.append(f'                {ident} = o["{f.key}"]?.let {{ v -> {self.dec(inner, "v")} }},')
        out.append("            )")
        out.append("        }")
        out.append("    }")
        out.append("}")
        return out

    def enum(self, e: Enum) -> list[str]:
        out = kdoc(e.doc, "")
        out.append(f"enum class {e.name}(val json: String) {{")
        entries = [kt_enum_entry(v) for v, _ in e.values]
        if len(set(entries)) != len(entries):
            raise SystemExit(f"{e.name}: enum entries clash")
        for (value, doc), entry in zip(e.values, entries):
            out += kdoc(doc, "    ")
            out.append(f'    {entry}("{value}"),')
        out.append("    ;")
        out.append("")
        out.append("    companion object {")
        out.append(f"        /** The {e.name} whose JSON value is [value]. */")
        out.append(f"        fun fromJsonValue(value: Any?): {e.name} {{")
        out.append("            val text = LandedJson.string(value)")
        out.append(
            f'            return entries.firstOrNull {{ it.json == text }} '
            f'?: throw IllegalArgumentException("{e.name}: unknown value \\"$text\\"")'
        )
        out.append("        }")
        out.append("    }")
        out.append("}")
        return out

    def union(self, u: Union) -> list[str]:
        out = kdoc(u.doc, "")
        out.append(f"sealed interface {u.name} : LandedType {{")
        out.append("    companion object {")
        out.append(f"        /** Parses a {u.name} from JSON text. */")
        out.append(f"        fun fromJson(json: String): {u.name} = fromJsonValue(LandedJson.parse(json))")
        out.append("")
        out.append(f"        /** Reads the JSON tree of a {u.name}, by its `{TAG}`. */")
        out.append(f"        fun fromJsonValue(value: Any?): {u.name} {{")
        out.append(f'            val o = LandedJson.obj(value, "{u.name}")')
        out.append(f'            return when (val tag = LandedJson.string(LandedJson.required(o, "{TAG}", "{u.name}"))) {{')
        for v in u.variants:
            out.append(f'                "{v.tag}" -> {v.name}.fromJsonValue(o)')
        out.append(f'                else -> throw IllegalArgumentException("{u.name}: unknown {TAG} \\"$tag\\"")')
        out.append("            }")
        out.append("        }")
        out.append("    }")
        out.append("}")
        blocks = [out]
        for v in u.variants:
            blocks.append(self.struct(v))
        return ["\n\n".join("\n".join(b) for b in blocks)]

    def render(self) -> str:
        blocks = []
        for name in sorted(self.model.decls):
            decl = self.model.decls[name]
            if isinstance(decl, Struct):
                blocks.append(self.struct(decl))
            elif isinstance(decl, Enum):
                blocks.append(self.enum(decl))
            else:
                blocks.append(self.union(decl))
        body = "\n\n".join("\n".join(b) for b in blocks)
        return KOTLIN_HEADER + "\n" + body + "\n\n" + KOTLIN_RUNTIME


KOTLIN_HEADER = """\
// Generated by bindings-mobile/tools/gen_types.py from docs/schema/*.schema.json.
// Do not edit: change the core's types, export the schema, then rerun
//     python3 bindings-mobile/tools/gen_types.py
// (scripts/test-kotlin.sh fails while this file is stale).
//
// The book's commands, contexts, events and reports as Kotlin classes. Each
// one writes itself with toJson() and is read back with fromJson(): decimals
// are BigDecimal written as decimal strings, money is the binding's Money,
// dates are LocalDate and instants Instant. Optional fields are null by
// default and left out of the JSON when null.
@file:Suppress("MemberVisibilityCanBePrivate", "RedundantVisibilityModifier")

package dev.landed

import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate

/** A generated class: it can write itself as JSON. */
interface LandedType {
    /** The JSON tree: maps, lists, strings, Longs, Booleans and nulls. */
    fun toJsonValue(): Map<String, Any?>

    /** The JSON text the book reads. */
    fun toJson(): String = LandedJson.write(toJsonValue())
}
"""

KOTLIN_RUNTIME = r"""/**
 * The small JSON reader and writer of the generated classes. Numbers are
 * read as BigDecimal (exact), objects keep their key order.
 */
object LandedJson {
    /** Parses JSON text into maps, lists, strings, BigDecimals, Booleans and nulls. */
    fun parse(text: String): Any? {
        val reader = Reader(text)
        reader.space()
        val value = reader.value()
        reader.space()
        if (reader.pos != text.length) reader.fail("trailing characters")
        return value
    }

    /** Writes a JSON tree (maps, lists, strings, numbers, Booleans, nulls) as compact text. */
    fun write(value: Any?): String = StringBuilder().also { write(it, value) }.toString()

    private fun write(out: StringBuilder, value: Any?) {
        when (value) {
            null -> out.append("null")
            is String -> quote(out, value)
            is Boolean -> out.append(value)
            is Int, is Long -> out.append(value)
            is BigDecimal -> out.append(value.toPlainString())
            is LandedType -> write(out, value.toJsonValue())
            is Map<*, *> -> {
                out.append('{')
                var first = true
                for ((k, v) in value) {
                    if (!first) out.append(',')
                    first = false
                    quote(out, k as String)
                    out.append(':')
                    write(out, v)
                }
                out.append('}')
            }
            is List<*> -> {
                out.append('[')
                value.forEachIndexed { i, v ->
                    if (i > 0) out.append(',')
                    write(out, v)
                }
                out.append(']')
            }
            else -> throw IllegalArgumentException("cannot write ${value::class} as JSON")
        }
    }

    private fun quote(out: StringBuilder, s: String) {
        out.append('"')
        for (c in s) {
            when {
                c == '"' -> out.append("\\\"")
                c == '\\' -> out.append("\\\\")
                c == '\n' -> out.append("\\n")
                c == '\r' -> out.append("\\r")
                c == '\t' -> out.append("\\t")
                c < ' ' -> out.append(String.format("\\u%04x", c.code))
                else -> out.append(c)
            }
        }
        out.append('"')
    }

    private class Reader(val text: String) {
        var pos = 0

        fun fail(what: String): Nothing = throw IllegalArgumentException("invalid JSON at $pos: $what")

        fun space() {
            while (pos < text.length && text[pos] in " \t\r\n") pos++
        }

        fun value(): Any? {
            if (pos >= text.length) fail("unexpected end")
            return when (val c = text[pos]) {
                '{' -> obj()
                '[' -> array()
                '"' -> string()
                't' -> word("true", true)
                'f' -> word("false", false)
                'n' -> word("null", null)
                else -> if (c == '-' || c in '0'..'9') number() else fail("unexpected '$c'")
            }
        }

        fun word(w: String, v: Any?): Any? {
            if (!text.startsWith(w, pos)) fail("expected $w")
            pos += w.length
            return v
        }

        fun number(): BigDecimal {
            val start = pos
            while (pos < text.length && text[pos] in "+-0123456789.eE") pos++
            return try {
                BigDecimal(text.substring(start, pos))
            } catch (e: NumberFormatException) {
                fail("bad number")
            }
        }

        fun string(): String {
            pos++ // the opening quote
            val out = StringBuilder()
            while (true) {
                if (pos >= text.length) fail("unterminated string")
                val c = text[pos++]
                when (c) {
                    '"' -> return out.toString()
                    '\\' -> {
                        if (pos >= text.length) fail("unterminated string")
                        when (val e = text[pos++]) {
                            '"' -> out.append('"')
                            '\\' -> out.append('\\')
                            '/' -> out.append('/')
                            'b' -> out.append('\b')
                            'f' -> out.append('\u000c')
                            'n' -> out.append('\n')
                            'r' -> out.append('\r')
                            't' -> out.append('\t')
                            'u' -> {
                                if (pos + 4 > text.length) fail("bad escape")
                                out.append(text.substring(pos, pos + 4).toInt(16).toChar())
                                pos += 4
                            }
                            else -> fail("bad escape '\\$e'")
                        }
                    }
                    else -> out.append(c)
                }
            }
        }

        fun obj(): Map<String, Any?> {
            pos++
            val out = LinkedHashMap<String, Any?>()
            space()
            if (pos < text.length && text[pos] == '}') {
                pos++
                return out
            }
            while (true) {
                space()
                if (pos >= text.length || text[pos] != '"') fail("expected a key")
                val key = string()
                space()
                if (pos >= text.length || text[pos] != ':') fail("expected ':'")
                pos++
                space()
                out[key] = value()
                space()
                if (pos >= text.length) fail("unterminated object")
                when (text[pos++]) {
                    ',' -> continue
                    '}' -> return out
                    else -> fail("expected ',' or '}'")
                }
            }
        }

        fun array(): List<Any?> {
            pos++
            val out = ArrayList<Any?>()
            space()
            if (pos < text.length && text[pos] == ']') {
                pos++
                return out
            }
            while (true) {
                space()
                out.add(value())
                space()
                if (pos >= text.length) fail("unterminated array")
                when (text[pos++]) {
                    ',' -> continue
                    ']' -> return out
                    else -> fail("expected ',' or ']'")
                }
            }
        }
    }

    /** [value] as a JSON object ([what] names the expected type in the error). */
    @Suppress("UNCHECKED_CAST")
    fun obj(value: Any?, what: String = "object"): Map<String, Any?> =
        value as? Map<String, Any?> ?: throw IllegalArgumentException("$what: expected a JSON object")

    /** [value] as a JSON array. */
    fun list(value: Any?): List<Any?> =
        value as? List<Any?> ?: throw IllegalArgumentException("expected a JSON array")

    /** The value under [key], which must be present and not null. */
    fun required(o: Map<String, Any?>, key: String, what: String): Any =
        o[key] ?: throw IllegalArgumentException("$what: missing \"$key\"")

    fun string(value: Any?): String =
        value as? String ?: throw IllegalArgumentException("expected a JSON string")

    fun bool(value: Any?): Boolean =
        value as? Boolean ?: throw IllegalArgumentException("expected true or false")

    /** An integer (a JSON number without a fraction). */
    fun long(value: Any?): Long = when (value) {
        is BigDecimal -> value.longValueExact()
        is Long -> value
        is Int -> value.toLong()
        else -> throw IllegalArgumentException("expected an integer")
    }

    /** An exact decimal: a decimal string as the core writes it (a number is taken too). */
    fun decimal(value: Any?): BigDecimal = when (value) {
        is String -> BigDecimal(value)
        is BigDecimal -> value
        else -> throw IllegalArgumentException("expected a decimal string")
    }

    /** Money as JSON: `{"amount": "12.34", "currency": "USD"}`. */
    fun money(value: Money): Map<String, Any?> =
        linkedMapOf("amount" to value.amount.toPlainString(), "currency" to value.currency)

    /** Money from its JSON object. */
    fun moneyOf(value: Any?): Money {
        val o = obj(value, "Money")
        return Money(decimal(required(o, "amount", "Money")), string(required(o, "currency", "Money")))
    }
}
"""


# -- Swift -------------------------------------------------------------------

SWIFT_KEYWORDS = {
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
    "init", "inout", "internal", "let", "open", "operator", "private", "protocol", "public",
    "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch",
    "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in",
    "repeat", "return", "throw", "switch", "where", "while", "as", "false", "is", "nil",
    "self", "Self", "super", "throws", "true", "try", "Any", "Type",
}


def sw_ident(name: str) -> str:
    return f"`{name}`" if name in SWIFT_KEYWORDS else name


def sw_case(value: str) -> str:
    name = lower_camel(re.sub(r"[^A-Za-z0-9]+", "_", value.replace("+", "_plus")).strip("_"))
    if not name or name[0].isdigit():
        name = "_" + name
    return sw_ident(name)


def swdoc(text: str | None, indent: str) -> list[str]:
    return [f"{indent}/// {line}".rstrip() for line in clean_doc(text)]


def has_decimal(t: Type) -> bool:
    if t[0] == "decimal":
        return True
    return len(t) > 1 and isinstance(t[1], tuple) and has_decimal(t[1])


class Swift:
    def __init__(self, model: Model) -> None:
        self.model = model

    def type(self, t: Type, wire: bool = False) -> str:
        kind = t[0]
        simple = {
            "string": "String", "long": "Int64", "bool": "Bool",
            "decimal": "LandedDecimal" if wire else "Decimal",
            "date": "String", "datetime": "String", "money": "Money",
        }
        if kind in simple:
            return simple[kind]
        if kind == "list":
            return f"[{self.type(t[1], wire)}]"
        if kind == "map":
            return f"[String: {self.type(t[1], wire)}]"
        if kind == "named":
            return str(t[1])
        if kind == "nullable":
            return self.type(t[1], wire) + "?"
        raise AssertionError(t)

    def from_wire(self, t: Type, e: str) -> str:
        if not has_decimal(t):
            return e
        kind = t[0]
        if kind == "decimal":
            return f"{e}.value"
        if kind == "list":
            return f"{e}.map {{ {self.from_wire(t[1], '$0')} }}"
        if kind == "map":
            return f"{e}.mapValues {{ {self.from_wire(t[1], '$0')} }}"
        if kind == "nullable":
            return f"{e}.map {{ {self.from_wire(t[1], '$0')} }}"
        raise AssertionError(t)

    def to_wire(self, t: Type, e: str) -> str:
        if not has_decimal(t):
            return e
        kind = t[0]
        if kind == "decimal":
            return f"LandedDecimal({e})"
        if kind == "list":
            return f"{e}.map {{ {self.to_wire(t[1], '$0')} }}"
        if kind == "map":
            return f"{e}.mapValues {{ {self.to_wire(t[1], '$0')} }}"
        if kind == "nullable":
            return f"{e}.map {{ {self.to_wire(t[1], '$0')} }}"
        raise AssertionError(t)

    def struct(self, s: Struct) -> list[str]:
        out = swdoc(s.doc, "")
        out.append(f"public struct {s.name}: Codable, Equatable {{")
        names = []
        for f in s.fields:
            t = f.type if f.required or f.type[0] == "nullable" else ("nullable", f.type)
            name = sw_ident(lower_camel(f.key))
            names.append((f, t, name))
            out += swdoc(f.doc, "    ")
            out.append(f"    public var {name}: {self.type(t)}")
        if s.fields:
            out.append("")
        params = ", ".join(
            f"{name}: {self.type(t)}" + (" = nil" if not f.required else "") for f, t, name in names
        )
        out.append(f"    public init({params}) {{")
        for _, _, name in names:
            out.append(f"        self.{name} = {name}")
        out.append("    }")
        out.append("")
        keys = [(name, f.key) for f, _, name in names]
        if s.tag:
            keys.append(("landedTag", TAG))
        if keys:
            out.append("    enum CodingKeys: String, CodingKey {")
            for name, key in keys:
                out.append(f'        case {name} = "{key}"')
            out.append("    }")
            out.append("")
        out.append("    public init(from decoder: Decoder) throws {")
        if names:
            out.append("        let c = try decoder.container(keyedBy: CodingKeys.self)")
        for f, t, name in names:
            if t[0] == "nullable":
                src = f"try c.decodeIfPresent({self.type(t[1], True)}.self, forKey: .{name})"
            else:
                src = f"try c.decode({self.type(t, True)}.self, forKey: .{name})"
            out.append(f"        self.{name} = {self.from_wire(t, src)}")
        out.append("    }")
        out.append("")
        out.append("    public func encode(to encoder: Encoder) throws {")
        if not keys:
            raise SystemExit(f"{s.name}: an object without fields is not supported in Swift")
        out.append("        var c = encoder.container(keyedBy: CodingKeys.self)")
        if s.tag:
            out.append(f'        try c.encode("{s.tag}", forKey: .landedTag)')
        for f, t, name in names:
            value = self.to_wire(t, f"self.{name}")
            if f.required:
                out.append(f"        try c.encode({value}, forKey: .{name})")
            else:
                out.append(f"        try c.encodeIfPresent({value}, forKey: .{name})")
        out.append("    }")
        out.append("}")
        return out

    def enum(self, e: Enum) -> list[str]:
        out = swdoc(e.doc, "")
        out.append(f"public enum {e.name}: String, Codable, Equatable, CaseIterable {{")
        cases = [sw_case(v) for v, _ in e.values]
        if len(set(cases)) != len(cases):
            raise SystemExit(f"{e.name}: Swift cases clash")
        for (value, doc), case in zip(e.values, cases):
            out += swdoc(doc, "    ")
            out.append(f'    case {case} = "{value}"')
        out.append("}")
        return out

    def union(self, u: Union) -> list[str]:
        out = swdoc(u.doc, "")
        out.append(f"public enum {u.name}: Codable, Equatable {{")
        cases = []
        for v in u.variants:
            assert v.tag is not None
            case = sw_ident(lower_camel(v.tag))
            cases.append((v, case))
            out += swdoc(v.doc, "    ")
            out.append(f"    case {case}({v.name})")
        out.append("")
        out.append("    private enum TagKey: String, CodingKey {")
        out.append(f'        case tag = "{TAG}"')
        out.append("    }")
        out.append("")
        out.append("    public init(from decoder: Decoder) throws {")
        out.append("        let c = try decoder.container(keyedBy: TagKey.self)")
        out.append("        let tag = try c.decode(String.self, forKey: .tag)")
        out.append("        switch tag {")
        for v, case in cases:
            out.append(f'        case "{v.tag}": self = .{case}(try {v.name}(from: decoder))')
        out.append("        default:")
        out.append("            throw DecodingError.dataCorruptedError(")
        out.append(f'                forKey: .tag, in: c, debugDescription: "unknown {u.name} type \\(tag)")')
        out.append("        }")
        out.append("    }")
        out.append("")
        out.append("    public func encode(to encoder: Encoder) throws {")
        out.append("        switch self {")
        for _, case in cases:
            out.append(f"        case .{case}(let value): try value.encode(to: encoder)")
        out.append("        }")
        out.append("    }")
        out.append("}")
        blocks = [out] + [self.struct(v) for v in u.variants]
        return ["\n\n".join("\n".join(b) for b in blocks)]

    def render(self) -> str:
        blocks = []
        for name in sorted(self.model.decls):
            decl = self.model.decls[name]
            if isinstance(decl, Struct):
                blocks.append(self.struct(decl))
            elif isinstance(decl, Enum):
                blocks.append(self.enum(decl))
            else:
                blocks.append(self.union(decl))
        body = "\n\n".join("\n".join(b) for b in blocks)
        return SWIFT_HEADER + "\n" + body + "\n"


SWIFT_HEADER = r"""\
// Generated by bindings-mobile/tools/gen_types.py from docs/schema/*.schema.json.
// Do not edit: change the core's types, export the schema, then rerun
//     python3 bindings-mobile/tools/gen_types.py
// (scripts/test-kotlin.sh fails while this file is stale). No Swift
// toolchain runs in this repository's checks: this file is generated and
// compared, not compiled.
//
// The book's commands, contexts, events and reports as Codable types, to
// compile together with Landed.swift. Decimals are Foundation.Decimal, read
// from and written as decimal strings (JSONDecoder alone would read them
// through Double); money is the binding's Money; dates and instants stay
// ISO 8601 strings. Optional fields are nil by default and left out of the
// JSON when nil.

import Foundation

/// A decimal carried as a JSON string, e.g. "12.34", so that no digit is
/// lost to floating point.
public struct LandedDecimal: Codable, Equatable {
    public var value: Decimal

    public init(_ value: Decimal) {
        self.value = value
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a decimal: \(text)")
        }
        self.value = value
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        // Decimal's description is plain decimal text with a "." in every
        // locale (it keeps no trailing zeros: "25.00" is written "25").
        try c.encode(value.description)
    }
}

extension Money: Codable {
    private enum MoneyKeys: String, CodingKey {
        case amount
        case currency
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: MoneyKeys.self)
        self.init(
            amount: try c.decode(LandedDecimal.self, forKey: .amount).value,
            currency: try c.decode(String.self, forKey: .currency))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: MoneyKeys.self)
        try c.encode(LandedDecimal(amount), forKey: .amount)
        try c.encode(currency, forKey: .currency)
    }
}
"""


# -- main --------------------------------------------------------------------


def uniffi_names() -> set[str]:
    text = UNIFFI_SWIFT.read_text(encoding="utf-8")
    return set(re.findall(r"^public (?:struct|enum|class|protocol) (\w+)", text, flags=re.M))


def main(argv: list[str]) -> int:
    check = argv[1:] == ["--check"]
    if argv[1:] and not check:
        print(__doc__, file=sys.stderr)
        return 2
    model = Model(SCHEMA_DIR, uniffi_names())
    outputs = {KOTLIN_OUT: Kotlin(model).render(), SWIFT_OUT: Swift(model).render()}
    structs, enums, unions, variants = model.counts()
    stale = []
    for path, text in outputs.items():
        rel = path.relative_to(ROOT)
        if check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                stale.append(str(rel))
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {rel}")
    summary = (
        f"{structs} classes, {enums} enums, {unions} unions with {variants} variants "
        f"({structs + enums + unions + variants} types per language)"
    )
    if stale:
        print(
            f"stale: {', '.join(stale)}: run python3 bindings-mobile/tools/gen_types.py",
            file=sys.stderr,
        )
        return 1
    print(("Types.kt and Types.swift match docs/schema: " if check else "") + summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
