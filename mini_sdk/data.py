"""set_data: data paths, the JSON rule, the 1024 kB limit, and the two copies of page data.

As in the real framework there are two copies of a page's data:

* the **logic layer** (``page.data``), which ``set_data`` updates at once, in place, by path;
* the **view layer**, which the page is rendered from. Values reach it through JSON (the real
  framework sends setData to the view as a JSON string), so it holds a private copy that student
  code can never mutate. It is updated *copy-on-write*: setting ``list[5].count`` makes a new
  top-level list and a new dict for item 5 and shares everything else, which is what lets the
  renderer skip the 999 unchanged items of a 1000-item list (see ``wxml/render.py``).

Mutating ``page.data`` directly, without ``set_data``, changes the logic layer only and the page
does not update: the same surprise a real mini-program gives.
"""
from __future__ import annotations

import functools
import json
import re
from typing import Any

from .errors import SetDataError

#: "单次设置的数据不能超过1024kB". We measure the UTF-8 bytes of the JSON of one call's data
#: (UNVERIFIED: the spec does not say how the real framework measures it; this is the size of
#: what it sends to the view layer, the most plausible reading).
SET_DATA_LIMIT_BYTES = 1024 * 1024

Path = tuple  # of str (object keys) and int (array indexes)

_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\s*-?\d+\s*)\]|(\.)|(\[[^\]]*\]?)")
_MISSING = object()


@functools.lru_cache(maxsize=4096)
def parse_path(key: str) -> Path:
    """``"list[0].name"`` -> ``("list", 0, "name")``; ``"a.b.c"`` -> ``("a", "b", "c")``."""
    if not isinstance(key, str):
        raise SetDataError("set_data_key_not_string", key=repr(key))
    if not key:
        raise SetDataError("set_data_bad_path", key=key)
    parts: list = []
    pos = 0
    expect_name = True  # at the start and after a dot a name must follow
    while pos < len(key):
        m = _PATH_PART.match(key, pos)
        if m is None:  # pragma: no cover - the pattern matches any character
            raise SetDataError("set_data_bad_path", key=key)
        name, index, dot, bad = m.groups()
        if bad is not None:
            raise SetDataError("set_data_bad_index", key=key, part=bad)
        if dot is not None:
            if expect_name:
                raise SetDataError("set_data_bad_path", key=key)
            expect_name = True
        elif index is not None:
            if expect_name:
                raise SetDataError("set_data_bad_path", key=key)
            value = int(index)
            if value < 0:
                raise SetDataError("set_data_bad_index", key=key, part=f"[{index}]")
            parts.append(value)
        else:
            if not expect_name:
                raise SetDataError("set_data_bad_path", key=key)
            parts.append(name)
            expect_name = False
        pos = m.end()
    if expect_name:
        raise SetDataError("set_data_bad_path", key=key)
    return tuple(parts)


def _describe_type(value: Any) -> str:
    return type(value).__name__


def _refuse(obj: Any) -> Any:
    raise TypeError(obj)


#: what set_data sends to the view layer: compact JSON, text as it is, nothing but JSON types
_VIEW_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_refuse)


def to_view_json(updates: dict) -> tuple[dict, int]:
    """Send one set_data call's values through JSON, as the real framework does.

    Returns the private view-layer copy of each value (same keys) and the size in bytes (-1
    when only scalars too short to reach the limit were sent: their size is not measured).
    Raises SetDataError for a value JSON cannot carry (naming the key) or over 1024 kB.
    """
    # only short strings, numbers, booleans and null: JSON would give back equal, immutable
    # values, and the text cannot reach the limit (at most 6 bytes a character, 32 an entry)
    chars = 0
    for key, value in updates.items():
        cls = value.__class__
        if key.__class__ is not str:
            break
        chars += len(key)
        if cls is str:
            chars += len(value)
        elif cls is int:
            if not -_BIG_INT < value < _BIG_INT:
                break
        elif cls not in _SCALARS:
            break
    else:
        if chars * 6 + len(updates) * 32 < SET_DATA_LIMIT_BYTES:
            return dict(updates), -1
    try:
        text = _VIEW_ENCODER.encode(updates)
    except TypeError as exc:
        bad = exc.args[0] if exc.args else None
        key = _find_key_holding(updates, bad)
        raise SetDataError(
            "set_data_not_json", key=key, type=_describe_type(bad)
        ) from None
    except ValueError:  # circular reference
        raise SetDataError("set_data_circular", keys=", ".join(map(str, updates))) from None
    size = len(text.encode("utf-8"))
    if size > SET_DATA_LIMIT_BYTES:
        raise SetDataError("set_data_too_big", size_kb=round(size / 1024), limit_kb=1024)
    for value in updates.values():
        if value.__class__ not in _SCALARS:
            return json.loads(text), size
    # only strings, numbers, booleans and null: JSON would give back equal, immutable values
    return dict(updates), size


