"""Checks the Swift guide, docs/guides/swift.md, against the generated Swift.

No Swift toolchain is available here, so the guide cannot be compiled.
Instead, every name its ```swift blocks use must be accounted for: declared
by the guide itself, a Swift keyword or one of the few standard-library and
Foundation names listed below, or declared in the committed bindings
(bindings-mobile/swift/Landed.swift, which scripts/test-kotlin.sh keeps equal
to what uniffi generates, and Types.swift, which it keeps equal to what
bindings-mobile/tools/gen_types.py makes of docs/schema). Calls of the bindings' functions, initializers
and enum cases must use argument labels the declaration has, in its order,
leaving out only parameters with defaults. A renamed type, method, label,
property or case in the bindings therefore fails this test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from test_guide import fenced_blocks

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guides" / "swift.md"
BINDINGS = ROOT / "bindings-mobile" / "swift" / "Landed.swift"
#: The typed classes generated from docs/schema (bindings-mobile/tools/gen_types.py).
TYPES = ROOT / "bindings-mobile" / "swift" / "Types.swift"

KEYWORDS = frozenset(
    "let var func return try catch do for in if else as is nil true false import throws throw "
    "where guard self Self case default switch while repeat break continue struct class enum "
    "protocol extension init static inout some any _".split()
)
# Standard library and Foundation names the guide may use, with what they are.
FOUNDATION = frozenset(
    [
        "Foundation",  # the module
        "Landed",  # the bindings' module
        "Any",
        "Bool",
        "Int",
        "String",  # String(format:)
        "Data",  # Data(text.utf8)
        "Date",
        "Decimal",  # Decimal(string:)
        "Locale",  # Locale(identifier:)
        "ISO8601DateFormatter",
        "JSONSerialization",
        "JSONEncoder",
        "JSONDecoder",
        "jsonObject",  # JSONSerialization.jsonObject(with:)
        "utf8",
        "date",  # ISO8601DateFormatter.date(from:)
        "precondition",
        "preconditionFailure",
        "discardableResult",  # the attribute
        "map",
        "filter",
        "flatMap",
        "contains",
        "count",
    ]
)
# Foundation methods the guide calls on Foundation objects (`encoder.encode(x)`,
# `decoder.decode(T.self, from:)`); the generated Codable types declare an
# `encode(to:)` of their own, which these calls are not.
FOUNDATION_METHODS = frozenset(["encode", "decode"])


@dataclass
class Signature:
    """Argument labels of a declaration, and which of them have defaults."""

    labels: list[str | None]
    defaults: list[bool]
    # An enum case's associated values, which a pattern may bind without labels.
    case: bool = False

    def accepts(self, used: list[str | None]) -> bool:
        """Whether a call with the labels `used` (None: unlabelled) fits."""
        if self.case and all(label is None for label in used):
            return len(used) == len(self.labels)
        position = 0
        for label in used:
            while position < len(self.labels) and self.labels[position] != label:
                if not self.defaults[position]:
                    return False
                position += 1
            if position == len(self.labels):
                return False
            position += 1
        return all(self.defaults[position:])


@dataclass
class Api:
    """What Landed.swift declares publicly."""

    types: set[str] = field(default_factory=set)
    functions: dict[str, list[Signature]] = field(default_factory=dict)
    initializers: dict[str, list[Signature]] = field(default_factory=dict)
    cases: dict[str, list[Signature]] = field(default_factory=dict)
    properties: set[str] = field(default_factory=set)

    def names(self) -> set[str]:
        return self.types | set(self.functions) | set(self.cases) | self.properties


def balanced(text: str, open_at: int) -> str:
    """The text inside the brackets that open at `open_at` (nested brackets included)."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = [pairs[text[open_at]]]
    for index in range(open_at + 1, len(text)):
        char = text[index]
        if char in pairs:
            stack.append(pairs[char])
        elif char == stack[-1]:
            stack.pop()
            if not stack:
                return text[open_at + 1 : index]
    raise ValueError(f"unbalanced bracket at {open_at}")


