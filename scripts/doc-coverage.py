#!/usr/bin/env python3
"""How much of the `landed` crate's public API carries a runnable example.

Walks core/src, finds the public items, and reports per top-level module
and overall how many have an example in their documentation.

What counts as a public item (a line-based reading of the source, not a
compiler; good enough for this crate's plain style):

* the crate root and every public module (`pub mod`, in its own file or
  inline): its example is a code block in its `//!` module doc (or in the
  `///` doc of an inline `pub mod`);
* a `pub fn`, `struct`, `enum`, `trait`, `type`, `const`, `static` at module
  level that a user can name: its module is public all the way up from the
  crate root, or a `pub use` in the crate re-exports its name;
* a `pub fn` / `pub const` in an inherent `impl` of a type counted above
  (wherever that impl is written), and every method of a public trait.

Not counted: `pub(crate)` and narrower items, struct fields and enum
variants (documented, but examples belong to their type), methods of trait
impls (`impl Display for ...`: the trait documents them), `pub use`
re-exports themselves, and private modules' items that nothing re-exports.

An item has an example when its doc comment (`///` lines, `#[doc = ...]`,
or `#[cfg_attr(..., doc = ...)]`, the form used on serialized types so that
the JSON Schema, which schemars builds from doc comments, does not change)
holds a fenced code block that rustdoc runs or compiles: not `text`,
`ignore`, `sh`, `json` or another language.

Each item is counted in the top-level module whose folder or file holds its
source, so a report method written in `report/ledger.rs` as
`impl Book { pub fn trial_balance(..) }` counts for `report`.

Usage:
    python3 scripts/doc-coverage.py           # the table
    python3 scripts/doc-coverage.py --missing # and every item without one
    python3 scripts/doc-coverage.py --check   # also fail below the bar

`--check` fails when overall coverage is under 50%, when any item of
`report`, `ledger` (settlements live there) or `trade` has no example, or
when the crate root or a module file (every `.rs` file under core/src) has
no `//!` module doc with an example.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "core" / "src"

OVERALL_MIN = 50.0
FULL_MODULES = ("report", "ledger", "trade")
# Fence info strings that rustdoc does not run or compile as Rust.
NOT_RUST = {"text", "ignore", "sh", "bash", "json", "console", "toml", "python",
            "js", "kotlin", "swift", "csv", "plain"}


@dataclass
class Item:
    module: str  # top-level module ("(crate)" for lib.rs)
    path: str  # file, relative to core/src
    line: int
    kind: str
    name: str
    has_example: bool


@dataclass
class Block:
    kind: str  # "mod", "impl", "trait", "other"
    public: bool = False  # mod: reachable; trait: public trait
    type_name: str = ""  # impl: the type of an inherent impl ("" for trait impls)


@dataclass
class FileInfo:
    path: Path
    module_path: list[str]
    public: bool
    module_doc: str = ""
    items: list[tuple] = field(default_factory=list)  # (line, kind, name, doc, owner)
    mod_decls: list[tuple] = field(default_factory=list)  # (name, public)
    reexports: set[str] = field(default_factory=set)


def has_example(doc: str) -> bool:
    """A fenced block whose info string is empty or Rust-like."""
    for match in re.finditer(r"^\s*```([^\n`]*)$", doc, re.M):
        info = match.group(1).strip()
        words = {w.strip() for w in info.split(",") if w.strip()}
        if not words & NOT_RUST:
            return True
    return False


class Scanner:
    """Tracks strings, comments and bracket depth across lines."""

    def __init__(self) -> None:
        self.in_block_comment = 0
        self.raw_hashes: int | None = None  # inside r#"..."#
        self.in_string = False

    def code(self, line: str) -> str:
        """The line with strings, chars and comments blanked out."""
        out = []
        i, n = 0, len(line)
        while i < n:
            c = line[i]
            if self.in_block_comment:
                if line.startswith("*/", i):
                    self.in_block_comment -= 1
                    i += 2
                elif line.startswith("/*", i):
                    self.in_block_comment += 1
                    i += 2
                else:
                    i += 1
                continue
            if self.raw_hashes is not None:
                end = '"' + "#" * self.raw_hashes
                j = line.find(end, i)
                if j < 0:
                    break
                self.raw_hashes = None
                i = j + len(end)
                out.append('""')
                continue
            if self.in_string:
                if c == "\\":
                    i += 2
                    continue
                if c == '"':
                    self.in_string = False
                    out.append('""')
                i += 1
                continue
            if line.startswith("//", i):
                break
            if line.startswith("/*", i):
                self.in_block_comment = 1
                i += 2
                continue
            m = re.match(r'b?r(#*)"', line[i:])
            if m and (i == 0 or not (line[i - 1].isalnum() or line[i - 1] == "_")):
                self.raw_hashes = len(m.group(1))
                i += m.end()
                continue
            if c == '"':
                self.in_string = True
                i += 1
                continue
            if c == "'":
                # A char literal ('{', '\n', '\u{..}') or a lifetime ('a).
                m = re.match(r"'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'", line[i:])
                if m:
                    out.append("' '")
                    i += m.end()
                    continue
            out.append(c)
            i += 1
        return "".join(out)


ITEM_RE = re.compile(
    r"^\s*pub\s+(?:(?:const|async|unsafe|extern\s+\"C\")\s+)*"
    r"(fn|struct|enum|trait|type|const|static|mod)\s+([A-Za-z_][A-Za-z0-9_]*)"
)
TRAIT_FN_RE = re.compile(r"^\s*(?:(?:const|async|unsafe)\s+)*(fn|type|const)\s+([A-Za-z_][A-Za-z0-9_]*)")
IMPL_RE = re.compile(r"^\s*(?:unsafe\s+)?impl\b(.*)$")


def impl_type(header: str) -> str:
    """The self type of an `impl` header, or "" for a trait impl."""
    rest = header.strip()
    # Drop the impl's own generics: impl<T: X> ...
    if rest.startswith("<"):
        depth = 0
        for k, ch in enumerate(rest):
            depth += ch == "<"
            depth -= ch == ">"
            if depth == 0:
                rest = rest[k + 1 :]
                break
    rest = rest.split("{")[0].split(" where ")[0]
    if re.search(r"\bfor\b", rest):
        return ""
    m = re.match(r"\s*(?:[A-Za-z_][A-Za-z0-9_]*::)*([A-Za-z_][A-Za-z0-9_]*)", rest)
    return m.group(1) if m else ""


def doc_text(attr: str) -> str | None:
    """The text an attribute adds to the doc, if it is a doc attribute."""
    body = attr.strip()
    if re.match(r"#\[\s*doc\s*=", body) or re.match(r"#\[\s*cfg_attr\s*\(.*\bdoc\s*=", body, re.S):
        m = re.search(r"doc\s*=\s*(r#*\"(.*)\"#*|\"(.*)\"|include_str!\s*\((.*?)\))", body, re.S)
        if m:
            if m.group(4):
                target = m.group(4).strip().strip('"')
                return "```\n(included " + target + ")\n```"
            text = m.group(2) if m.group(2) is not None else m.group(3)
            return text.replace("\\n", "\n")
    return None


def attribute_end(lines: list[str], start: int, scanner: Scanner) -> int:
    """The index of the line after the attribute that starts at `start`."""
    depth = 0
    i = start
    while i < len(lines):
        code = scanner.code(lines[i])
        depth += code.count("[") - code.count("]")
        i += 1
        if depth <= 0:
            break
    return i


def parse_file(info: FileInfo) -> None:
    lines = info.path.read_text().split("\n")
    scanner = Scanner()
    stack: list[Block] = [Block("mod", public=info.public)]
    # Inline modules' public flag, to know whether their items are reachable.
    doc: list[str] = []
    module_doc: list[str] = []
    pending_header = ""  # an item or impl header that spans lines, until its `{` or `;`
    pending_item = None  # (kind, line, name, doc) waiting for its opening brace
    i = 0
    while i < len(lines):
        raw = lines[i]
        stripped = raw.strip()
        at_code = scanner.raw_hashes is None and not scanner.in_string and not scanner.in_block_comment
        if at_code and not pending_header:
            if stripped.startswith("//!"):
                module_doc.append(stripped[3:][1:] if stripped[3:].startswith(" ") else stripped[3:])
                i += 1
                continue
            if stripped.startswith("///"):
                doc.append(stripped[3:][1:] if stripped[3:].startswith(" ") else stripped[3:])
                i += 1
                continue
            if stripped.startswith(("#[", "#![")):
                # An outer attribute, which may span lines; doc attributes add
                # to the item's doc. (Inner `#![..]` attributes are skipped.)
                end = attribute_end(lines, i, scanner)
                text = doc_text("\n".join(lines[i:end])) if stripped.startswith("#[") else None
                if text is not None:
                    doc.extend(text.split("\n"))
                i = end
                continue
            if stripped == "" or stripped.startswith("//"):
                scanner.code(raw)
                i += 1
                continue
        code = scanner.code(raw)
        if not at_code:
            i += 1
            continue
        top = stack[-1]
        header = (pending_header + " " + code).strip() if pending_header else code.strip()
        if not pending_header:
            item_doc = "\n".join(doc)
            doc = []
            line_no = i + 1
            m = ITEM_RE.match(code)
            if top.kind in ("mod", "impl", "trait"):
                if top.kind == "trait" and top.public:
                    tm = TRAIT_FN_RE.match(code)
                    if tm:
                        info.items.append((line_no, "method", tm.group(2), item_doc, "trait"))
                elif m and top.kind == "impl":
                    if m.group(1) in ("fn", "const") and top.type_name:
                        info.items.append((line_no, "method", m.group(2), item_doc, top.type_name))
                elif m and top.kind == "mod":
                    kind, name = m.group(1), m.group(2)
                    if kind == "mod":
                        if code.rstrip().endswith(";"):
                            info.mod_decls.append((name, True, item_doc))
                        else:
                            info.items.append((line_no, "mod", name, item_doc, None if not top.public else "public"))
                            pending_item = ("mod", name, top.public, item_doc)
                    else:
                        owner = "public" if top.public else None
                        info.items.append((line_no, kind, name, item_doc, owner))
                        if kind == "trait":
                            pending_item = ("trait", name, top.public, item_doc)
                elif top.kind == "mod":
                    pm = re.match(r"^\s*(?:pub\s*\([^)]*\)\s*)?mod\s+([A-Za-z_][A-Za-z0-9_]*)\s*;", code)
                    if pm:
                        info.mod_decls.append((pm.group(1), False, item_doc))
                    im = IMPL_RE.match(code)
                    if im:
                        pending_item = ("impl", impl_type(im.group(1)), False, "")
                    if re.match(r"^\s*(?:pub\s*\([^)]*\)\s*)?mod\s+[A-Za-z_][A-Za-z0-9_]*\s*\{", code):
                        pending_item = ("mod", "", False, "")
                    if re.match(r"^\s*pub\s+use\b", code) and top.public:
                        # Gather the whole use statement.
                        text = code
                        while ";" not in text and i + 1 < len(lines):
                            i += 1
                            text += " " + scanner.code(lines[i])
                        info.reexports.update(reexported_names(text))
                        i += 1
                        continue
        opens = code.count("{")
        closes = code.count("}")
        if opens or closes:
            # Push what this line opens (the first `{` belongs to a pending item).
            net = opens - closes
            if net > 0:
                for k in range(net):
                    if k == 0 and pending_item is not None:
                        kind, name, public, _ = pending_item
                        if kind == "mod":
                            stack.append(Block("mod", public=public and bool(name)))
                        elif kind == "impl":
                            stack.append(Block("impl", type_name=name))
                        elif kind == "trait":
                            stack.append(Block("trait", public=public))
                    else:
                        stack.append(Block("other"))
                pending_item = None
            elif net < 0:
                for _ in range(-net):
                    if len(stack) > 1:
                        stack.pop()
                pending_item = None
            else:
                pending_item = None if "{" in code else pending_item
            pending_header = ""
        else:
            # A header spanning lines (`impl<..>\n    Foo`) keeps its pending item.
            if pending_item is None and code.strip().startswith("impl"):
                pending_item = ("impl", impl_type(code.strip()[4:]), False, "")
            if pending_item is not None and pending_item[0] == "impl" and not pending_item[1]:
                pending_item = ("impl", impl_type(header[4:]) if header.startswith("impl") else "", False, "")
                pending_header = header if not code.rstrip().endswith(";") else ""
            if code.rstrip().endswith(";"):
                pending_item = None
                pending_header = ""
        i += 1
    info.module_doc = "\n".join(module_doc)


def reexported_names(text: str) -> set[str]:
    body = re.sub(r"^\s*pub\s+use\s+", "", text).rstrip().rstrip(";")
    names = set()
    for part in re.split(r"[{},]", body):
        part = part.strip()
        if not part or part == "self":
            continue
        m = re.search(r"\bas\s+([A-Za-z_][A-Za-z0-9_]*)$", part)
        if m:
            names.add(m.group(1))
            continue
        last = part.split("::")[-1].strip()
        if re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", last):
            names.add(last)
    return names


def load() -> tuple[list[Item], list[FileInfo]]:
    files: list[FileInfo] = []

    def visit(path: Path, module_path: list[str], public: bool) -> None:
        info = FileInfo(path, module_path, public)
        parse_file(info)
        files.append(info)
        folder = path.parent if path.name in ("lib.rs", "mod.rs") else path.with_suffix("")
        for name, is_pub, _ in info.mod_decls:
            child = folder / f"{name}.rs"
            if not child.exists():
                child = folder / name / "mod.rs"
            if child.exists():
                visit(child, module_path + [name], public and is_pub)

    visit(SRC / "lib.rs", [], True)
    reexported = set().union(*(f.reexports for f in files))
    items: list[Item] = []
    public_types: set[str] = set()
    pending_methods = []
    for f in files:
        rel = f.path.relative_to(SRC).as_posix()
        top = f.module_path[0] if f.module_path else "(crate)"
        if f.public:
            name = "crate root" if not f.module_path else "::".join(f.module_path)
            items.append(Item(top, rel, 1, "module", name, has_example(f.module_doc)))
        for line, kind, name, doc, owner in f.items:
            if kind == "method":
                pending_methods.append((top, rel, line, name, doc, owner))
                continue
            reachable = owner == "public" or name in reexported
            if not reachable:
                continue
            if kind in ("struct", "enum", "trait", "type"):
                public_types.add(name)
            label = "module" if kind == "mod" else kind
            items.append(Item(top, rel, line, label, name, has_example(doc)))
    for top, rel, line, name, doc, owner in pending_methods:
        if owner == "trait" or owner in public_types:
            label = f"{owner}::{name}" if owner != "trait" else name
            items.append(Item(top, rel, line, "method", label, has_example(doc)))
    return items, files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail below the thresholds")
    parser.add_argument("--missing", action="store_true", help="list items without an example")
    args = parser.parse_args()
    items, files = load()
    modules = sorted({it.module for it in items}, key=lambda m: (m != "(crate)", m))
    rows = []
    for m in modules:
        mine = [it for it in items if it.module == m]
        done = sum(it.has_example for it in mine)
        rows.append((m, len(mine), done))
    total = len(items)
    done = sum(it.has_example for it in items)
    width = max(len(r[0]) for r in rows + [("overall", 0, 0)])
    print(f"{'module':<{width}}  items  with example  coverage")
    for m, n, d in rows + [("overall", total, done)]:
        pct = 100.0 * d / n if n else 100.0
        print(f"{m:<{width}}  {n:>5}  {d:>12}  {pct:>7.1f}%")
    missing_docs = [f.path.relative_to(SRC).as_posix() for f in files if not has_example(f.module_doc)]
    print(f"module files with an example in their //! doc: {len(files) - len(missing_docs)} of {len(files)}")
    if args.missing:
        for it in items:
            if not it.has_example:
                print(f"  no example: {it.path}:{it.line} {it.kind} {it.name}")
        for path in missing_docs:
            print(f"  no module example: {path}")
    if not args.check:
        return 0
    failures = []
    overall = 100.0 * done / total if total else 100.0
    if overall < OVERALL_MIN:
        failures.append(f"overall coverage {overall:.1f}% is under {OVERALL_MIN:.0f}%")
    for m in FULL_MODULES:
        for it in items:
            if it.module == m and not it.has_example:
                failures.append(f"{it.path}:{it.line}: {it.kind} {it.name} in `{m}` has no example")
    for path in missing_docs:
        failures.append(f"{path}: no example in the //! module doc")
    for line in failures:
        print("FAIL:", line, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
