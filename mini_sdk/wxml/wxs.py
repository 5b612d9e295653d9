"""WXS, run for real: a ``<wxs>`` module's JavaScript executed by QuickJS (the ``quickjs``
package), as the real view layer runs it (spec §3.7).

* a module is written inline, ``<wxs module="m">module.exports = …</wxs>``, or in a file,
  ``<wxs module="m" src="./m.wxs"/>``; a ``.wxs`` file may ``require('./other.wxs')``
  (relative ``.wxs`` paths only); each file's module runs once (a singleton);
* WXS is an ES5 subset: ``let``, ``const``, arrow functions, classes and template strings are
  refused with the file and line; ``getRegExp(pattern, flags)`` and ``getDate(...)`` stand in
  for ``new RegExp``/``new Date`` (``getDate()`` reads the phone's clock when there is one);
* sandboxed: the engine has no file, network or timer API at all; every run has a CPU time
  limit (``TIME_LIMIT_S``) and the engine a memory limit; an error names the ``.wxs`` file and
  line;
* what a template reads from a module is plain data or a function; calling one sends the
  arguments as JSON and brings the answer back as JSON (names starting with ``_`` included:
  ``_._style(...)``).

A Python stand-in given in the page's ``wxs = {"m": ...}`` wins over the module's JavaScript
(lessons that teach Python can keep using it).
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Callable

from ..errors import TemplateError

#: CPU seconds one WXS run (loading a module, one call) may take
TIME_LIMIT_S = 1.0
MEMORY_LIMIT = 64 * 1024 * 1024

_PRELUDE = r"""
var __mc_defs = {}, __mc_cache = {}, __mc_fns = [], __mc_paths = {}, __mc_now_ms = 0;
var __mc_RegExp = RegExp, __mc_Date = Date;
function getRegExp(pattern, flags) { return new __mc_RegExp(pattern, flags || ''); }
function getDate() {
  var a = Array.prototype.slice.call(arguments);
  if (a.length === 0) { return new __mc_Date(__mc_now_ms); }
  if (a.length === 1) { return new __mc_Date(a[0]); }
  var d = new (Function.prototype.bind.apply(__mc_Date, [null].concat(a)))();
  return d;
}
function __mc_require(from) {
  return function (path) {
    var known = __mc_paths[from] || {};
    if (!(path in known)) { throw new Error("require('" + path + "'): no such .wxs file (a relative path to a .wxs file)"); }
    return __mc_load(known[path]);
  };
}
function __mc_load(key) {
  if (key in __mc_cache) { return __mc_cache[key].exports; }
  var module = { exports: {} };
  __mc_cache[key] = module;
  __mc_defs[key](module, module.exports, __mc_require(key));
  return module.exports;
}
function __mc_shape(value, depth) {
  if (typeof value === 'function') { __mc_fns.push(value); return { '\u0000fn': __mc_fns.length - 1 }; }
  if (value === null || typeof value !== 'object' || depth > 8) { return value; }
  var out = Array.isArray(value) ? [] : {};
  for (var k in value) { out[k] = __mc_shape(value[k], depth + 1); }
  return out;
}