def top_level_parts(text: str) -> list[str]:
    """`text` split at the commas outside any brackets."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def without_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def parameters(text: str) -> Signature:
    """A declaration's parameter list: `label name: Type = default`, `_ name: Type`, `name: Type`."""
    labels: list[str | None] = []
    defaults: list[bool] = []
    for part in top_level_parts(without_comments(text)):
        names = part.split(":", 1)[0].split()
        labels.append(None if names[0] == "_" else names[0])
        defaults.append("=" in part.split(":", 1)[1] if ":" in part else False)
    return Signature(labels, defaults)


def read_bindings(text: str) -> Api:
    api = Api()
    text = without_comments(text)
    declared_types = [
        (match.start(), match.group(1))
        for match in re.finditer(
            r"\b(?:public|open)\s+(?:final\s+)?(?:class|struct|enum|protocol|typealias)\s+(\w+)", text
        )
    ]
    api.types = {name for _, name in declared_types}
    bodies: list[tuple[int, int, str]] = []  # where each type's body starts and ends
    extensions = [(m.start(), m.group(1)) for m in re.finditer(r"\bextension\s+(\w+)", text)]
    for start, name in declared_types + extensions:
        opening = re.compile(r"[{\n]").search(text, start)
        if opening and opening.group() == "{":
            bodies.append((opening.start(), opening.start() + len(balanced(text, opening.start())) + 1, name))

    def enclosing(position: int) -> str:
        """The innermost type whose body holds `position`."""
        return max((start, name) for start, end, name in bodies if start < position < end)[1]

    for match in re.finditer(r"\b(?:public|open)\s+(?:(?:static|class|convenience)\s+)*func\s+(\w+)\s*\(", text):
        signature = parameters(balanced(text, match.end() - 1))
        api.functions.setdefault(match.group(1), []).append(signature)
    for match in re.finditer(r"\b(?:public|open)\s+(?:convenience\s+)?init\s*\(", text):
        signature = parameters(balanced(text, match.end() - 1))
        api.initializers.setdefault(enclosing(match.start()), []).append(signature)
    for match in re.finditer(r"\b(?:public|open)\s+(?:static\s+)?(?:let|var)\s+(\w+)", text):
        api.properties.add(match.group(1))
    for start, name in declared_types:
        if not re.match(r"(?:public|open)\s+enum", text[start:]):
            continue
        body = balanced(text, text.index("{", start))
        for case in re.finditer(r"\bcase\s+(\w+)\s*(\()?", body):
            signature = parameters(balanced(body, case.end() - 1)) if case.group(2) else Signature([], [])
            signature.case = True
            api.cases.setdefault(case.group(1), []).append(signature)
    return api


def code_of(source: str) -> str:
    """Swift source with comments removed and every string literal replaced by
    `""`; the code inside string interpolations is kept, after a `;`."""
    out: list[str] = []
    interpolations: list[str] = []
    index = 0
    while index < len(source):
        if source.startswith("//", index):
            index = source.find("\n", index) if "\n" in source[index:] else len(source)
            continue
        if source.startswith("/*", index):
            index = source.index("*/", index) + 2
            continue
        literal = re.match(r'(#*)("""|")', source[index:])
        if literal:
            hashes, quotes = literal.group(1), literal.group(2)
            close = quotes + hashes
            escape = "\\" + hashes
            position = index + literal.end()
            while not source.startswith(close, position):
                if source.startswith(escape + "(", position):
                    inner = balanced(source, position + len(escape))
                    interpolations.append(inner)
                    position += len(escape) + len(inner) + 2
                elif source.startswith(escape, position):
                    position += len(escape) + 1
                else:
                    position += 1
            out.append('""')
            index = position + len(close)
            continue
        out.append(source[index])
        index += 1
    return "".join(out) + "".join(f";\n({code_of(inner)})" for inner in interpolations)


@dataclass
class Use:
    name: str
    member: bool  # after a `.`: a member of a value or a type
    labels: list[str | None] | None  # None: not a call
    line: str


