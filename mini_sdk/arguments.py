"""Calling a student's function the way JavaScript calls it.

In a real mini-program ``onLoad() {}`` and ``add() {}`` are fine: JavaScript drops the
arguments a function does not name. So here a handler, hook or callback written without its
parameter (``def on_load(self):``, ``def add(self):``, ``success=lambda: ...``) is called
without it. A function that *needs* more than the framework gives (``def add(self, event,
step):``) cannot be called at all; that is the student's mistake, and it is told with the
function's name and the line it is defined on, not as a bare ``TypeError``.
"""
from __future__ import annotations

import inspect
import os
import re
import types
from typing import Any, Callable

from .errors import MiniProgramError

_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


def snake_case(name: str) -> str:
    """``addItem`` / ``add-item`` -> ``add_item``: the Python name of a handler, property or
    option that WXML or code copied from real WeChat writes in camelCase."""
    return _CAMEL.sub(r"_\1", name).replace("-", "_").lower()


_UNLIMITED = 1 << 30
#: (code object, bound?) -> (most positional arguments taken, fewest required, keyword-only required)
_shapes: dict[tuple, tuple[int, int, tuple[str, ...]]] = {}


class StudentFunctionSignatureError(MiniProgramError, TypeError):
    """The framework cannot call a student's function: it needs parameters nobody gives.
    (Also a TypeError, the error Python itself would have raised.)"""


#: a plain function (of a bound method) -> its shape bound: the common case (a handler) found
#: in one lookup
_method_shapes: dict = {}


def _shape(fn: Callable[..., Any]) -> tuple[int, int, tuple[str, ...]] | None:
    if fn.__class__ is types.MethodType:
        shape = _method_shapes.get(fn.__func__)
        if shape is not None:
            return shape
        func = fn.__func__
        if func.__class__ is types.FunctionType and "__wrapped__" not in func.__dict__:
            shape = _slow_shape(fn)
            if shape is not None:
                _method_shapes[func] = shape
            return shape
    return _slow_shape(fn)


def _first_missing(fn: Callable[..., Any], given: int) -> str:
    """The name of the first parameter the call leaves without a value (the one to give a
    default, in the student's own words: query for on_load, event for a handler)."""
    try:
        params = [p for p in inspect.signature(fn).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    except (TypeError, ValueError):
        return "value"
    missing = [p.name for i, p in enumerate(params) if p.default is p.empty and (i >= given or p.kind is p.KEYWORD_ONLY)]
    return missing[0] if missing else "value"


def _slow_shape(fn: Callable[..., Any]) -> tuple[int, int, tuple[str, ...]] | None:
    target = inspect.unwrap(fn) if hasattr(fn, "__wrapped__") else fn
    func = getattr(target, "__func__", target)
    code = getattr(func, "__code__", None)
    key = (code, hasattr(target, "__self__")) if code is not None else None
    if key is not None and key in _shapes:
        return _shapes[key]
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    most = required = 0
    keyword_only: list[str] = []
    for p in signature.parameters.values():
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            most += 1
            if p.default is p.empty:
                required += 1
        elif p.kind is p.VAR_POSITIONAL:
            most = _UNLIMITED
        elif p.kind is p.KEYWORD_ONLY and p.default is p.empty:
            keyword_only.append(p.name)
    shape = (most, required, tuple(keyword_only))
    if key is not None:
        _shapes[key] = shape
    return shape


def _code(fn: Callable[..., Any]):
    target = inspect.unwrap(fn) if hasattr(fn, "__wrapped__") else fn
    return getattr(getattr(target, "__func__", target), "__code__", None)


def where_defined(fn: Callable[..., Any]) -> str:
    """``file.py:line`` where the student's function starts ("" if Python can't tell)."""
    code = _code(fn)
    if code is None:
        return ""
    return f"{os.path.basename(code.co_filename)}:{code.co_firstlineno}"


def function_name(fn: Callable[..., Any]) -> str:
    target = inspect.unwrap(fn) if hasattr(fn, "__wrapped__") else fn
    return getattr(target, "__qualname__", getattr(target, "__name__", repr(target)))


def fit_arguments(fn: Callable[..., Any], args: tuple) -> tuple:
    """The arguments to call ``fn`` with: extra ones dropped, as JavaScript does. Raises
    :class:`StudentFunctionSignatureError` when ``fn`` needs more than ``args``."""
    # (a handler, a bound method: its shape found in one lookup, as _shape would)
    shape = _method_shapes.get(fn.__func__) if fn.__class__ is types.MethodType else None
    if shape is None:
        shape = _shape(fn)
        if shape is None:
            return args
    most, required, keyword_only = shape
    if required <= len(args) <= most and not keyword_only:
        return args
    if required > len(args) or keyword_only:
        name = function_name(fn)
        given = len(args)
        code = _code(fn)
        where = where_defined(fn) or None
        if code is not None:
            from .explain import cell_number

            if cell_number(code.co_filename) is not None:
                where = None  # a notebook cell: 👉 names the cell and line of the def instead
        error = StudentFunctionSignatureError(
            "function_needs_more_arguments", where=where,
            function=name, name=name.rpartition(".")[2], given=given,
            needed=required + len(keyword_only), parameter=_first_missing(fn, given),
        )
        error.student_code = code  # the student's line is their def, not the line that called it
        raise error
    return args[:most]