_SCALARS = frozenset({str, int, float, bool, type(None)})
_BIG_INT = 1 << 63


def _find_key_holding(updates: dict, bad: Any) -> str:
    """The set_data key whose value contains the object JSON refused (for the message)."""
    def holds(value: Any) -> bool:
        if value is bad:
            return True
        if isinstance(value, dict):
            return any(holds(v) for v in value.values())
        if isinstance(value, (list, tuple)):
            return any(holds(v) for v in value)
        return False

    for key, value in updates.items():
        if holds(value):
            return str(key)
    return ", ".join(map(str, updates))


def json_copy(value: Any) -> Any:
    """A JSON-only deep copy (used for initial data and for what tests read)."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=_json_default))


def _json_default(obj: Any) -> Any:
    raise SetDataError("set_data_not_json", key="data", type=_describe_type(obj))


def get_path(data: Any, path: Path, default: Any = None) -> Any:
    cur = data
    for part in path:
        try:
            cur = cur[part]
        except (KeyError, IndexError, TypeError):
            return default
    return cur


def set_in_place(data: dict, path: Path, value: Any, warn=None) -> None:
    """Logic layer: write ``value`` at ``path`` into ``data``, creating what is missing."""
    if len(path) == 1 and path[0].__class__ is str:   # set_data({"count": 1})
        data[path[0]] = value
        return
    cur: Any = data
    for i, part in enumerate(path[:-1]):
        nxt = path[i + 1]
        child = _child(cur, part)
        if not isinstance(child, (dict, list)) or (isinstance(nxt, int) and not isinstance(child, list)):
            child = [] if isinstance(nxt, int) else {}
            _assign(cur, part, child, path, warn)
        cur = child
    _assign(cur, path[-1], value, path, warn)


def set_copy_on_write(data: dict, path: Path, value: Any, warn=None) -> dict:
    """View layer: return a new top-level dict with ``value`` at ``path``.

    Every container on the path is copied; everything off the path is shared.
    """
    if len(path) == 1 and path[0].__class__ is str and data.__class__ is dict:
        new = dict(data)
        new[path[0]] = value
        return new
    def rebuild(container: Any, depth: int) -> Any:
        part = path[depth]
        if depth == len(path) - 1:
            new_value = value
        else:
            child = _child(container, part)
            nxt = path[depth + 1]
            if not isinstance(child, (dict, list)) or (isinstance(nxt, int) and not isinstance(child, list)):
                child = [] if isinstance(nxt, int) else {}
            new_value = rebuild(child, depth + 1)
        if isinstance(part, int):
            new = list(container) if isinstance(container, list) else []
        else:
            new = dict(container) if isinstance(container, dict) else {}
        _assign(new, part, new_value, path, warn)
        return new

    return rebuild(data, 0)


def _child(container: Any, part: Any) -> Any:
    if isinstance(part, int):
        if isinstance(container, list) and 0 <= part < len(container):
            return container[part]
        return _MISSING
    if isinstance(container, dict):
        return container.get(part, _MISSING)
    return _MISSING


def _assign(container: Any, part: Any, value: Any, path: Path, warn) -> None:
    if isinstance(part, int):
        if not isinstance(container, list):  # pragma: no cover - callers make lists
            raise SetDataError("set_data_bad_path", key=format_path(path))
        if part >= len(container):
            if part > len(container) and warn is not None:
                # UNVERIFIED: JavaScript would leave holes; we fill them with None (null) and
                # say so, since a gap in a list is almost always a mistake in a lesson.
                warn("set_data_index_gap", key=format_path(path), length=len(container))
            container.extend([None] * (part + 1 - len(container)))
        container[part] = value
    else:
        container[part] = value


def format_path(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def paths_touch(set_path: Path, field: Path, deep: bool = False) -> bool:
    """Does a set_data at ``set_path`` touch an observer's ``field``?

    Observers fire when the field itself or one of its parents is set; with ``deep`` (the
    ``field.**`` form) also when anything below it is set.
    """
    n = min(len(set_path), len(field))
    if set_path[:n] != field[:n]:
        return False
    return len(set_path) <= len(field) or deep