// WXS: `x.constructor` is the type's name as a string ('Object', 'Array', ...), the way WXS
// code tells types apart. Built-ins that would read `constructor` to make their result (ES6
// "species") are given their ES5 behaviour, which never did.
(function () {
  var RE = RegExp, AP = Array.prototype, SP = String.prototype, split = SP.split;
  AP.map = function (fn, self) {
    var out = []; out.length = this.length;
    for (var i = 0; i < this.length; i++) { if (i in this) { out[i] = fn.call(self, this[i], i, this); } }
    return out;
  };
  AP.filter = function (fn, self) {
    var out = [];
    for (var i = 0; i < this.length; i++) { if (i in this && fn.call(self, this[i], i, this)) { out.push(this[i]); } }
    return out;
  };
  function clamp(n, len, dflt) {
    if (n === undefined) { return dflt; }
    n = Math.trunc(Number(n)) || 0;
    return n < 0 ? Math.max(len + n, 0) : Math.min(n, len);
  }
  AP.slice = function (begin, end) {
    var len = this.length >>> 0, out = [];
    for (var i = clamp(begin, len, 0), e = clamp(end, len, len); i < e; i++) { out.push(this[i]); }
    return out;
  };
  AP.concat = function () {
    var out = [], parts = [this].concat === undefined ? [] : [this];
    for (var a = 0; a < arguments.length; a++) { parts.push(arguments[a]); }
    for (var p = 0; p < parts.length; p++) {
      if (Array.isArray(parts[p])) { for (var i = 0; i < parts[p].length; i++) { out.push(parts[p][i]); } }
      else { out.push(parts[p]); }
    }
    return out;
  };
  AP.splice = function (start, count) {
    var len = this.length, removed = [], rest = [], i;
    start = clamp(start, len, 0);
    count = arguments.length < 2 ? len - start : Math.max(0, Math.min(Math.trunc(Number(count)) || 0, len - start));
    for (i = start; i < start + count; i++) { removed.push(this[i]); }
    for (i = start + count; i < len; i++) { rest.push(this[i]); }
    this.length = start;
    for (i = 2; i < arguments.length; i++) { this.push(arguments[i]); }
    for (i = 0; i < rest.length; i++) { this.push(rest[i]); }
    return removed;
  };
  SP.split = function (sep, limit) {
    if (!(sep instanceof RE)) { return split.call(this, sep, limit); }
    var s = String(this), out = [], last = 0, m;
    var re = new RE(sep.source, (sep.flags || '').replace('g', '') + 'g');
    if (s.length === 0) { return re.exec(s) ? [] : [s]; }
    while ((m = re.exec(s)) !== null) {
      if (m[0] === '') { if (m.index >= s.length) { break; } if (m.index === last) { re.lastIndex++; continue; } }
      out.push(s.slice(last, m.index));
      for (var i = 1; i < m.length; i++) { out.push(m[i]); }
      last = m.index + m[0].length;
      if (m[0] === '') { re.lastIndex++; }
    }
    out.push(s.slice(last));
    return limit === undefined ? out : out.slice(0, limit);
  };
  var global = this;
  ['Object', 'Array', 'Function', 'Date', 'RegExp', 'Number', 'String', 'Boolean'].forEach(function (name) {
    Object.defineProperty(global[name].prototype, 'constructor', {
      get: function () { return name; }, configurable: true });
  });
})();
function __mc_exports(key) { return JSON.stringify(__mc_shape(__mc_load(key), 0)); }
function __mc_call(id, args) {
  var result = __mc_fns[id].apply(null, JSON.parse(args));
  return result === undefined ? undefined : JSON.stringify(__mc_shape(result, 0));
}
"""

_ES6 = re.compile(r"\b(let|const|class)\b|=>|`")
_STRINGS_AND_COMMENTS = re.compile(r"""//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'""", re.S)
_LINE = re.compile(r"<input>:(\d+)")
_REQUIRE = re.compile(r"""\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)""")
_FRAME = re.compile(r"at ([\w$.<>]+) \(<input>")


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


_UNKNOWN_ESCAPE = re.compile(r"\\\\|\\([^bfnrtv0-9'\"\\\nxu])")


def keep_unknown_escapes(source: str) -> str:
    """UNVERIFIED (observed in real WXS code that works on phones, e.g. TDesign's
    ``getRegExp('^-?\\d+$')``): in a WXS string a backslash before a letter that is no escape
    stays, so regular expressions can be written in plain strings."""
    def string(match: re.Match) -> str:
        text = match.group(0)
        if text[0] not in "'\"":
            return text
        return _UNKNOWN_ESCAPE.sub(lambda m: m.group(0) if m.group(1) is None else "\\\\" + m.group(1), text)

    return _STRINGS_AND_COMMENTS.sub(string, source)


def check_es5(source: str, filename: str, first_line: int = 1) -> None:
    """Refuse what WXS does not have (``let``/``const``/``=>``/``class``/template strings)."""
    code = _STRINGS_AND_COMMENTS.sub(_blank, source)
    found = _ES6.search(code)
    if found:
        line = first_line + code.count("\n", 0, found.start())
        raise TemplateError("wxs_not_es5", where=f"{filename}:{line}", what=found.group(0))


