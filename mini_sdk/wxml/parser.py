"""Tokens → template tree, and one file's *unit*: its templates, imports, includes and wxs.

* :class:`TemplateNode` — an element or a piece of text as written (tag, attributes as
  parsed :class:`Value` objects, children, line, a unique ``uid``).
* :func:`parse_tree` — one file into a tree of TemplateNodes, with clear errors for an
  unclosed tag, a mismatched close tag (naming both tags and their lines), an unterminated
  ``{{`` or a bad expression: file, line, column and the student's line.
* :func:`load_unit` — one file plus what it pulls in (spec §3.4): ``<include src>`` copies the
  target's content in place except ``<template>`` and ``<wxs>``; ``<import src>`` makes the
  templates *defined in* the target available (not transitive); ``<template name>`` definitions
  are hoisted; ``<wxs module>`` declarations are recorded (their JavaScript runs in
  :mod:`mini_sdk.wxml.wxs` when the page gives no Python stand-in). Calls inside ``{{ }}`` are checked here: only
  functions of this file's wxs modules may be called.

Paths in ``src`` are relative to the file, or absolute from the project root (``/common/x``);
files are read through a *loader*: ``loader(src, relative_to) -> (source, filename)`` (see
:class:`DictLoader` and :class:`FileLoader`).
"""
from __future__ import annotations

import itertools
import os
import posixpath
import re
from typing import Callable, Iterable

from .expr import Expr, ExprSyntaxError, parse_mustache
from .tokenizer import EndTag, Mustache, SourceFile, StartTag, Text, tokenize

__all__ = [
    "Value", "TemplateNode", "FileUnit", "parse_tree", "load_unit", "resolve_path",
    "DictLoader", "FileLoader",
]

_uids = itertools.count(1)

# Tags students write HTML-style without closing them. When a close tag or the end of the file
# shows one was left open, it is closed implicitly instead of failing the whole file.
# UNVERIFIED: whether the real compiler accepts an unclosed <input>; being lenient here costs
# nothing for correct files and spares beginners an error about the wrong tag.
_VOIDISH = frozenset({"input", "image", "icon", "import", "include", "slider", "switch",
                      "progress", "checkbox", "radio", "textarea"})
_MODULE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class Value:
    """An attribute value or a text, parsed: literal strings and ``{{ }}`` expressions.

    ``kind`` is "const" (no mustache; ``const`` holds the string, or True for a valueless
    attribute), "single" (exactly one ``{{expr}}`` and nothing else: keeps the typed value,
    spec §3.1) or "mixed" (text and mustache: always a string).
    """

    __slots__ = ("raw", "parts", "kind", "const", "expr", "names", "calls", "offset")

    def __init__(self, raw, parts: list, src: SourceFile, offset: int) -> None:
        self.raw = raw
        self.offset = offset
        compiled: list = []
        names: set = set()
        calls: list = []
        for p in parts:
            if isinstance(p, Mustache):
                try:
                    e = parse_mustache(p.source)
                except ExprSyntaxError as err:
                    if "{{" in p.source:  # "{{name} ... {{x}}": the first {{ was never closed
                        head = p.source.split("{{")[0]
                        first = "{{" + (head[:head.index("}") + 1] if "}" in head else head.rstrip())
                        raise src.error("tpl_mustache_not_closed", p.offset, expr=first) from None
                    raise src.error(err.key, p.offset + 2 + err.pos,
                                    expr="{{" + p.source + "}}", **err.params) from None
                compiled.append(e)
                names |= e.names
                calls.extend((root, label, p.offset) for root, label in e.calls)
            elif p:
                compiled.append(p)
        self.parts = compiled
        self.names = frozenset(names)
        self.calls = calls
        self.expr: Expr | None = None
        if raw is True:
            self.kind, self.const = "const", True
        elif not any(isinstance(p, Expr) for p in compiled):
            self.kind, self.const = "const", "".join(compiled)
        elif len(compiled) == 1:
            self.kind, self.const, self.expr = "single", None, compiled[0]
        else:
            self.kind, self.const = "mixed", None

    @property
    def is_static(self) -> bool:
        return self.kind == "const"

    def __repr__(self) -> str:
        return f"Value({self.raw!r})"


