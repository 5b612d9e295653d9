"""A mustache-aware WXML tokenizer.

Why not an XML or HTML parser (spec §7.3): real WXML has ``wx:``/``bind:`` prefixes without
namespace declarations, valueless attributes (``scroll-y``), ``<`` and ``&&`` inside ``{{ }}``,
and case-sensitive attribute names (``openType``). Python's parsers either refuse such files or
lower-case the names and split text at the ``<`` of ``{{ a < b }}``.

Rules implemented here:

* ``{{ … }}`` is opaque in text and in attribute values: quotes, ``<``, ``>`` and ``}`` inside
  it (outside nested braces and strings) do not end anything; it ends at the first ``}}`` at
  brace depth 0 outside a string literal.
* attribute names keep their case; an attribute without ``=`` is valueless (``True``);
  values may be double-quoted, single-quoted or bare;
* ``<x/>`` self-closes; ``<!-- … -->`` comments and ``<!…>`` declarations are skipped;
* the content of ``<wxs>`` is JavaScript and is kept raw (``a < b`` inside it is fine);
* entities (``&lt;`` ``&nbsp;`` ``&#20013;`` …) are decoded in text outside mustache.
* every token carries its offset; :class:`SourceFile` turns offsets into line/column and a
  snippet of the student's line for error messages.
"""
from __future__ import annotations

import bisect
import html
import re
from typing import Union

from ..errors import TemplateError

__all__ = [
    "SourceFile", "Mustache", "Attr", "StartTag", "EndTag", "Text", "tokenize",
    "scan_mustache",
]


class SourceFile:
    """One template file's text, with offset → line/column and error locations."""

    __slots__ = ("name", "text", "_line_starts")

    def __init__(self, text: str, name: str = "<template>") -> None:
        self.name = name
        self.text = text
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._line_starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset``."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_text(self, line: int) -> str:
        starts = self._line_starts
        if not 1 <= line <= len(starts):
            return ""
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[starts[line - 1]:end].rstrip("\r")

    def short_where(self, offset: int) -> str:
        line, _ = self.line_col(offset)
        return f"{self.name}:{line}"

    def where(self, offset: int) -> str:
        """``file:line:col`` followed by the student's line and a caret under the column."""
        line, col = self.line_col(offset)
        code = self.line_text(line)
        gutter = f"{line:>6} | "
        # Keep tabs as tabs under the caret so it lines up whatever the tab width is.
        pad = "".join("\t" if ch == "\t" else " " for ch in code[: col - 1])
        return (
            f"{self.name}:{line}:{col}\n"
            f"{gutter}{code}\n"
            f"{' ' * (len(gutter) - 2)}| {pad}^"
        )

    def error(self, key: str, offset: int, **params) -> TemplateError:
        line, col = self.line_col(offset)
        err = TemplateError(key, where=self.where(offset), **params)
        err.filename, err.line, err.column = self.name, line, col
        err.source_line = self.line_text(line)
        return err


class Mustache:
    """The inside of one ``{{ … }}``; ``offset`` is where its ``{{`` starts in the file."""

    __slots__ = ("source", "offset")

    def __init__(self, source: str, offset: int) -> None:
        self.source = source
        self.offset = offset

    def __repr__(self) -> str:
        return f"Mustache({self.source!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Mustache) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)


Part = Union[str, Mustache]


class Attr:
    __slots__ = ("name", "raw", "parts", "offset")

    def __init__(self, name: str, raw, parts: list, offset: int) -> None:
        self.name = name
        self.raw = raw          # the text between the quotes, or True when valueless
        self.parts = parts      # list of str / Mustache (empty when valueless)
        self.offset = offset    # where the attribute name starts

    def __repr__(self) -> str:
        return f"Attr({self.name!r}, {self.raw!r})"


