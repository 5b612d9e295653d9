"""The ``{{ }}`` expression language: a safe evaluator, never Python ``eval``/``exec``.

Supported (spec §3.1): literals (numbers, '…'/"…" strings, true/false/null/undefined), names
(missing → ``undefined``), ``.``/``[ ]`` member access (``.length`` of arrays and strings),
unary ``! - +``, ``* / %``, ``+ -``, comparisons ``== === != !== < > <= >=``, ``&& ||``,
the ternary, parentheses, array literals, object literals (also the brace-less top-level form
``{{a: 1, ...b}}`` and the shorthand ``{{foo, bar}}``), spread, and calls of functions that
come from wxs modules. Values follow JavaScript semantics closely enough for students (string
concatenation, ``==`` coercion, truthiness, number formatting).

Each expression is parsed once (cached by its source text) into a tree of small Python
closures that take the scope ``dict`` and return the value.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, Callable

__all__ = [
    "UNDEFINED", "Expr", "ExprSyntaxError", "EvalError", "parse_expression", "parse_mustache",
    "to_text", "js_string", "to_number", "truthy", "number_to_string", "js_get",
    "strict_equals", "loose_equals",
]


# --------------------------------------------------------------------------- JS values

class _Undefined:
    """JavaScript ``undefined``: falsy, renders as "" in templates."""

    __slots__ = ()
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = object.__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "undefined"

    def __reduce__(self):
        return (_Undefined, ())

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


# what Python's own errors call it when a student's handler gets it (a data-* attribute read
# from a name that does not exist, `wx:fro`): "'undefined' object is not subscriptable", in the
# JavaScript word the lessons use, not our class's name
_Undefined.__name__ = _Undefined.__qualname__ = "undefined"
UNDEFINED = _Undefined()
_NAN = float("nan")
_INF = float("inf")


def number_to_string(v) -> str:
    """JavaScript ``Number.prototype.toString()`` for ints and floats."""
    if v.__class__ is int:
        return str(v)
    if v != v:
        return "NaN"
    if v == _INF:
        return "Infinity"
    if v == -_INF:
        return "-Infinity"
    if v == 0:
        return "0"
    if v.is_integer() and -1e21 < v < 1e21:
        return str(int(v))
    r = repr(v)
    sign = ""
    if r[0] == "-":
        sign, r = "-", r[1:]
    mant, _, exp = r.partition("e")
    exp = int(exp) if exp else 0
    if "." in mant:
        ip, fp = mant.split(".")
    else:
        ip, fp = mant, ""
    digits = (ip + fp).lstrip("0")
    # position of the decimal point relative to the first significant digit
    n = len(ip) + exp - (len(ip + fp) - len((ip + fp).lstrip("0")))
    digits = digits.rstrip("0") or "0"
    k = len(digits)
    if k <= n <= 21:
        s = digits + "0" * (n - k)
    elif 0 < n <= 21:
        s = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        s = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        s = digits[0] + ("." + digits[1:] if k > 1 else "") + ("e+" if e >= 0 else "e-") + str(abs(e))
    return sign + s


def js_string(v) -> str:
    """JavaScript ``String(v)`` (used by ``+``): undefined → "undefined", null → "null"."""
    c = v.__class__
    if c is str:
        return v
    if c is int:
        return str(v)
    if c is float:
        return number_to_string(v)
    if c is bool:
        return "true" if v else "false"
    if v is None:
        return "null"
    if v is UNDEFINED:
        return "undefined"
    if c is list or c is tuple:
        return ",".join([to_text(x) for x in v])  # Array.join: null/undefined -> ""
    if c is dict or isinstance(v, Mapping):
        return "[object Object]"
    if callable(v):
        return "function () { [native code] }"
    return str(v)


def to_text(v) -> str:
    """How a value shows on the page: like ``String(v)`` but undefined and null show as ""."""
    c = v.__class__
    if c is str:
        return v
    if c is int:
        return str(v)
    if v is UNDEFINED or v is None:
        # UNVERIFIED: the spec says undefined renders as "" but is silent on null (JS String(null)
        # is "null"). The real view layer (glass-easel's data-to-text conversion) treats null
        # like undefined, and students' data is full of nulls from JSON APIs that they would not
        # expect to see printed as "null" - so null shows as "".
        return ""
    return js_string(v)


def truthy(v) -> bool:
    """JavaScript truthiness: "" 0 NaN null undefined false are falsy; [] and {} are truthy."""
    c = v.__class__
    if c is bool:
        return v
    if c is str:
        return v != ""
    if c is int:
        return v != 0
    if c is float:
        return v == v and v != 0.0
    if v is None or v is UNDEFINED:
        return False
    return True


_JS_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\Z")
_JS_SPACE = " \t\n\r\v\f\xa0\ufeff\u2028\u2029\u3000"


def _norm(x):
    """Keep integral results as ints so 6/3 is 2 (prints "2", compares equal to data ints)."""
    if x.__class__ is float and x.is_integer() and -9007199254740992.0 <= x <= 9007199254740992.0:
        return int(x)
    return x


def to_number(v):
    """JavaScript ``Number(v)``."""
    c = v.__class__
    if c is int or c is float:
        return v
    if c is bool:
        return 1 if v else 0
    if v is None:
        return 0
    if c is str:
        s = v.strip(_JS_SPACE)
        if s == "":
            return 0
        if _JS_NUMBER.match(s):
            return _norm(float(s))
        low = s.lower()
        if s in ("Infinity", "+Infinity"):
            return _INF
        if s == "-Infinity":
            return -_INF
        try:
            if low.startswith("0x"):
                return int(s[2:], 16)
            if low.startswith("0o"):
                return int(s[2:], 8)
            if low.startswith("0b"):
                return int(s[2:], 2)
        except ValueError:
            return _NAN
        return _NAN
    if c is list or c is tuple:
        return to_number(js_string(v))
    return _NAN


def _to_primitive(v):
    c = v.__class__
    if c is list or c is tuple or c is dict or isinstance(v, Mapping):
        return js_string(v)
    return v


def _is_num(v) -> bool:
    c = v.__class__
    return c is int or c is float


def strict_equals(a, b) -> bool:
    ca, cb = a.__class__, b.__class__
    if (ca is int or ca is float) and (cb is int or cb is float):
        return a == b
    if ca is not cb:
        return False
    if ca is str or ca is bool:
        return a == b
    return a is b


def loose_equals(a, b) -> bool:
    na = a is None or a is UNDEFINED
    nb = b is None or b is UNDEFINED
    if na or nb:
        return na and nb
    ca, cb = a.__class__, b.__class__
    a_obj = not (ca is str or ca is bool or ca is int or ca is float)
    b_obj = not (cb is str or cb is bool or cb is int or cb is float)
    if a_obj and b_obj:
        return a is b
    if a_obj:
        return loose_equals(_to_primitive(a), b)
    if b_obj:
        return loose_equals(a, _to_primitive(b))
    if ca is bool:
        return loose_equals(1 if a else 0, b)
    if cb is bool:
        return loose_equals(a, 1 if b else 0)
    if ca is str and cb is str:
        return a == b
    return to_number(a) == to_number(b)


def js_add(a, b):
    ca, cb = a.__class__, b.__class__
    if ca is int and cb is int:
        return a + b
    if ca is str and cb is str:
        return a + b
    a, b = _to_primitive(a), _to_primitive(b)
    if a.__class__ is str or b.__class__ is str:
        return js_string(a) + js_string(b)
    return _norm(to_number(a) + to_number(b))


def js_sub(a, b):
    if a.__class__ is int and b.__class__ is int:
        return a - b
    return _norm(to_number(a) - to_number(b))


def js_mul(a, b):
    if a.__class__ is int and b.__class__ is int:
        return a * b
    x, y = to_number(a), to_number(b)
    try:
        return _norm(x * y)
    except OverflowError:  # pragma: no cover - float * float never raises
        return _INF


def js_div(a, b):
    x, y = to_number(a), to_number(b)
    if y == 0:
        if x == 0 or x != x:
            return _NAN
        return math.copysign(_INF, x) * math.copysign(1.0, float(y))
    try:
        return _norm(x / y)
    except OverflowError:
        return _INF if (x > 0) == (y > 0) else -_INF


def js_mod(a, b):
    x, y = to_number(a), to_number(b)
    if y == 0 or x != x or y != y or x in (_INF, -_INF):
        return _NAN
    if y in (_INF, -_INF):
        return x
    if x.__class__ is int and y.__class__ is int:
        r = abs(x) % abs(y)
        return -r if x < 0 else r
    return _norm(math.fmod(x, y))


def _relational(a, b, op):
    a, b = _to_primitive(a), _to_primitive(b)
    if a.__class__ is str and b.__class__ is str:
        x, y = a, b
    else:
        x, y = to_number(a), to_number(b)
        if x != x or y != y:
            return False
    if op == "<":
        return x < y
    if op == ">":
        return x > y
    if op == "<=":
        return x <= y
    return x >= y


def property_key(k) -> str:
    c = k.__class__
    if c is str:
        return k
    if c is int or c is float:
        return number_to_string(k)
    return js_string(k)


def _index(k):
    """An array index from a key, or None."""
    c = k.__class__
    if c is int:
        return k
    if c is float and k.is_integer():
        return int(k)
    if c is str and k.isdigit() and k.isascii():
        return int(k)
    return None


def js_get(o, k):
    """``o[k]`` / ``o.k`` the lenient way templates do it: a missing thing is ``undefined``."""
    c = o.__class__
    if c is dict:
        return o.get(k if k.__class__ is str else property_key(k), UNDEFINED)
    if c is list or c is tuple or c is str:
        if k == "length" and k.__class__ is str:
            return len(o)
        i = _index(k)
        if i is not None and 0 <= i < len(o):
            return o[i]
        return UNDEFINED
    if o is None or o is UNDEFINED or c is int or c is float or c is bool:
        return UNDEFINED
    if isinstance(o, Mapping):
        return o.get(property_key(k), UNDEFINED)
    # wxs modules supplied from Python: modules, classes, objects. Names may start with one
    # "_" as in real wxs (``_._style(...)``); Python's own ``__dunder__`` names stay out of reach.
    key = property_key(k)
    if key.startswith("__"):
        return UNDEFINED
    return getattr(o, key, UNDEFINED)


# --------------------------------------------------------------------------- errors

class ExprSyntaxError(Exception):
    """An expression can't be parsed; ``key`` is a message key, ``pos`` an offset in it."""

    def __init__(self, key: str, pos: int, **params) -> None:
        super().__init__(key)
        self.key, self.pos, self.params = key, pos, params