def uses(code: str) -> tuple[set[str], list[Use]]:
    """The names the guide declares, and every name it uses."""
    declared = set(re.findall(r"\b(?:let|var|func|for)\s+(\w+)", code))
    for function in re.finditer(r"\bfunc\s+\w+\s*\(", code):
        for part in top_level_parts(balanced(code, function.end() - 1)):
            declared.add(part.split(":", 1)[0].split()[-1])
    found: list[Use] = []
    for token in re.finditer(r"(?<![\w@$#])([A-Za-z_]\w*)", code):
        name = token.group(1)
        before = code[: token.start()].rstrip()
        if before.endswith(("(", ",")) and re.match(r"\s*:(?!:)", code[token.end() :]):
            continue  # an argument label: checked with its call
        line = code[code.rfind("\n", 0, token.start()) + 1 : code.find("\n", token.end())].strip()
        after = code[token.end() :]
        labels: list[str | None] | None = None
        call = re.match(r"\s*\(", after)
        if call:
            arguments = balanced(code, token.end() + call.end() - 1)
            labels = []
            for part in top_level_parts(arguments):
                label = re.match(r"(\w+)\s*:(?!:)", part)
                labels.append(label.group(1) if label else None)
        found.append(Use(name, before.endswith("."), labels, line))
    return declared, found


def problems(guide: str, bindings: str) -> list[str]:
    api = read_bindings(bindings)
    code = "\n".join(block for _, block in fenced_blocks(guide, "swift"))
    declared, found = uses(code_of(code))
    missing: list[str] = []
    for use in found:
        name = use.name
        # A bare name the guide declares is the guide's; a member (`book.config`) never is.
        if name in KEYWORDS or (name in declared and not use.member):
            continue
        if use.member and name in FOUNDATION_METHODS:
            continue
        signatures = api.functions.get(name, []) + api.cases.get(name, []) + api.initializers.get(name, [])
        if use.labels is not None and signatures:
            if not any(signature.accepts(use.labels) for signature in signatures):
                labels = ", ".join(f"{label}:" if label else "_" for label in use.labels)
                missing.append(f"{name}({labels}) matches no declaration in Landed.swift: {use.line}")
            continue
        if name in api.names() or name in FOUNDATION:
            continue
        missing.append(f"{name} is not declared in Landed.swift: {use.line}")
    return missing


def test_the_swift_guide_uses_only_the_generated_api() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert len(fenced_blocks(guide, "swift")) >= 10, "the guide lost its code"
    bindings = BINDINGS.read_text(encoding="utf-8") + "\n" + TYPES.read_text(encoding="utf-8")
    assert problems(guide, bindings) == []


def test_the_check_reads_the_generated_api() -> None:
    api = read_bindings(BINDINGS.read_text(encoding="utf-8"))
    assert {"Book", "RateBook", "Money", "Conversion", "LandedError", "RateType", "LineFilter"} <= api.types
    assert ["configJson"] in [s.labels for s in api.initializers["Book"]]
    assert (["pivot"], [True]) in [(s.labels, s.defaults) for s in api.initializers["RateBook"]]
    assert [s.labels for s in api.functions["replay"]] == [["configJson", "eventsJson"]]
    assert [s.labels for s in api.cases["Failure"]] == [["code", "detail"]]
    assert {"spot", "monthlyAverage", "custom", "halfEven"} <= set(api.cases)
    assert {"amount", "currency", "rate", "legs"} <= api.properties
    assert Signature(["money", "to", "date", "rateType"], [False, False, False, True]).accepts(["money", "to", "date"])


def test_a_renamed_api_fails_the_check() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    bindings = BINDINGS.read_text(encoding="utf-8")
    renames = {
        "func headHash(": "func lastHash(",  # a method
        "func trialBalance(asOf: IsoDate": "func trialBalance(date: IsoDate",  # a label
        "init(configJson: String)": "init(json: String)",  # an initializer's label
        "public let amount:": "public let value:",  # a property
        "case Failure(": "case Refused(",  # an enum case
        "public func moneyOf(": "public func money(",  # a function
        "open class RateBook:": "open class Rates:",  # a type
    }
    for old, new in renames.items():
        assert old in bindings, old
        assert problems(guide, bindings.replace(old, new)) != [], f"renaming {old!r} went unnoticed"


def test_strings_and_comments_are_not_code() -> None:
    source = 'let a = "x \\(b.c) y" // d.e()\nlet f = #"{"g":1} \\#(h)"#\n/* i( */ j(k: 1)'
    assert code_of(source) == 'let a = "" \nlet f = ""\n j(k: 1);\n(b.c);\n(h)'
