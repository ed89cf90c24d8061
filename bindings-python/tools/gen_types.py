#!/usr/bin/env python3
"""Generates ``python/landed/types.py`` from ``docs/schema/*.schema.json``.

The JSON Schemas are exported from the core's Rust types (one definition of
every command, event and report); this script turns them into TypedDicts so
that Python code is type-checked against the same shapes. Standard library
only.

    python3 bindings-python/tools/gen_types.py           # (re)write types.py
    python3 bindings-python/tools/gen_types.py --check   # exit 1 if it is stale

It also keeps ``python/landed/schema/`` (the schemas shipped in the
package, see ``landed.schema_path``) a byte-for-byte copy of
``docs/schema``; ``--check`` fails when that copy is stale too.

Mapping (values as they cross the binding, see src/json.rs):

* ``$defs/Decimal`` -> ``Decimal``; ``$defs/Money`` -> ``MoneyDict``
  (``{"amount": Decimal, "currency": str}``), and in inputs also
  ``landed.Money``; ``$defs/Currency`` -> ``str``.
* ``weight_kg``, ``length``, ``width`` and ``height`` -> ``Decimal | int``
  in inputs (the core reads a whole number there as the decimal it is).
* ``format: date`` -> ``datetime.date | str`` in inputs, ``str`` in outputs;
  ``format: date-time`` -> ``datetime.datetime`` in inputs, ``str`` in outputs.
* integer -> ``int``, boolean -> ``bool``, null -> ``None``, array ->
  ``list[...]``, map -> ``dict[str, ...]``.
* A ``oneOf`` of string constants -> a ``Literal`` alias; a ``oneOf`` of
  objects tagged by ``type`` -> one TypedDict per variant (``ReceiveCommand``,
  ``ReceivedEvent``) and a ``Union`` alias (``Command``, ``Event``).
* An object -> a TypedDict; keys the schema does not require are optional
  (``total=False``), keys that are Python keywords (``from``) use the
  functional syntax.

Inputs are what ``Book`` takes (the command, context and config schemas,
and the inventory-health and replenishment queries, whose dates may be
``datetime.date``);
outputs what it returns (everything else). A definition used both ways whose
input form differs (it holds Money) gets a second class named ``...Input``.
"""

from __future__ import annotations

import json
import keyword
import re
import sys
from pathlib import Path
from typing import Any

#: A JSON Schema node.
Schema = dict[str, Any]

HERE = Path(__file__).resolve().parent
SCHEMA_DIR = HERE.parent.parent / "docs" / "schema"
OUTPUT = HERE.parent / "python" / "landed" / "types.py"
#: The copy of docs/schema shipped inside the package.
SCHEMA_COPY = HERE.parent / "python" / "landed" / "schema"

#: Weights and dimensions: in inputs the core also reads a whole JSON number
#: there (core/src/json.rs, MEASURE_KEYS), so they are typed ``Decimal | int``.
MEASURE_KEYS = ("weight_kg", "length", "width", "height")

#: Schemas of what Book takes; all others describe what it returns.
INPUT_SCHEMAS = {
    "book-config",
    "command",
    "context",
    "stock-by-location-query",
    "inventory-aging-query",
    "inventory-alerts-query",
    "replenishment-query",
}
#: Python names that differ from the schema's.
RENAMED = {"Money": "MoneyDict"}
#: Descriptions that read differently on the Python side.
DESCRIPTIONS = {
    "Money": "An exact amount: ``amount`` is a ``decimal.Decimal`` (a decimal string\n"
    "in the JSON), never a float. A ``landed.Money`` is accepted in its place\n"
    "wherever a command takes money.",
}
#: The key that tags the variants of a union (commands, events).
TAG = "type"


def camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\-]", name))


def comment_lines(text: str | None) -> list[str]:
    """A description as comment lines, Rust code blocks left out."""
    if not text:
        return []
    text = re.sub(r"```.*?```", "", text, flags=re.S).strip()
    return [line.rstrip() for line in text.splitlines()]


def docstring(text: str | None, indent: str) -> list[str]:
    lines = comment_lines(text)
    if not lines:
        return []
    body = "\n".join(lines).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    body_lines = body.splitlines()
    if len(body_lines) == 1:
        return [f'{indent}"""{body_lines[0]}"""']
    out = [f'{indent}"""{body_lines[0]}']
    out += [f"{indent}{line}" if line else "" for line in body_lines[1:]]
    out.append(f'{indent}"""')
    return out