class StartTag:
    __slots__ = ("name", "attrs", "self_closing", "offset")

    def __init__(self, name, attrs, self_closing, offset):
        self.name, self.attrs, self.self_closing, self.offset = name, attrs, self_closing, offset

    def __repr__(self) -> str:
        return f"<{self.name} {self.attrs}{' /' if self.self_closing else ''}>"


class EndTag:
    __slots__ = ("name", "offset")

    def __init__(self, name, offset):
        self.name, self.offset = name, offset

    def __repr__(self) -> str:
        return f"</{self.name}>"


class Text:
    __slots__ = ("parts", "raw", "offset", "is_raw")

    def __init__(self, parts, raw, offset, is_raw=False):
        self.parts, self.raw, self.offset, self.is_raw = parts, raw, offset, is_raw

    def __repr__(self) -> str:
        return f"Text({self.raw!r})"


_TAG_NAME = re.compile(r"[A-Za-z_][\w\-.:]*")
_ATTR_NAME_END = re.compile(r"[\s=>\"'<]|/>")
_BARE_VALUE_END = re.compile(r"[\s>]|/>|\{\{")
_WS = re.compile(r"\s*")
_TEXT_STOP = re.compile(r"<|\{\{")
_RAW_TEXT_TAGS = ("wxs",)


def scan_mustache(text: str, start: int, src: SourceFile) -> int:
    """``text[start:start+2] == '{{'``; return the offset just after the matching ``}}``.

    Braces nest (``{{a: {b: 1}}}``) and string literals are skipped (``{{ '}}' }}``). A string
    literal ends at its quote or at the end of the line (JavaScript strings can't span lines),
    so one stray apostrophe can't swallow the rest of the file.
    """
    n = len(text)
    k = start + 2
    depth = 0
    while k < n:
        c = text[k]
        if c == "}":
            if depth == 0:
                if k + 1 < n and text[k + 1] == "}":
                    return k + 2
            else:
                depth -= 1
        elif c == "{":
            depth += 1
        elif c == "'" or c == '"':
            k += 1
            while k < n:
                d = text[k]
                if d == "\\":
                    k += 2
                    continue
                if d == c or d == "\n":
                    break
                k += 1
        k += 1
    # No end found the careful way: a stray quote or brace inside? End at the first "}}" so
    # the expression parser can point at the real mistake ("a text in quotes never ends").
    k = text.find("}}", start + 2)
    if k >= 0:
        return k + 2
    raise src.error("tpl_unterminated_mustache", start)


def _split_mustache(text: str, start: int, end: int, src: SourceFile, decode: bool) -> list:
    """Split ``text[start:end]`` into literal strings and :class:`Mustache` parts."""
    parts: list = []
    i = start
    find = text.find
    while i < end:
        j = find("{{", i, end)
        if j < 0:
            lit = text[i:end]
            parts.append(html.unescape(lit) if decode and "&" in lit else lit)
            break
        if j > i:
            lit = text[i:j]
            parts.append(html.unescape(lit) if decode and "&" in lit else lit)
        k = scan_mustache(text, j, src)
        if k > end:  # pragma: no cover - callers pass mustache-aware bounds
            raise src.error("tpl_unterminated_mustache", j)
        parts.append(Mustache(text[j + 2:k - 2], j))
        i = k
    return parts