class EvalError(Exception):
    """Evaluating an expression failed (a wxs call); the renderer adds file and line."""

    def __init__(self, key: str, **params) -> None:
        super().__init__(key)
        self.key, self.params = key, params


# --------------------------------------------------------------------------- lexer

_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
   |(?P<num>0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
   |(?P<name>(?:[^\W\d]|\$)(?:\w|\$)*)
   |(?P<str>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
   |(?P<op>\.\.\.|===|!==|==|!=|<=|>=|&&|\|\||[-+*/%!<>?:.,()\[\]{}])
    """,
    re.X,
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_KEYWORDS = {"true": True, "false": False, "null": None, "undefined": UNDEFINED}


def _unescape(body: str) -> str:
    if "\\" not in body:
        return body
    out = []
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        d = body[i + 1] if i + 1 < n else ""
        if d == "u" and re.match(r"[0-9a-fA-F]{4}", body[i + 2:i + 6]):
            out.append(chr(int(body[i + 2:i + 6], 16)))
            i += 6
        elif d == "x" and re.match(r"[0-9a-fA-F]{2}", body[i + 2:i + 4]):
            out.append(chr(int(body[i + 2:i + 4], 16)))
            i += 4
        else:
            out.append(_ESCAPES.get(d, d))
            i += 2
    return "".join(out)


def _lex(src: str) -> list[tuple[str, Any, int]]:
    toks: list[tuple[str, Any, int]] = []
    i, n = 0, len(src)
    while i < n:
        m = _TOKEN_RE.match(src, i)
        if m is None:
            c = src[i]
            if c in "'\"":
                raise ExprSyntaxError("tpl_expr_unterminated_string", i)
            if c == "=":
                if src.startswith("=>", i):
                    raise ExprSyntaxError("tpl_expr_not_supported", i, what="=>")
                raise ExprSyntaxError("tpl_expr_assignment", i)
            if c == "`":
                raise ExprSyntaxError("tpl_expr_not_supported", i, what="`")
            raise ExprSyntaxError("tpl_expr_unexpected", i, token=c)
        kind = m.lastgroup
        text = m.group()
        if kind == "ws":
            pass
        elif kind == "num":
            end = m.end()
            if end < n and (src[end].isalnum() or src[end] in "_$"):
                raise ExprSyntaxError("tpl_expr_unexpected", i, token=src[i:end + 1])
            if text[:2] in ("0x", "0X"):
                value = int(text, 16)
            elif "." in text or "e" in text or "E" in text:
                value = float(text)
            else:
                value = int(text)
            toks.append(("num", value, i))
        elif kind == "name":
            toks.append(("name", text, i))
        elif kind == "str":
            toks.append(("str", _unescape(text[1:-1]), i))
        else:
            if text == "?" and src.startswith("?.", i) and not src[i + 2:i + 3].isdigit():
                raise ExprSyntaxError("tpl_expr_not_supported", i, what="?.")
            if text == "?" and src.startswith("??", i):
                raise ExprSyntaxError("tpl_expr_not_supported", i, what="??")
            toks.append(("op", text, i))
        i = m.end()
    toks.append(("end", None, n))
    return toks


# --------------------------------------------------------------------------- parser (AST)
#
# AST nodes are tuples: ("lit", value) ("name", n) ("member", obj, key_node, computed)
# ("call", callee, args) ("unary", op, x) ("bin", op, a, b) ("and", a, b) ("or", a, b)
# ("cond", test, a, b) ("array", items) ("object", props) ("spread", x)
# object props: ("prop", key, value_node) | ("spread", x)

_BINARY_LEVELS = [
    ("==", "!=", "===", "!=="),
    ("<", ">", "<=", ">="),
    ("+", "-"),
    ("*", "/", "%"),
]


class _Parser:
    def __init__(self, src: str) -> None:
        self.src = src
        self.toks = _lex(src)
        self.i = 0

    def peek(self, k: int = 0):
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def next(self):
        t = self.toks[self.i]
        self.i += 1
        return t

    def at(self, op: str) -> bool:
        t = self.toks[self.i]
        return t[0] == "op" and t[1] == op

    def expect(self, op: str):
        t = self.toks[self.i]
        if t[0] == "op" and t[1] == op:
            self.i += 1
            return t
        self.fail(t, expected=op)

    def fail(self, t, expected: str | None = None):
        if t[0] == "end":
            if expected:
                raise ExprSyntaxError("tpl_expr_missing", t[2], token=expected)
            raise ExprSyntaxError("tpl_expr_unexpected_end", t[2])
        if t[0] == "op" or t[0] == "name":
            tok = t[1]
        else:
            nxt = [u[2] for u in self.toks if u[2] > t[2]]
            tok = self.src[t[2]:nxt[0] if nxt else len(self.src)].strip()
        raise ExprSyntaxError("tpl_expr_unexpected", t[2], token=tok)

    # entry points
    def parse_mustache(self):
        toks = self.toks
        t0, t1 = toks[0], toks[1] if len(toks) > 1 else ("end", None, 0)
        if t0[0] == "end":
            raise ExprSyntaxError("tpl_expr_empty", 0)
        bare_object = (
            (t0[0] == "op" and t0[1] == "...")
            or (t0[0] in ("name", "str", "num") and t1[0] == "op" and t1[1] == ":")
            or (t0[0] == "name" and t1[0] == "op" and t1[1] == ",")
        )
        if bare_object:
            node = self.object_body(end=None)
        else:
            node = self.expression()
        t = self.peek()
        if t[0] != "end":
            self.fail(t)
        return node

    def expression(self):
        test = self.binary_or()
        if self.at("?"):
            self.next()
            a = self.expression()
            self.expect(":")
            b = self.expression()
            return ("cond", test, a, b)
        return test

    def binary_or(self):
        node = self.binary_and()
        while self.at("||"):
            self.next()
            node = ("or", node, self.binary_and())
        return node

    def binary_and(self):
        node = self.binary(0)
        while self.at("&&"):
            self.next()
            node = ("and", node, self.binary(0))
        return node

    def binary(self, level: int):
        if level == len(_BINARY_LEVELS):
            return self.unary()
        ops = _BINARY_LEVELS[level]
        node = self.binary(level + 1)
        while True:
            t = self.peek()
            if t[0] == "op" and t[1] in ops:
                self.next()
                node = ("bin", t[1], node, self.binary(level + 1))
            else:
                return node

    def unary(self):
        t = self.peek()
        if t[0] == "op" and t[1] in ("!", "-", "+"):
            self.next()
            return ("unary", t[1], self.unary())
        if t[0] == "name" and t[1] in ("typeof", "new", "delete", "void", "function"):
            raise ExprSyntaxError("tpl_expr_not_supported", t[2], what=t[1])
        return self.postfix()

    def postfix(self):
        node = self.primary()
        while True:
            t = self.peek()
            if t[0] != "op":
                return node
            if t[1] == ".":
                self.next()
                name = self.next()
                if name[0] != "name":
                    self.fail(name)
                node = ("member", node, ("lit", name[1]), False)
            elif t[1] == "[":
                self.next()
                key = self.expression()
                self.expect("]")
                node = ("member", node, key, True)
            elif t[1] == "(":
                self.next()
                args = []
                while not self.at(")"):
                    args.append(self.expression())
                    if not self.at(")"):
                        self.expect(",")
                self.expect(")")
                node = ("call", node, args, t[2])
            else:
                return node

    def primary(self):
        t = self.next()
        kind, value, pos = t
        if kind == "num" or kind == "str":
            return ("lit", value)
        if kind == "name":
            if value in _KEYWORDS:
                return ("lit", _KEYWORDS[value])
            return ("name", value)
        if kind == "op":
            if value == "(":
                node = self.expression()
                self.expect(")")
                return node
            if value == "[":
                items = []
                while not self.at("]"):
                    if self.at("..."):
                        self.next()
                        items.append(("spread", self.expression()))
                    else:
                        items.append(self.expression())
                    if not self.at("]"):
                        self.expect(",")
                self.expect("]")
                return ("array", items)
            if value == "{":
                return self.object_body(end="}")
        self.i -= 1
        self.fail(t)

    def object_body(self, end):
        props = []
        while True:
            t = self.peek()
            if end is None and t[0] == "end":
                break
            if end is not None and t[0] == "op" and t[1] == end:
                self.next()
                break
            if t[0] == "op" and t[1] == "...":
                self.next()
                props.append(("spread", self.expression()))
            else:
                self.next()
                if t[0] == "name":
                    key = t[1]
                elif t[0] == "str":
                    key = t[1]
                elif t[0] == "num":
                    key = number_to_string(t[1])
                else:
                    self.fail(t)
                if self.at(":"):
                    self.next()
                    props.append(("prop", key, self.expression()))
                elif t[0] == "name":
                    props.append(("prop", key, ("name", key)))  # shorthand {foo}
                else:
                    self.fail(self.peek(), expected=":")
            t = self.peek()
            if t[0] == "op" and t[1] == ",":
                self.next()
                continue
            if end is None and t[0] == "end":
                break
            if end is not None and t[0] == "op" and t[1] == end:
                continue
            self.fail(t, expected=end or ",")
        return ("object", props)


# --------------------------------------------------------------------------- compiler

def _unparse(node) -> str:
    t = node[0]
    if t == "name":
        return node[1]
    if t == "lit":
        v = node[1]
        return repr(v) if isinstance(v, str) else js_string(v)
    if t == "member":
        if node[3]:
            return f"{_unparse(node[1])}[{_unparse(node[2])}]"
        return f"{_unparse(node[1])}.{node[2][1]}"
    if t == "call":
        return f"{_unparse(node[1])}(…)"
    return "…"


def _root_name(node):
    while node[0] == "member":
        node = node[1]
    return node[1] if node[0] == "name" else None


def _names(node, out: set) -> None:
    t = node[0]
    if t == "name":
        out.add(node[1])
    elif t == "lit":
        pass
    elif t == "member":
        _names(node[1], out)
        if node[3]:
            _names(node[2], out)
    elif t == "call":
        _names(node[1], out)
        for a in node[2]:
            _names(a, out)
    elif t == "unary" or t == "spread":
        _names(node[-1], out)
    elif t in ("bin",):
        _names(node[2], out)
        _names(node[3], out)
    elif t in ("and", "or"):
        _names(node[1], out)
        _names(node[2], out)
    elif t == "cond":
        for sub in node[1:]:
            _names(sub, out)
    elif t == "array":
        for sub in node[1]:
            _names(sub, out)
    elif t == "object":
        for p in node[1]:
            _names(p[-1], out)


def _calls(node, out: list) -> None:
    if not isinstance(node, tuple):
        return
    if node and node[0] == "call":
        out.append((_root_name(node[1]), _unparse(node[1])))
    for sub in node[1:]:
        if isinstance(sub, tuple):
            _calls(sub, out)
        elif isinstance(sub, list):
            for s in sub:
                _calls(s, out)


_U = UNDEFINED


def _compile(node) -> Callable[[dict], Any]:
    t = node[0]
    if t == "lit":
        v = node[1]
        return lambda s: v
    if t == "name":
        n = node[1]

        def name(s, n=n, U=_U):
            return s.get(n, U)
        return name
    if t == "member":
        obj, key, computed = node[1], node[2], node[3]
        if key[0] == "lit":
            k = key[1]
            if not isinstance(k, str):
                k = property_key(k) if not isinstance(k, int) or isinstance(k, bool) else k
            if obj[0] == "name":
                n = obj[1]

                def member_name(s, n=n, k=k, U=_U, get=js_get):
                    o = s.get(n, U)
                    if o.__class__ is dict:
                        return o.get(k, U) if k.__class__ is str else get(o, k)
                    return get(o, k)
                return member_name
            of = _compile(obj)

            def member_const(s, of=of, k=k, U=_U, get=js_get):
                o = of(s)
                if o.__class__ is dict and k.__class__ is str:
                    return o.get(k, U)
                return get(o, k)
            return member_const
        of, kf = _compile(obj), _compile(key)
        return lambda s: js_get(of(s), kf(s))
    if t == "call":
        callee, args, _pos = node[1], node[2], node[3]
        label = _unparse(callee)
        cf = _compile(callee)
        afs = [_compile(a) for a in args]

        def call(s):
            fn = cf(s)
            if not callable(fn):
                raise EvalError("tpl_not_a_function", name=label)
            argv = [a(s) for a in afs]
            argv = [None if a is _U else a for a in argv]
            try:
                result = fn(*argv)
            except EvalError:
                raise
            except Exception as exc:  # the student's wxs function failed
                raise EvalError("tpl_wxs_raised", name=label,
                                error=f"{type(exc).__name__}: {exc}") from exc
            return result
        return call
    if t == "unary":
        op, xf = node[1], _compile(node[2])
        if op == "!":
            return lambda s: not truthy(xf(s))
        if op == "-":
            def neg(s):
                x = to_number(xf(s))
                return -x if x != 0 else (0 if x.__class__ is int else -0.0)
            return neg
        return lambda s: to_number(xf(s))
    if t == "bin":
        op, af, bf = node[1], _compile(node[2]), _compile(node[3])
        fn = {
            "+": js_add, "-": js_sub, "*": js_mul, "/": js_div, "%": js_mod,
            "===": strict_equals, "==": loose_equals,
        }.get(op)
        if fn is not None:
            return lambda s: fn(af(s), bf(s))
        if op == "!==":
            return lambda s: not strict_equals(af(s), bf(s))
        if op == "!=":
            return lambda s: not loose_equals(af(s), bf(s))
        return lambda s: _relational(af(s), bf(s), op)
    if t == "and":
        af, bf = _compile(node[1]), _compile(node[2])

        def and_(s):
            v = af(s)
            return bf(s) if truthy(v) else v
        return and_
    if t == "or":
        af, bf = _compile(node[1]), _compile(node[2])

        def or_(s):
            v = af(s)
            return v if truthy(v) else bf(s)
        return or_
    if t == "cond":
        tf, af, bf = _compile(node[1]), _compile(node[2]), _compile(node[3])
        return lambda s: af(s) if truthy(tf(s)) else bf(s)
    if t == "array":
        parts = [(p[0] == "spread", _compile(p[1] if p[0] == "spread" else p)) for p in node[1]]
        if not any(sp for sp, _ in parts):
            fs = [f for _, f in parts]
            return lambda s: [f(s) for f in fs]

        def array(s):
            out = []
            for spread, f in parts:
                v = f(s)
                if spread:
                    if v.__class__ is list or v.__class__ is str or v.__class__ is tuple:
                        out.extend(v)
                else:
                    out.append(v)
            return out
        return array
    if t == "object":
        props = [(p[0] == "spread", p[1] if p[0] == "prop" else None, _compile(p[-1]))
                 for p in node[1]]

        def obj(s):
            out = {}
            for spread, key, f in props:
                v = f(s)
                if spread:
                    if v.__class__ is dict or isinstance(v, Mapping):
                        out.update(v)
                    elif v.__class__ is list or v.__class__ is str:
                        out.update((str(i), x) for i, x in enumerate(v))
                else:
                    out[key] = v
            return out
        return obj
    raise AssertionError(t)  # pragma: no cover


def _fold(node):
    """Constant-fold literal-only subtrees (``-1``, ``'a' + 'b'``)."""
    t = node[0]
    if t in ("unary", "bin", "cond", "and", "or"):
        kids = [_fold(k) if isinstance(k, tuple) else k for k in node[1:]]
        node = (t, *kids)
        if all(k[0] == "lit" for k in kids if isinstance(k, tuple)):
            return ("lit", _compile(node)({}))
        return node
    if t == "member":
        return ("member", _fold(node[1]), _fold(node[2]), node[3])
    if t == "call":
        return ("call", _fold(node[1]), [_fold(a) for a in node[2]], node[3])
    if t == "array":
        return ("array", [_fold(a) for a in node[1]])
    if t == "object":
        return ("object", [(p[0], p[1], _fold(p[2])) if p[0] == "prop" else ("spread", _fold(p[1]))
                           for p in node[1]])
    if t == "spread":
        return ("spread", _fold(node[1]))
    return node


class Expr:
    """One compiled expression: ``fn(scope) -> value``, the names it reads, the calls it makes."""

    __slots__ = ("source", "fn", "names", "calls", "is_literal", "value", "ast")

    def __init__(self, source: str, ast) -> None:
        self.source = source
        self.ast = ast
        names: set = set()
        _names(ast, names)
        self.names = frozenset(names)
        calls: list = []
        _calls(ast, calls)
        self.calls = tuple(calls)
        self.fn = _compile(ast)
        self.is_literal = ast[0] == "lit"
        self.value = ast[1] if self.is_literal else None

    def __call__(self, scope: dict):
        return self.fn(scope)

    def __repr__(self) -> str:
        return f"Expr({self.source!r})"


_cache: dict[tuple[str, bool], Expr] = {}


def _parse(source: str, mustache: bool) -> Expr:
    key = (source, mustache)
    e = _cache.get(key)
    if e is None:
        p = _Parser(source)
        ast = p.parse_mustache() if mustache else p.expression()
        if not mustache and p.peek()[0] != "end":
            p.fail(p.peek())
        e = Expr(source, _fold(ast))
        if len(_cache) > 50_000:
            _cache.clear()
        _cache[key] = e
    return e


def parse_mustache(source: str) -> Expr:
    """Parse the inside of ``{{ … }}`` (a brace-less top-level object literal is allowed)."""
    return _parse(source, True)


def parse_expression(source: str) -> Expr:
    """Parse one plain expression."""
    return _parse(source, False)