class WxsFunction:
    """A function of a WXS module, callable from ``{{ }}`` or bound as an event handler."""

    __slots__ = ("engine", "id", "name", "__name__")

    def __init__(self, engine: "WxsEngine", id_: int, name: str) -> None:
        self.engine, self.id, self.name = engine, id_, name
        self.__name__ = name

    def __call__(self, *args: Any) -> Any:
        return self.engine.call(self, args)

    def __repr__(self) -> str:
        return f"<wxs function {self.name}>"


class WxsObject(Mapping):
    """A WXS object: read like a dict (names starting with ``_`` too)."""

    __slots__ = ("_items",)

    def __init__(self, items: dict) -> None:
        self._items = items

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self):
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._items[name]
        except KeyError:
            raise AttributeError(name) from None

    def __repr__(self) -> str:
        return f"<wxs {dict(self._items)!r}>"


def _plain(value: Any) -> Any:
    """What a Python value looks like to WXS (events and other objects: their fields)."""
    # an object may name its fields (one whose fields are properties over private slots)
    slots = getattr(type(value), "_fields", None) or getattr(type(value), "__slots__", None)
    if slots:
        return {name: getattr(value, name, None) for name in slots if not name.startswith("_")}
    if hasattr(value, "__dict__"):
        return {k: v for k, v in vars(value).items() if not k.startswith("_")}
    return None