def strip(schema: Schema) -> Schema:
    return {k: v for k, v in schema.items() if k not in ("$schema", "title", "$defs")}


class Generator:
    def __init__(self, schema_dir: Path) -> None:
        self.defs: dict[str, Schema] = {}
        self.raw: dict[str, Schema] = {}  # as in the schema files, to compare them
        self.roots: list[tuple[str, str]] = []  # (def name, direction)
        for path in sorted(schema_dir.glob("*.schema.json")):
            stem = path.name.removesuffix(".schema.json")
            direction = "in" if stem in INPUT_SCHEMAS else "out"
            doc = json.loads(path.read_text(encoding="utf-8"))
            for name, schema in doc.get("$defs", {}).items():
                self.add_def(name, schema, path)
            if doc.get("type") == "array":
                # A report that is a list: its items are the named type.
                self.roots.append((self.ref_name(doc["items"]), direction))
            else:
                self.add_def(doc["title"], strip(doc), path)
                self.roots.append((doc["title"], direction))
        self.used: dict[str, set[str]] = {name: set() for name in self.defs}
        for name, direction in self.roots:
            self.mark(name, direction)
        self.differs_memo: dict[str, bool] = {}
        self.blocks: list[list[str]] = []
        self.emitted: set[str] = set()
        self.exports: list[str] = []

    def add_def(self, name: str, schema: Schema, path: Path) -> None:
        if self.raw.setdefault(name, schema) != schema:
            raise SystemExit(f"{path.name}: $defs/{name} differs from another schema's")
        self.defs[name] = schema
        if name in DESCRIPTIONS:
            self.defs[name] = {**schema, "description": DESCRIPTIONS[name]}

    @staticmethod
    def ref_name(schema: Schema) -> str:
        return str(schema["$ref"]).removeprefix("#/$defs/")

    # -- which definitions are used as inputs, outputs or both ------------

    def refs(self, schema: object) -> list[str]:
        """Definitions referenced by `schema`, in order of appearance."""
        found: list[str] = []
        if isinstance(schema, dict):
            if "$ref" in schema:
                found.append(self.ref_name(schema))
            for key, value in schema.items():
                if key != "$ref":
                    found += self.refs(value)
        elif isinstance(schema, list):
            for item in schema:
                found += self.refs(item)
        return found

    def mark(self, name: str, direction: str) -> None:
        if direction in self.used[name]:
            return
        self.used[name].add(direction)
        for ref in self.refs(self.defs[name]):
            self.mark(ref, direction)

    def differs(self, name: str) -> bool:
        """Whether the input form of a definition differs from its output form."""
        if name not in self.differs_memo:
            self.differs_memo[name] = False  # no recursive types; guard anyway
            self.differs_memo[name] = self.sensitive(self.defs[name])
        return self.differs_memo[name]

    def sensitive(self, schema: object) -> bool:
        if isinstance(schema, dict):
            if any(key in MEASURE_KEYS for key in schema.get("properties", {})):
                return True
            if "$ref" in schema:
                ref = self.ref_name(schema)
                if ref == "Money" or self.differs(ref):
                    return True
            if schema.get("format") in ("date", "date-time"):
                return True
            return any(self.sensitive(v) for k, v in schema.items() if k != "$ref")
        if isinstance(schema, list):
            return any(self.sensitive(item) for item in schema)
        return False

    def py_name(self, name: str, direction: str) -> str:
        base = RENAMED.get(name, name)
        if direction == "in" and self.used[name] == {"in", "out"} and self.differs(name):
            return base + "Input"
        return base

    # -- types ------------------------------------------------------------

    def scalar(self, schema: Schema) -> str | None:
        """The Python type of a string/number definition, or None."""
        if schema.get("format") == "decimal":
            return "Decimal"
        if schema.get("type") == "string" and "const" not in schema and "oneOf" not in schema:
            return "str"
        return None

    def type_of(self, schema: Schema, direction: str) -> str:
        if "$ref" in schema:
            name = self.ref_name(schema)
            target = self.defs[name]
            simple = self.scalar(target)
            if simple is not None:
                return simple
            self.emit(name, direction)
            if name == "Money" and direction == "in":
                return "MoneyDict | Money"
            return self.py_name(name, direction)
        if "anyOf" in schema:
            parts = [self.type_of(s, direction) for s in schema["anyOf"]]
            return " | ".join(parts)
        kind = schema.get("type")
        if isinstance(kind, list):
            parts = [self.type_of({**schema, "type": k}, direction) for k in kind]
            return " | ".join(parts)
        if kind == "string":
            fmt = schema.get("format")
            if fmt == "date":
                return "datetime.date | str" if direction == "in" else "str"
            if fmt == "date-time":
                return "datetime.datetime" if direction == "in" else "str"
            if fmt == "decimal":
                return "Decimal"
            if "const" in schema:
                return f'Literal["{schema["const"]}"]'
            return "str"
        if kind == "integer":
            return "int"
        if kind == "boolean":
            return "bool"
        if kind == "null":
            return "None"
        if kind == "array":
            return f"list[{self.type_of(schema['items'], direction)}]"
        if kind == "object" and "properties" not in schema:
            values = schema.get("additionalProperties")
            value_type = self.type_of(values, direction) if isinstance(values, dict) else "object"
            return f"dict[str, {value_type}]"
        raise SystemExit(f"unsupported schema: {json.dumps(schema)[:200]}")

    # -- definitions --------------------------------------------------------

    def emit(self, name: str, direction: str) -> None:
        py = self.py_name(name, direction)
        if py in self.emitted:
            return
        self.emitted.add(py)
        schema = self.defs[name]
        if "oneOf" in schema and all("const" in v for v in schema["oneOf"]):
            self.emit_literal(py, schema)
        elif "oneOf" in schema:
            self.emit_union(name, py, schema, direction)
        elif schema.get("type") == "object":
            self.emit_object(py, schema, direction, base=None)
        else:
            raise SystemExit(f"$defs/{name}: unsupported definition")

    def emit_literal(self, py: str, schema: Schema) -> None:
        lines = [f"#: {line}" if line else "#:" for line in comment_lines(schema.get("description"))]
        values = [v["const"] for v in schema["oneOf"]]
        lines.append(f"{py} = Literal[")
        for variant in schema["oneOf"]:
            lines += [f"    #: {line}" for line in comment_lines(variant.get("description"))]
            lines.append(f'    "{variant["const"]}",')
        lines.append("]")
        assert len(set(values)) == len(values)
        self.blocks.append(lines)
        self.exports.append(py)

    def emit_union(self, name: str, py: str, schema: Schema, direction: str) -> None:
        members = []
        for variant in schema["oneOf"]:
            tag = variant["properties"][TAG]["const"]
            member = camel(tag) + py
            members.append(member)
            base = None
            if "$ref" in variant:
                extra = set(variant["properties"]) - {TAG}
                if extra:
                    raise SystemExit(f"$defs/{name}/{tag}: $ref with extra properties {extra}")
                base_name = self.ref_name(variant)
                self.emit(base_name, direction)
                base = self.py_name(base_name, direction)
            self.emit_object(member, variant, direction, base=base)
        lines = [f"#: {line}" if line else "#:" for line in comment_lines(schema.get("description"))]
        lines.append(f"{py} = Union[")
        lines += [f"    {member}," for member in members]
        lines.append("]")
        self.blocks.append(lines)
        self.exports.append(py)

    def field_lines(self, key: str, prop: Schema, direction: str, functional: bool) -> list[str]:
        indent = "        " if functional else "    "
        desc = comment_lines(prop.get("description"))
        if "default" in prop:
            desc.append(f"Default: {json.dumps(prop['default'])}.")
        out = [f"{indent}#: {line}" if line else f"{indent}#:" for line in desc]
        kind = self.type_of(prop, direction)
        if direction == "in" and key in MEASURE_KEYS and kind.startswith("Decimal"):
            kind = "Decimal | int" + kind[len("Decimal") :]
        out.append(f'{indent}"{key}": {kind},' if functional else f"{indent}{key}: {kind}")
        return out

    def emit_object(self, py: str, schema: Schema, direction: str, base: str | None) -> None:
        props: Schema = schema.get("properties", {})
        required = [k for k in schema.get("required", []) if k in props]
        if TAG in required:  # the tag first
            required.remove(TAG)
            required.insert(0, TAG)
        optional = [k for k in props if k not in required]
        # Render field types first: they emit the definitions they use, which
        # must come before this class.
        req_fields = {k: self.field_lines(k, props[k], direction, False) for k in required}
        opt_fields = {k: self.field_lines(k, props[k], direction, False) for k in optional}

        def plain(keys: list[str]) -> bool:
            return all(k.isidentifier() and not keyword.iskeyword(k) for k in keys)

        out: list[str] = []
        bases: list[str] = [base] if base else []
        doc = docstring(schema.get("description"), "    ")
        if required and (optional or not plain(required)):
            part = f"_{py}Required"
            self.blocks.append(
                self.part(part, required, props, direction, req_fields, total=True, base=base)
            )
            bases = [part]
        elif required:
            # Only required keys, all plain: one class.
            out += [f"class {py}({base or 'TypedDict'}):"] + doc
            for k in required:
                out += req_fields[k]
            self.finish(py, out)
            return
        if optional and plain(optional):
            header = ", ".join(bases or ["TypedDict"])
            out += [f"class {py}({header}, total=False):"] + doc
            for k in optional:
                out += opt_fields[k]
        else:
            if optional:
                part = f"_{py}Optional"
                self.blocks.append(
                    self.part(part, optional, props, direction, opt_fields, total=False, base=None)
                )
                bases.append(part)
            out += [f"class {py}({', '.join(bases or ['TypedDict'])}):"] + (doc or ["    pass"])
        self.finish(py, out)

    def part(
        self,
        name: str,
        keys: list[str],
        props: Schema,
        direction: str,
        fields: dict[str, list[str]],
        total: bool,
        base: str | None,
    ) -> list[str]:
        """A private base TypedDict holding some of a class's keys."""
        suffix = "" if total else ", total=False"
        if all(k.isidentifier() and not keyword.iskeyword(k) for k in keys):
            out = [f"class {name}({base or 'TypedDict'}{suffix}):"]
            for k in keys:
                out += fields[k]
            return out
        if base:
            raise SystemExit(f"{name}: keyword keys in a class with a base")
        out = [f'{name} = TypedDict(', f'    "{name}",', "    {"]
        for k in keys:
            out += self.field_lines(k, props[k], direction, True)
        out += ["    },"] + ([] if total else ["    total=False,"]) + [")"]
        return out

    def finish(self, py: str, out: list[str]) -> None:
        self.blocks.append(out)
        self.exports.append(py)

    # -- module -------------------------------------------------------------

    def render(self) -> str:
        for name, direction in self.roots:
            self.emit(name, direction)
        exports = "\n".join(f'    "{name}",' for name in sorted(self.exports, key=str.lower))
        body = "\n\n\n".join("\n".join(block) for block in self.blocks)
        return HEADER + "\n__all__ = [\n" + exports + "\n]\n\n\n" + body + "\n"