def tokenize(src: SourceFile) -> list:
    """Tokens of one WXML file: :class:`StartTag`, :class:`EndTag` and :class:`Text`."""
    text = src.text
    n = len(text)
    tokens: list = []
    i = 0
    text_start = 0

    def flush_text(upto: int) -> None:
        if upto > text_start:
            tokens.append(Text(_split_mustache(text, text_start, upto, src, True),
                               text[text_start:upto], text_start))

    while i < n:
        m = _TEXT_STOP.search(text, i)
        if m is None:
            break
        j = m.start()
        if text.startswith("{{", j):
            i = scan_mustache(text, j, src)
            continue
        # a '<'
        nxt = text[j + 1:j + 2]
        if text.startswith("<!--", j):
            end = text.find("-->", j + 4)
            if end < 0:
                raise src.error("tpl_unterminated_comment", j)
            flush_text(j)
            i = text_start = end + 3
            continue
        if nxt == "!" or nxt == "?":
            end = text.find(">", j)
            if end < 0:
                raise src.error("tpl_unterminated_tag", j, tag=text[j:j + 10])
            flush_text(j)
            i = text_start = end + 1
            continue
        if nxt == "/":
            nm = _TAG_NAME.match(text, j + 2)
            if nm is None:
                i = j + 1  # a lone "</" in text: keep it as text
                continue
            flush_text(j)
            k = _WS.match(text, nm.end()).end()
            if text[k:k + 1] != ">":
                raise src.error("tpl_bad_end_tag", j, tag=nm.group())
            tokens.append(EndTag(nm.group(), j))
            i = text_start = k + 1
            continue
        nm = _TAG_NAME.match(text, j + 1)
        if nm is None:
            i = j + 1  # "a < b" in plain text
            continue
        flush_text(j)
        tag = nm.group()
        attrs, self_closing, i = _scan_attrs(text, nm.end(), src, tag, j)
        tokens.append(StartTag(tag, attrs, self_closing, j))
        text_start = i
        if tag in _RAW_TEXT_TAGS and not self_closing:
            close = text.find(f"</{tag}", i)
            if close < 0:
                raise src.error("tpl_unclosed_tag", j, tag=tag, line=src.line_col(j)[0])
            if close > i:
                raw = text[i:close]
                tokens.append(Text([raw], raw, i, is_raw=True))
            i = text_start = close
    flush_text(n)
    return tokens


def _scan_attrs(text: str, i: int, src: SourceFile, tag: str, tag_offset: int):
    n = len(text)
    attrs: list[Attr] = []
    while True:
        i = _WS.match(text, i).end()
        if i >= n:
            raise src.error("tpl_unterminated_tag", tag_offset, tag=tag)
        c = text[i]
        if c == ">":
            return attrs, False, i + 1
        if text.startswith("/>", i):
            return attrs, True, i + 2
        if c == "/":  # a stray slash: ignore it, as browsers do
            i += 1
            continue
        if c == "<":
            # "<view class="a" <text>": the '>' was forgotten
            raise src.error("tpl_unterminated_tag", tag_offset, tag=tag)
        if c in "\"'=":
            raise src.error("tpl_bad_attribute", i, tag=tag, char=c)
        m = _ATTR_NAME_END.search(text, i)
        end = m.start() if m else n
        name = text[i:end]
        name_offset = i
        i = _WS.match(text, end).end()
        if text[i:i + 1] != "=":
            attrs.append(Attr(name, True, [], name_offset))
            continue
        i = _WS.match(text, i + 1).end()
        if i >= n:
            raise src.error("tpl_unterminated_tag", tag_offset, tag=tag)
        q = text[i]
        if q == '"' or q == "'":
            k = i + 1
            while True:
                if k >= n:
                    raise src.error("tpl_unterminated_quote", i, name=name, quote=q)
                c = text[k]
                if c == q:
                    break
                if c == "{" and text.startswith("{{", k):
                    k = scan_mustache(text, k, src)
                    continue
                k += 1
            raw = text[i + 1:k]
            # UNVERIFIED: entities are not decoded inside attribute values (only in text);
            # attributes with "&lt;" are rare in real mini-programs and the spec is silent.
            parts = _split_mustache(text, i + 1, k, src, False)
            attrs.append(Attr(name, raw, parts, name_offset))
            i = k + 1
        else:
            k = i
            while k < n:
                m = _BARE_VALUE_END.search(text, k)
                if m is None:
                    k = n
                    break
                if m.group() == "{{":
                    k = scan_mustache(text, m.start(), src)
                    continue
                k = m.start()
                break
            raw = text[i:k]
            attrs.append(Attr(name, raw, _split_mustache(text, i, k, src, False), name_offset))
            i = k