class TemplateNode:
    """One element (or ``#text``) of a template as written."""

    __slots__ = ("tag", "attrs", "children", "offset", "src", "uid", "text", "wxs_source")

    def __init__(self, tag: str, attrs: dict | None, offset: int, src: SourceFile,
                 text: Value | None = None) -> None:
        self.tag = tag
        self.attrs: dict[str, Value] = attrs or {}
        self.children: list[TemplateNode] = []
        self.offset = offset
        self.src = src
        self.uid = next(_uids)
        self.text = text
        self.wxs_source: str | None = None

    @property
    def line(self) -> int:
        return self.src.line_col(self.offset)[0]

    @property
    def column(self) -> int:
        return self.src.line_col(self.offset)[1]

    @property
    def filename(self) -> str:
        return self.src.name

    @property
    def where(self) -> str:
        return f"{self.src.name}:{self.line}"

    def error(self, key: str, **params):
        return self.src.error(key, self.offset, **params)

    def static_attr(self, name: str) -> str | None:
        """The attribute's text when it has no ``{{ }}``; None when absent."""
        v = self.attrs.get(name)
        if v is None:
            return None
        if v.kind != "const":
            raise self.error("tpl_attr_must_be_static", tag=self.tag, attr=name)
        return "" if v.const is True else v.const

    def __repr__(self) -> str:
        if self.tag == "#text":
            return f"TemplateNode(#text {self.text.raw!r})"
        return f"TemplateNode(<{self.tag}> line {self.line}, {len(self.children)} children)"


def parse_tree(src: SourceFile) -> list[TemplateNode]:
    """Parse one file into its top-level TemplateNodes (no import/include processing)."""
    root = TemplateNode("#root", None, 0, src)
    stack = [root]
    for tok in tokenize(src):
        cls = tok.__class__
        if cls is Text:
            parent = stack[-1]
            if tok.is_raw:
                parent.wxs_source = tok.raw
                continue
            if parent.tag != "text" and not tok.raw.strip():
                continue  # whitespace between tags (and where comments were) is not content
            parent.children.append(
                TemplateNode("#text", None, tok.offset, src, Value(tok.raw, tok.parts, src, tok.offset)))
        elif cls is StartTag:
            attrs = {a.name: Value(a.raw, a.parts, src, a.offset) for a in tok.attrs}
            node = TemplateNode(tok.name, attrs, tok.offset, src)
            stack[-1].children.append(node)
            if not tok.self_closing:
                stack.append(node)
        elif cls is EndTag:
            name = tok.name
            while stack[-1].tag != name and stack[-1].tag in _VOIDISH and len(stack) > 1 \
                    and any(n.tag == name for n in stack[1:]):
                _close_voidish(stack)
            top = stack[-1]
            if top.tag == name and len(stack) > 1:
                stack.pop()
                continue
            if len(stack) == 1:
                raise src.error("tpl_stray_close", tok.offset, tag=name)
            raise src.error("tpl_mismatched_close", tok.offset, found=name, expected=top.tag,
                            open_line=top.line)
    while len(stack) > 1 and stack[-1].tag in _VOIDISH:
        _close_voidish(stack)
    if len(stack) > 1:
        top = stack[-1]
        raise src.error("tpl_unclosed_tag", top.offset, tag=top.tag, line=top.line)
    return root.children


def _close_voidish(stack: list) -> None:
    node = stack.pop()
    # what was parsed as its children belongs to its parent
    parent = stack[-1]
    parent.children.extend(node.children)
    node.children = []


# --------------------------------------------------------------------------- loading

def resolve_path(src: str, relative_to: str) -> str:
    """Project path of ``src`` written in file ``relative_to`` (``/x`` is from the root)."""
    src = src.strip().replace("\\", "/")
    if src.startswith("/"):
        path = src.lstrip("/")
    else:
        path = posixpath.join(posixpath.dirname(relative_to.replace("\\", "/")), src)
    return posixpath.normpath(path) if path else path


class DictLoader:
    """Serves files from a dict ``{"common/head.wxml": "<template …>"}`` (tests, inline apps)."""

    def __init__(self, files: dict[str, str], extension: str = ".wxml") -> None:
        self.files = {k.lstrip("/"): v for k, v in files.items()}
        self.extension = extension

    def __call__(self, src: str, relative_to: str):
        path = resolve_path(src, relative_to)
        for candidate in (path, path + self.extension):
            if candidate in self.files:
                return self.files[candidate], candidate
        return None


class FileLoader:
    """Serves files from a project folder; never reads outside it."""

    def __init__(self, root: str | os.PathLike, extension: str = ".wxml") -> None:
        self.root = os.path.realpath(os.fspath(root))
        self.extension = extension

    def __call__(self, src: str, relative_to: str):
        path = resolve_path(src, relative_to)
        for candidate in (path, path + self.extension):
            full = os.path.realpath(os.path.join(self.root, candidate))
            if not (full == self.root or full.startswith(self.root + os.sep)):
                return None
            if os.path.isfile(full):
                with open(full, encoding="utf-8-sig") as f:
                    return f.read(), candidate
        return None


Loader = Callable[[str, str], "tuple[str, str] | None"]