HEADER = '''\
# Generated by bindings-python/tools/gen_types.py from docs/schema/*.schema.json.
# Do not edit: change the core's types, export the schema, then rerun
#     python3 bindings-python/tools/gen_types.py
# (scripts/test-python.sh fails while this file is stale).
"""Types of the book's commands, contexts, events and reports.

TypedDicts that describe the plain dicts ``landed.Book`` takes and returns,
generated from the JSON Schema of the core's types (``docs/schema/``), so
they cannot drift from the core. Decimal fields are ``decimal.Decimal``;
money is ``MoneyDict`` (``{"amount": Decimal, "currency": str}``), and a
``landed.Money`` is accepted wherever a command takes money.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Literal, TypedDict, Union

from landed._landed import Money
'''


def main(argv: list[str]) -> int:
    check = argv[1:] == ["--check"]
    if argv[1:] and not check:
        print(__doc__, file=sys.stderr)
        return 2
    text = Generator(SCHEMA_DIR).render()
    schemas = {path.name: path.read_bytes() for path in sorted(SCHEMA_DIR.glob("*.schema.json"))}
    if check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        copied = {path.name: path.read_bytes() for path in sorted(SCHEMA_COPY.glob("*.schema.json"))}
        stale = [OUTPUT] if current != text else []
        if copied != schemas:
            stale.append(SCHEMA_COPY)
        for path in stale:
            print(
                f"{path.relative_to(HERE.parent.parent)} is stale: "
                "run python3 bindings-python/tools/gen_types.py",
                file=sys.stderr,
            )
        if stale:
            return 1
        print(f"{OUTPUT.name} and {SCHEMA_COPY.name}/ match docs/schema")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    SCHEMA_COPY.mkdir(exist_ok=True)
    for old in SCHEMA_COPY.glob("*.schema.json"):
        if old.name not in schemas:
            old.unlink()
    for name, data in schemas.items():
        (SCHEMA_COPY / name).write_bytes(data)
    print(f"copied {len(schemas)} schemas to {SCHEMA_COPY}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