class WxsEngine:
    """One QuickJS context holding the WXS modules of one template (and their requires)."""

    def __init__(self, loader: Callable | None) -> None:
        import quickjs

        self._quickjs = quickjs
        self.loader = loader
        self.context = quickjs.Context()
        self.context.set_memory_limit(MEMORY_LIMIT)
        self.context.set_time_limit(TIME_LIMIT_S)
        self.now_ms: Callable[[], float] | None = None
        self.context.eval(_PRELUDE)
        self._call = self.context.get("__mc_call")
        self._exports = self.context.get("__mc_exports")
        self.modules: dict[str, Any] = {}    # key -> exports (Python side)
        self._ranges: list[tuple[int, int, str, int]] = []  # (first, end, file, its first line)
        self._next_line = 10_000             # the prelude's lines come before
        self._sources: list[tuple[str, str, int]] = []
        self.uses_date = False

    def _set_clock(self) -> None:
        """getDate() with no argument: the phone's wall clock (deterministic), else real time."""
        if not self.uses_date:
            return
        if self.now_ms is not None:
            now = float(self.now_ms())
        else:
            import time

            now = time.time() * 1000
        self.context.set("__mc_now_ms", now)

    def _requires(self, key: str, source: str) -> None:
        """Load what ``source`` requires (WXS requires are literal relative .wxs paths), so
        that require() never has to leave the engine."""
        from .parser import resolve_path

        code = re.sub(r"//[^\n]*|/\*.*?\*/", " ", source, flags=re.S)
        paths = {}
        for path in _REQUIRE.findall(code):
            if not (path.startswith("./") or path.startswith("../")) or not path.endswith(".wxs"):
                continue
            target = resolve_path(path, key.split("#")[0])
            if target not in self.modules:
                found = None
                if self.loader is not None:
                    try:
                        found = self.loader(path, key.split("#")[0])
                    except (OSError, KeyError, ValueError):
                        found = None
                if not found:
                    continue   # require() says so when it runs
                self.define(target, found[0], found[1], 1)
            paths[path] = target
        if paths:
            self.context.eval(f"__mc_paths[{json.dumps(key)}] = {json.dumps(paths)};")

    def define(self, key: str, source: str, filename: str, first_line: int) -> None:
        """Make module ``key`` (``file.wxs`` or ``page.wxml#name``) from its source. Each
        module's code starts on lines of its own (blank lines before it), so a line number in
        an error tells which module and which of its lines."""
        check_es5(source, filename, first_line)
        source = keep_unknown_escapes(source)
        start = self._next_line
        count = source.count("\n") + 1
        self._ranges.append((start, start + count, filename, first_line))
        self._sources.append((source, filename, first_line))
        self._next_line = start + count + 1
        wrapped = ("\n" * (start - 1) + f"__mc_defs[{json.dumps(key)}] = function (module, exports, require) {{"
                   + source + "\n};")
        self._run(lambda: self.context.eval(wrapped), filename)
        self.modules.setdefault(key, None)
        if "getDate" in source:
            self.uses_date = True
        self._requires(key, source)

    def exports(self, key: str, label: str) -> Any:
        value = self.modules.get(key)
        if value is None:
            self._set_clock()
            text = self._run(lambda: self._exports(key), label)
            value = self.modules[key] = self._python(json.loads(text) if text else None, label)
        return value

    def call(self, fn: WxsFunction, args: tuple) -> Any:
        from .expr import EvalError

        payload = json.dumps([None if a is None else a for a in args], default=_plain)
        self._set_clock()
        try:
            text = self._run(lambda: self._call(fn.id, payload), fn.name)
        except TemplateError as err:  # the template's file and line are added by the renderer
            detail = err.params.get("error") or f"> {TIME_LIMIT_S} s"
            raise EvalError("tpl_wxs_raised", name=fn.name, error=f"{detail} ({err.where})") from None
        if text is None:
            from .expr import UNDEFINED

            return UNDEFINED
        return self._python(json.loads(text), fn.name)

    def _python(self, value: Any, name: str) -> Any:
        if isinstance(value, dict):
            if set(value) == {"\u0000fn"}:
                return WxsFunction(self, value["\u0000fn"], name)
            return WxsObject({k: self._python(v, f"{name}.{k}") for k, v in value.items()})
        if isinstance(value, list):
            return [self._python(v, f"{name}[{i}]") for i, v in enumerate(value)]
        return value

    def _run(self, fn: Callable[[], Any], label: str) -> Any:
        try:
            return fn()
        except self._quickjs.JSException as exc:
            message = str(exc).strip()
            if "interrupted" in message:
                raise TemplateError("wxs_too_slow", where=label, seconds=TIME_LIMIT_S) from None
            raise TemplateError("wxs_error", where=self._where(message) or label,
                                error=message.splitlines()[0]) from None

    def _where(self, message: str) -> str | None:
        """``file.wxs:line`` of the innermost place of a module's code in an error: the line
        itself when the engine tells it, else the line where the failing function starts."""
        for match in _LINE.finditer(message):
            line = int(match.group(1))
            for first, end, filename, first_line in self._ranges:
                if first <= line < end:
                    return f"{filename}:{first_line + line - first}"
        for name in _FRAME.findall(message):
            if name.startswith("__mc_") or name == "<eval>":
                continue
            pattern = re.compile(r"function\s+%s\s*\(|\b%s\s*[:=]\s*function\b" % (re.escape(name), re.escape(name)))
            for source, filename, first_line in self._sources:
                code = _STRINGS_AND_COMMENTS.sub(_blank, source)
                found = pattern.search(code)
                if found:
                    return f"{filename}:{first_line + code.count(chr(10), 0, found.start())}"
            break
        return None


def module_exports(unit, name: str, owner: Any = None) -> Any:
    """What the template file ``unit`` sees as wxs module ``name``, its JavaScript run (once)."""
    from .parser import resolve_path

    engine = unit.__dict__.get("wxs_engine")
    if engine is None:
        engine = unit.wxs_engine = WxsEngine(unit.loader)
    phone = getattr(owner, "_phone", None)
    if phone is not None and hasattr(phone, "epoch_ms"):
        engine.now_ms = lambda: phone.epoch_ms + phone.clock.now
    node = unit.wxs[name]
    src = node.static_attr("src") if "src" in node.attrs else None
    if src:
        key = resolve_path(src, unit.filename)
        if key not in engine.modules:
            found = None
            if unit.loader is not None:
                try:
                    found = unit.loader(src, unit.filename)
                except (OSError, KeyError, ValueError):
                    found = None
            if not found:
                raise node.error("wxs_src_not_found", module=name, src=src, path=key)
            engine.define(key, found[0], found[1], 1)
    else:
        key = f"{unit.filename}#{name}"
        if key not in engine.modules:
            engine.define(key, node.wxs_source or "", unit.filename, node.line)
    return engine.exports(key, name)