class FileUnit:
    """One template file after import/include processing."""

    def __init__(self, src: SourceFile) -> None:
        self.src = src
        self.filename = src.name
        self.nodes: list[TemplateNode] = []
        self.templates: dict[str, TemplateNode] = {}     # defined in this file (hoisted)
        self.imports: list[FileUnit] = []
        self.wxs: dict[str, TemplateNode] = {}           # module name -> <wxs> node
        self.used_wxs: tuple[str, ...] = ()              # wxs modules its expressions read
        self.compiled: dict = {}                         # the renderer's cache
        self.loader: Loader | None = None                # reads the files it names (wxs src)
        self._import_nodes: list[TemplateNode] = []

    def find_template(self, name: str):
        """(definition, unit it belongs to): this file's own first, then the files it imports
        (their own definitions only: import is not transitive)."""
        node = self.templates.get(name)
        if node is not None:
            return node, self
        for unit in reversed(self.imports):
            node = unit.templates.get(name)
            if node is not None:
                return node, unit
        return None, None

    def __repr__(self) -> str:
        return f"FileUnit({self.filename!r})"


def load_unit(source: str, filename: str, loader: Loader | None = None) -> FileUnit:
    """Parse ``source`` (named ``filename``) with everything it includes and imports."""
    return _build(SourceFile(source, filename), loader, {})


def _build(src: SourceFile, loader, registry: dict) -> FileUnit:
    unit = FileUnit(src)
    unit.loader = loader
    registry[src.name] = unit
    tree = _expand_includes(parse_tree(src), loader, (src.name,))
    unit.nodes = _collect(tree, unit)
    for node in unit._import_nodes:
        source, filename = _load(loader, node)
        imported = registry.get(filename)
        if imported is None:
            imported = _build(SourceFile(source, filename), loader, registry)
        unit.imports.append(imported)
    _validate(unit)
    return unit


def _load(loader, node: TemplateNode):
    src_value = node.attrs.get("src")
    if src_value is None:
        raise node.error("tpl_src_missing", tag=node.tag)
    src = node.static_attr("src")
    if loader is None:
        raise node.error("tpl_no_loader", tag=node.tag, src=src)
    try:
        found = loader(src, node.src.name)
    except (OSError, KeyError, ValueError):
        found = None
    if not found:
        raise node.error("tpl_file_not_found", tag=node.tag, src=src,
                         path=resolve_path(src, node.src.name))
    return found


def _expand_includes(children: list[TemplateNode], loader, chain: tuple) -> list[TemplateNode]:
    out: list[TemplateNode] = []
    for node in children:
        if node.tag == "include":
            source, filename = _load(loader, node)
            if filename in chain:
                raise node.error("tpl_include_cycle", chain=" → ".join(chain + (filename,)))
            inc_src = SourceFile(source, filename)
            included = _expand_includes(parse_tree(inc_src), loader, chain + (filename,))
            out.extend(_strip_templates_and_wxs(included))
        else:
            if node.children:
                node.children = _expand_includes(node.children, loader, chain)
            out.append(node)
    return out


def _strip_templates_and_wxs(nodes: Iterable[TemplateNode]) -> list[TemplateNode]:
    out = []
    for node in nodes:
        if node.tag == "wxs" or (node.tag == "template" and "name" in node.attrs):
            continue
        node.children = _strip_templates_and_wxs(node.children)
        out.append(node)
    return out


def _collect(children: list[TemplateNode], unit: FileUnit) -> list[TemplateNode]:
    out = []
    for node in children:
        tag = node.tag
        if tag == "template" and "name" in node.attrs:
            name = node.static_attr("name")
            node.children = _collect(node.children, unit)
            unit.templates[name] = node   # a later definition of the same name wins
            continue
        if tag == "template" and "is" not in node.attrs:
            raise node.error("tpl_template_needs_name")
        if tag == "wxs":
            module = node.static_attr("module")
            if not module:
                raise node.error("tpl_wxs_needs_module")
            if not _MODULE_NAME.match(module):
                raise node.error("tpl_wxs_bad_module_name", module=module)
            unit.wxs[module] = node       # duplicate names: the later one wins (spec §3.7)
            continue
        if tag == "import":
            unit._import_nodes.append(node)
            continue
        if node.children:
            node.children = _collect(node.children, unit)
        out.append(node)
    return out


def iter_values(nodes: Iterable[TemplateNode]):
    for node in nodes:
        if node.text is not None:
            yield node, node.text
        for value in node.attrs.values():
            yield node, value
        yield from iter_values(node.children)


def _validate(unit: FileUnit) -> None:
    used: set = set()
    wxs = unit.wxs
    everything = list(unit.nodes) + list(unit.templates.values())
    for node, value in iter_values(everything):
        for root, label, offset in value.calls:
            if root not in wxs:
                raise node.src.error("tpl_call_not_allowed", offset, call=label,
                                     expr=_mustache_at(node.src, offset))
        if wxs:
            used |= value.names & wxs.keys()
    unit.used_wxs = tuple(sorted(used))


def _mustache_at(src: SourceFile, offset: int) -> str:
    from .tokenizer import scan_mustache

    try:
        return src.text[offset:scan_mustache(src.text, offset, src)]
    except Exception:  # pragma: no cover - the mustache was scanned once already
        return src.text[offset:offset + 40]
