"""A pretend WeChat cloud environment: a document database and Python cloud functions.

::

    from mini_sdk.servers import CloudEnv

    cloud = CloudEnv("bubble-tea-1a2b", collections={
        "orders": "PRIVATE",     # only the creator can read and write their records
        "menu": "ADMINWRITE",    # everyone reads, only cloud functions / the console write
    })

    @cloud.function
    def add_points(event, context):          # called by wx.cloud.call_function(name="add_points")
        db = context.database()               # the admin database (no permission limits)
        db.collection("points").add(data={"openid": context.openid, "n": event["n"]})
        return {"ok": True}

Permission modes (the "simple permissions" of the real console):

=============  ======================================  =========================
mode           meaning                                 aliases
=============  ======================================  =========================
``READONLY``   everyone reads, the creator writes      ``all_read_creator_write``
``PRIVATE``    only the creator reads and writes       ``creator_only``
``ADMINWRITE`` everyone reads, only admin writes       ``all_read_admin_write``
``ADMINONLY``  only admin reads and writes             ``admin_only``
=============  ======================================  =========================

"Admin" means a cloud function or the teacher (``cloud.database()``), never a phone.
A phone's records get ``_openid`` (the creator) stamped on them; a phone's ``get()`` returns at
most 20 records (cloud functions: 100 by default, at most 1000).
"""
from __future__ import annotations

import hashlib
import inspect
import itertools
import json
import re
from datetime import date, datetime
from typing import Any, Callable

from ..errors import MiniProgramError
from ..wx.calling import EPOCH_MS, Result, options_from, wall_ms, warn

PERMISSIONS = ("READONLY", "PRIVATE", "ADMINWRITE", "ADMINONLY")
PERMISSION_ALIASES = {
    "all_read_creator_write": "READONLY", "creator_write": "READONLY",
    "creator_only": "PRIVATE", "private": "PRIVATE",
    "all_read_admin_write": "ADMINWRITE", "admin_write": "ADMINWRITE",
    "admin_only": "ADMINONLY",
}
CLIENT_LIMIT = 20
SERVER_DEFAULT_LIMIT = 100
SERVER_MAX_LIMIT = 1000  # CONFLICT in sources: docs say 1000, community reports 100


class CloudError(MiniProgramError):
    """A database or cloud-function call failed; ``reason`` completes ``"<api>:fail <reason>"``."""

    def __init__(self, message_key: str, /, *, reason: str, **params: Any) -> None:
        super().__init__(message_key, **params)
        self.reason = reason
        self.err_msg = reason  # the api name is added by the caller


class CloudSetupError(MiniProgramError):
    """The cloud environment was set up wrongly (unknown permission mode, ...)."""


def normalize_permission(mode: str) -> str:
    text = str(mode).strip()
    if text.upper() in PERMISSIONS:
        return text.upper()
    alias = PERMISSION_ALIASES.get(text.lower())
    if alias is None:
        raise CloudSetupError("servers.cloud_bad_permission", mode=mode,
                              known=", ".join(PERMISSIONS))
    return alias


# ---------------------------------------------------------------------------------------------
# commands (db.command)


class Cmd:
    """One operator from ``db.command``: a query condition (``_.gt(3)``) or an update (``_.inc(1)``)."""

    def __init__(self, op: str, *args: Any) -> None:
        self.op = op
        self.args = args

    # chaining query conditions: _.gt(1).and_(_.lt(5))
    def and_(self, *others: Any) -> "Cmd":
        return Cmd("and", self, *_flatten(others))

    def or_(self, *others: Any) -> "Cmd":
        return Cmd("or", self, *_flatten(others))

    def __getattr__(self, name: str) -> Any:
        if name in ("and", "or"):
            return getattr(self, name + "_")
        raise AttributeError(name)

    def __repr__(self) -> str:
        return f"command.{self.op}{self.args!r}"


def _flatten(items) -> list:
    out = []
    for item in items:
        if isinstance(item, (list, tuple)):
            out.extend(item)
        else:
            out.append(item)
    return out


QUERY_OPS = ("eq", "neq", "gt", "gte", "lt", "lte", "in", "nin", "exists", "and", "or", "nor",
             "not", "size", "all", "elem_match")
UPDATE_OPS = ("set", "remove", "inc", "mul", "min", "max", "push", "pop", "shift", "unshift",
              "rename")


class Command:
    """``db.command`` (students often write ``_ = db.command``).

    Query: ``eq neq gt gte lt lte in_ nin exists and_ or_ nor not_ size all elem_match``.
    Update: ``set remove inc mul min max push pop shift unshift rename``.
    (``in``, ``and``, ``or``, ``not`` are Python words, so they end with ``_``.)
    """

    def eq(self, v): return Cmd("eq", v)
    def neq(self, v): return Cmd("neq", v)
    def gt(self, v): return Cmd("gt", v)
    def gte(self, v): return Cmd("gte", v)
    def lt(self, v): return Cmd("lt", v)
    def lte(self, v): return Cmd("lte", v)
    def in_(self, values): return Cmd("in", list(values))
    def nin(self, values): return Cmd("nin", list(values))
    def exists(self, flag=True): return Cmd("exists", bool(flag))
    def size(self, n): return Cmd("size", n)
    def all(self, values): return Cmd("all", list(values))
    def elem_match(self, cond): return Cmd("elem_match", cond)
    def and_(self, *conds): return Cmd("and", *_flatten(conds))
    def or_(self, *conds): return Cmd("or", *_flatten(conds))
    def nor(self, *conds): return Cmd("nor", *_flatten(conds))
    def not_(self, cond): return Cmd("not", cond)
    # updates
    def set(self, v): return Cmd("set", v)
    def remove(self): return Cmd("remove")
    def inc(self, n): return Cmd("inc", n)
    def mul(self, n): return Cmd("mul", n)
    def min(self, n): return Cmd("min", n)
    def max(self, n): return Cmd("max", n)
    def push(self, *values): return Cmd("push", *_flatten(values))
    def pop(self): return Cmd("pop")
    def shift(self): return Cmd("shift")
    def unshift(self, *values): return Cmd("unshift", *_flatten(values))
    def rename(self, new_name): return Cmd("rename", new_name)

    def __getattr__(self, name: str) -> Any:
        if name in ("in", "and", "or", "not"):
            return getattr(self, name + "_")
        if name == "elemMatch":
            return self.elem_match
        raise AttributeError(
            f"db.command has no {name!r}; query: {', '.join(QUERY_OPS)}; update: {', '.join(UPDATE_OPS)}")


COMMAND = Command()


class ServerDate:
    """``db.server_date()``: replaced by the server's time when written."""

    def __init__(self, offset_ms: int = 0) -> None:
        self.offset = int(offset_ms)


class RegExp:
    """``db.reg_exp(regexp="^tea", options="i")``: match text fields against a pattern."""

    def __init__(self, regexp: str, options: str = "") -> None:
        flags = 0
        if "i" in options:
            flags |= re.IGNORECASE
        if "m" in options:
            flags |= re.MULTILINE
        if "s" in options:
            flags |= re.DOTALL
        self.pattern = re.compile(regexp, flags)


# ---------------------------------------------------------------------------------------------
# matching


_MISSING = object()


def get_path(doc: Any, path: str) -> Any:
    cur = doc
    for part in path.split("."):
        if isinstance(cur, dict):
            cur = cur.get(part, _MISSING)
        elif isinstance(cur, list) and part.isdigit() and int(part) < len(cur):
            cur = cur[int(part)]
        else:
            return _MISSING
        if cur is _MISSING:
            return _MISSING
    return cur


def _cmp(a: Any, b: Any, op: str) -> bool:
    if a is _MISSING or a is None or b is None:
        return False
    num = (int, float)
    if isinstance(a, bool) or isinstance(b, bool):
        if not (isinstance(a, bool) and isinstance(b, bool)):
            return False
    elif isinstance(a, num) and isinstance(b, num):
        pass
    elif type(a) is not type(b):
        return False
    try:
        return {"gt": a > b, "gte": a >= b, "lt": a < b, "lte": a <= b}[op]
    except TypeError:
        return False


def _equal(value: Any, target: Any) -> bool:
    if target is None:
        return value is _MISSING or value is None
    if value is _MISSING:
        return False
    if isinstance(value, list) and not isinstance(target, list):
        return any(_equal(v, target) for v in value)
    if isinstance(value, bool) != isinstance(target, bool):
        return False
    return value == target


def match_value(value: Any, cond: Any) -> bool:
    if isinstance(cond, Cmd):
        op, args = cond.op, cond.args
        if op == "eq":
            return _equal(value, args[0])
        if op == "neq":
            return not _equal(value, args[0])
        if op in ("gt", "gte", "lt", "lte"):
            if isinstance(value, list):
                return any(_cmp(v, args[0], op) for v in value)
            return _cmp(value, args[0], op)
        if op == "in":
            return any(_equal(value, t) for t in args[0])
        if op == "nin":
            return not any(_equal(value, t) for t in args[0])
        if op == "exists":
            return (value is not _MISSING) == args[0]
        if op == "and":
            return all(match_value(value, c) for c in args)
        if op == "or":
            return any(match_value(value, c) for c in args)
        if op == "nor":
            return not any(match_value(value, c) for c in args)
        if op == "not":
            return not match_value(value, args[0])
        if op == "size":
            return isinstance(value, list) and len(value) == args[0]
        if op == "all":
            return isinstance(value, list) and all(any(_equal(v, t) for v in value) for t in args[0])
        if op == "elem_match":
            return isinstance(value, list) and any(
                match_doc(v, args[0]) if isinstance(v, dict) else match_value(v, args[0]) for v in value)
        raise CloudError("servers.cloud_bad_command", reason=f"-502001 invalid query command {op}", op=op)
    if isinstance(cond, RegExp):
        return isinstance(value, str) and cond.pattern.search(value) is not None
    if isinstance(cond, dict):
        if value is _MISSING or not isinstance(value, dict):
            # nested condition on a missing object: only matches when every leaf matches missing
            return all(match_value(_MISSING, c) for c in _leaves(cond).values())
        return match_doc(value, cond)
    return _equal(value, cond)


def _leaves(cond: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in cond.items():
        if isinstance(v, dict):
            out.update(_leaves(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def match_doc(doc: dict, cond: Any) -> bool:
    if cond is None:
        return True
    if isinstance(cond, Cmd):
        if cond.op == "and":
            return all(match_doc(doc, c) for c in cond.args)
        if cond.op == "or":
            return any(match_doc(doc, c) for c in cond.args)
        if cond.op == "nor":
            return not any(match_doc(doc, c) for c in cond.args)
        raise CloudError("servers.cloud_bad_where", reason="-502001 invalid where condition")
    if not isinstance(cond, dict):
        raise CloudError("servers.cloud_bad_where", reason="-502001 invalid where condition")
    for key, want in cond.items():
        if not match_value(get_path(doc, key), want):
            return False
    return True


def _sort_key(value: Any):
    if value is _MISSING or value is None:
        return (0, 0)
    if isinstance(value, bool):
        return (3, value)
    if isinstance(value, (int, float)):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (4, json.dumps(value, sort_keys=True, default=str))


# ---------------------------------------------------------------------------------------------
# the database


class Collection:
    def __init__(self, name: str, permission: str) -> None:
        self.name = name
        self.permission = normalize_permission(permission)
        self.docs: dict[str, dict] = {}


class Actor:
    """Who is asking: a phone's user (``openid``) or admin (cloud function / teacher)."""

    def __init__(self, openid: str | None, admin: bool, phone=None) -> None:
        self.openid = openid
        self.admin = admin
        self.phone = phone


def _now_ms(actor: Actor) -> int:
    return wall_ms(actor.phone) if actor.phone is not None else EPOCH_MS


def _iso(ms: int) -> str:
    return datetime.utcfromtimestamp(ms / 1000).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


class CloudEnv:
    """A cloud environment: collections with a permission mode each, and cloud functions."""

    def __init__(self, env: str = "cloud1", collections: dict | list | None = None) -> None:
        self.env = str(env)
        self.collections: dict[str, Collection] = {}
        self.functions: dict[str, Callable] = {}
        self._ids = itertools.count(1)
        if isinstance(collections, dict):
            for name, mode in collections.items():
                self.create_collection(name, mode)
        else:
            for name in collections or []:
                self.create_collection(name)

    # setting up ------------------------------------------------------------------------------
    def create_collection(self, name: str, permission: str = "PRIVATE") -> None:
        """Create a collection (as in the console). New collections are ``PRIVATE`` by default."""
        if name not in self.collections:
            self.collections[name] = Collection(name, permission)
        else:
            self.collections[name].permission = normalize_permission(permission)

    def set_permission(self, name: str, permission: str) -> None:
        self._collection(name, "collection.get").permission = normalize_permission(permission)

    def function(self, fn: Callable | str | None = None, *, name: str | None = None):
        """Decorator: ``@cloud.function`` or ``@cloud.function("checkout")``.

        A cloud function takes ``(event, context)``: ``event`` is the ``data`` the phone sent
        plus ``event["user_info"]`` (``openid``, ``app_id``); ``context`` has ``.openid``,
        ``.app_id`` and ``.database()`` (admin: no permission limits). What it returns is the
        ``result`` the phone receives.
        """
        if isinstance(fn, str):
            return self.function(name=fn)
        if fn is None:
            return lambda f: self.function(f, name=name)
        self.functions[name or fn.__name__] = fn
        return fn

    def database(self) -> "Database":
        """The admin database (for the teacher's setup and inside cloud functions)."""
        return Database(self, Actor(None, True), ServerRunner())

    def data(self, collection: str) -> list[dict]:
        """Every record of a collection, as plain data (for tests)."""
        coll = self.collections.get(collection)
        return [json.loads(json.dumps(d)) for d in coll.docs.values()] if coll else []

    # engine ----------------------------------------------------------------------------------
    def _collection(self, name: str, api: str) -> Collection:
        coll = self.collections.get(name)
        if coll is None:
            # UNVERIFIED wording
            raise CloudError("servers.cloud_no_collection",
                             reason="-502005 database collection not exists. [ResourceNotFound] "
                                    "Db or Table not exist. Please check your request, but if the "
                                    "problem persists, contact us.",
                             name=name, known=", ".join(self.collections) or "-")
        return coll

    def _prepare(self, value: Any, now: int) -> Any:
        if isinstance(value, ServerDate):
            return _iso(now + value.offset)
        if isinstance(value, Cmd):
            raise CloudError("servers.cloud_command_in_data",
                             reason="-502001 invalid parameters. commands can only be used in where() or update()")
        if isinstance(value, (datetime, date)):
            return value.isoformat()
        if isinstance(value, dict):
            return {str(k): self._prepare(v, now) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self._prepare(v, now) for v in value]
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        raise CloudError("servers.cloud_not_json",
                         reason="-502001 invalid parameters. data must be JSON",
                         type=type(value).__name__)

    def _can_read(self, coll: Collection, actor: Actor, doc: dict) -> bool:
        if actor.admin or coll.permission in ("READONLY", "ADMINWRITE"):
            return True
        if coll.permission == "PRIVATE":
            return doc.get("_openid") == actor.openid
        return False

    def _check_readable(self, coll: Collection, actor: Actor) -> None:
        if not actor.admin and coll.permission == "ADMINONLY":
            raise CloudError("servers.cloud_permission_read",
                             reason="-502003 database permission denied | errMsg: Permission denied",
                             name=coll.name, mode=coll.permission)

    def _check_writable(self, coll: Collection, actor: Actor) -> None:
        if not actor.admin and coll.permission in ("ADMINWRITE", "ADMINONLY"):
            raise CloudError("servers.cloud_permission_write",
                             reason="-502003 database permission denied | errMsg: Permission denied",
                             name=coll.name, mode=coll.permission)

    def _new_id(self, coll: str) -> str:
        return hashlib.sha256(f"{self.env}|{coll}|{next(self._ids)}".encode()).hexdigest()[:32]

    def _select(self, query: "Query", actor: Actor) -> list[dict]:
        coll = self._collection(query._name, "collection.get")
        self._check_readable(coll, actor)
        docs = [d for d in coll.docs.values() if self._can_read(coll, actor, d)]
        for cond in query._conds:
            docs = [d for d in docs if match_doc(d, cond)]
        for field, direction in reversed(query._orders):
            docs.sort(key=lambda d: _sort_key(get_path(d, field)), reverse=direction == "desc")
        return docs

    def run(self, op: str, target: Any, actor: Actor, payload: dict) -> dict:
        """Do one database operation; returns the result fields (without err_msg)."""
        now = _now_ms(actor)
        if op == "get":
            docs = self._select(target, actor)[target._skip:]
            cap = CLIENT_LIMIT if not actor.admin else SERVER_MAX_LIMIT
            default = CLIENT_LIMIT if not actor.admin else SERVER_DEFAULT_LIMIT
            limit = default if target._limit is None else min(target._limit, cap)
            if not actor.admin and target._limit is not None and target._limit > CLIENT_LIMIT and actor.phone:
                warn(actor.phone, "wx.cloud_limit_capped", asked=target._limit, limit=CLIENT_LIMIT)
            docs = docs[:limit]
            return {"data": [_project(d, target._fields) for d in docs]}
        if op == "count":
            return {"total": len(self._select(target, actor))}
        if op == "add":
            coll = self._collection(target._name, "collection.add")
            self._check_writable(coll, actor)
            data = payload.get("data")
            if not isinstance(data, dict):
                raise CloudError("servers.cloud_add_needs_dict",
                                 reason="-501007 invalid parameters. data must be an object")
            doc = self._prepare(data, now)
            if "_openid" in doc and not actor.admin:
                raise CloudError("servers.cloud_no_openid_write",
                                 reason="-502001 invalid parameters. _openid is set by the server")
            _id = doc.pop("_id", None) or self._new_id(coll.name)
            if _id in coll.docs:
                raise CloudError("servers.cloud_duplicate_id",
                                 reason=f"-502001 database request fail. [FailedOperation] E11000 "
                                        f"duplicate key error collection: {coll.name} dup key: {{ _id: \"{_id}\" }}",
                                 id=_id)
            record = {"_id": _id, **doc}
            if not actor.admin:
                record["_openid"] = actor.openid
            coll.docs[_id] = record
            return {"_id": _id}
        if op == "where_update" or op == "where_remove":
            coll = self._collection(target._name, "collection.update")
            docs = self._select(target, actor)
            if op == "where_remove":
                for d in docs:
                    del coll.docs[d["_id"]]
                return {"stats": {"removed": len(docs)}}
            changes = payload.get("data") or {}
            n = sum(1 for d in docs if self._apply_update(d, changes, now))
            return {"stats": {"updated": n}}
        # document operations
        coll = self._collection(target._name, "document." + op)
        doc_id = target._id
        doc = coll.docs.get(doc_id)
        if op == "doc_get":
            self._check_readable(coll, actor)
            if doc is None or not self._can_read(coll, actor, doc):
                # UNVERIFIED wording
                raise CloudError("servers.cloud_no_document",
                                 reason=f"document.get:fail cannot find document with _id {doc_id}, please "
                                        f"make sure that the document exists and you have the "
                                        f"corresponding Read permission",
                                 id=doc_id, name=coll.name)
            return {"data": _project(doc, None)}
        self._check_writable(coll, actor)
        mine = doc is not None and (actor.admin or doc.get("_openid") == actor.openid)
        if op == "remove":
            if doc is None or not mine:
                if doc is not None and actor.phone is not None:
                    warn(actor.phone, "wx.cloud_not_yours", id=doc_id, name=coll.name, action="remove")
                return {"stats": {"removed": 0}}
            del coll.docs[doc_id]
            return {"stats": {"removed": 1}}
        data = payload.get("data")
        if not isinstance(data, dict):
            raise CloudError("servers.cloud_add_needs_dict",
                             reason="-501007 invalid parameters. data must be an object")
        if "_id" in data or ("_openid" in data and not actor.admin):
            raise CloudError("servers.cloud_cannot_change_id",
                             reason="-501007 invalid parameters. can not update _id or _openid")
        if op == "update":
            if doc is None or not mine:
                if doc is not None and actor.phone is not None:
                    warn(actor.phone, "wx.cloud_not_yours", id=doc_id, name=coll.name, action="update")
                return {"stats": {"updated": 0}}
            return {"stats": {"updated": 1 if self._apply_update(doc, data, now) else 0}}
        if op == "set":
            if doc is not None and not mine:
                if actor.phone is not None:
                    warn(actor.phone, "wx.cloud_not_yours", id=doc_id, name=coll.name, action="set")
                return {"_id": doc_id, "stats": {"updated": 0, "created": 0}}
            new = {"_id": doc_id, **self._prepare(data, now)}
            if doc is not None and "_openid" in doc:
                new["_openid"] = doc["_openid"]
            elif not actor.admin:
                new["_openid"] = actor.openid
            coll.docs[doc_id] = new
            return {"_id": doc_id, "stats": {"updated": 1 if doc is not None else 0,
                                             "created": 0 if doc is not None else 1}}
        raise ValueError(op)  # pragma: no cover

    def _apply_update(self, doc: dict, changes: dict, now: int) -> bool:
        before = json.dumps(doc, sort_keys=True)
        for path, value in _flatten_update(changes).items():
            parent, key = _parent(doc, path)
            if isinstance(value, Cmd):
                cur = parent.get(key, _MISSING) if isinstance(parent, dict) else _MISSING
                op, args = value.op, value.args
                if op == "set":
                    parent[key] = self._prepare(args[0], now)
                elif op == "remove":
                    parent.pop(key, None)
                elif op in ("inc", "mul"):
                    base = cur if isinstance(cur, (int, float)) and not isinstance(cur, bool) else 0
                    parent[key] = base + args[0] if op == "inc" else base * args[0]
                elif op in ("min", "max"):
                    if cur is _MISSING or (op == "min" and args[0] < cur) or (op == "max" and args[0] > cur):
                        parent[key] = args[0]
                elif op in ("push", "unshift"):
                    items = list(cur) if isinstance(cur, list) else []
                    new = [self._prepare(a, now) for a in args]
                    parent[key] = items + new if op == "push" else new + items
                elif op in ("pop", "shift"):
                    if isinstance(cur, list) and cur:
                        parent[key] = cur[:-1] if op == "pop" else cur[1:]
                elif op == "rename":
                    if cur is not _MISSING:
                        parent.pop(key)
                        parent[str(args[0])] = cur
                else:
                    raise CloudError("servers.cloud_bad_command",
                                     reason=f"-502001 invalid update command {op}", op=op)
            else:
                parent[key] = self._prepare(value, now)
        return json.dumps(doc, sort_keys=True) != before


def _flatten_update(changes: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in changes.items():
        if isinstance(v, dict) and v and not isinstance(v, Cmd):
            out.update(_flatten_update(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def _parent(doc: dict, path: str) -> tuple[dict, str]:
    parts = path.split(".")
    cur = doc
    for part in parts[:-1]:
        nxt = cur.get(part)
        if not isinstance(nxt, dict):
            nxt = {}
            cur[part] = nxt
        cur = nxt
    return cur, parts[-1]


def _project(doc: dict, fields: dict | None) -> dict:
    copy = json.loads(json.dumps(doc))
    if not fields:
        return copy
    keep = {k for k, v in fields.items() if v}
    drop = {k for k, v in fields.items() if not v}
    if keep:
        return {k: v for k, v in copy.items() if k in keep or k == "_id"}
    return {k: v for k, v in copy.items() if k not in drop}


# ---------------------------------------------------------------------------------------------
# the query builder, shared by the phone (async) and cloud functions (direct)


class ServerRunner:
    """Cloud-function side: every operation returns its result at once (or raises CloudError)."""

    def run(self, db: "Database", op: str, err_name: str, target: Any, args: tuple, kwargs: dict):
        options = options_from(err_name, args, kwargs)
        try:
            fields = db.env.run(op, target, db.actor, options)
        except CloudError as err:
            err.err_msg = f"{err_name}:fail {err.reason}"
            raise
        return Result(err_msg=f"{err_name}:ok", **fields)


class Database:
    """``wx.cloud.database()`` on a phone, ``context.database()`` in a cloud function."""

    def __init__(self, env: "CloudEnv | None", actor: Actor, runner: Any) -> None:
        self.env = env
        self.actor = actor
        self._runner = runner
        self.command = COMMAND

    def collection(self, name: str) -> "CollectionReference":
        return CollectionReference(self, str(name))

    def server_date(self, offset: int = 0) -> ServerDate:
        return ServerDate(offset)

    serverDate = server_date

    def reg_exp(self, regexp: str, options: str = "") -> RegExp:
        return RegExp(regexp, options)

    RegExp = reg_exp

    def _run(self, op: str, err_name: str, target: Any, args: tuple, kwargs: dict):
        return self._runner.run(self, op, err_name, target, args, kwargs)


class Query:
    def __init__(self, db: Database, name: str, conds=(), orders=(), skip: int = 0,
                 limit: int | None = None, fields: dict | None = None) -> None:
        self._db = db
        self._name = name
        self._conds = tuple(conds)
        self._orders = tuple(orders)
        self._skip = skip
        self._limit = limit
        self._fields = fields

    def _copy(self, **changes: Any) -> "Query":
        state = dict(conds=self._conds, orders=self._orders, skip=self._skip, limit=self._limit,
                     fields=self._fields)
        state.update(changes)
        return Query(self._db, self._name, **state)

    def where(self, condition: dict | Cmd) -> "Query":
        """Keep records matching ``condition``: ``{"status": "paid", "price": _.gt(10)}``."""
        # UNVERIFIED: several where() calls are combined with AND here.
        return self._copy(conds=self._conds + (condition,))

    def order_by(self, field: str, direction: str = "asc") -> "Query":
        if direction not in ("asc", "desc"):
            raise CloudError("servers.cloud_bad_order", reason="-501007 invalid parameters. order must be asc or desc",
                             direction=direction)
        return self._copy(orders=self._orders + ((field, direction),))

    orderBy = order_by

    def limit(self, n: int) -> "Query":
        return self._copy(limit=max(0, int(n)))

    def skip(self, n: int) -> "Query":
        return self._copy(skip=max(0, int(n)))

    def field(self, projection: dict) -> "Query":
        return self._copy(fields=dict(projection))

    def get(self, *args: Any, **kwargs: Any):
        """The matching records: ``{data: [...]}`` (a phone gets at most 20)."""
        return self._db._run("get", "collection.get", self, args, kwargs)

    def count(self, *args: Any, **kwargs: Any):
        """How many records match: ``{total}``."""
        return self._db._run("count", "collection.count", self, args, kwargs)

    def update(self, *args: Any, **kwargs: Any):
        """Cloud functions only: update every matching record: ``{stats: {updated}}``."""
        self._admin_only("update")
        return self._db._run("where_update", "collection.update", self, args, kwargs)

    def remove(self, *args: Any, **kwargs: Any):
        """Cloud functions only: remove every matching record: ``{stats: {removed}}``."""
        self._admin_only("remove")
        return self._db._run("where_remove", "collection.remove", self, args, kwargs)

    def _admin_only(self, what: str) -> None:
        if not self._db.actor.admin:
            raise CloudSetupError("wx.cloud_query_write_on_phone", action=what, name=self._name)


class CollectionReference(Query):
    """``db.collection("orders")``: query it, ``add`` to it, or pick one record with ``doc(id)``."""

    def __init__(self, db: Database, name: str) -> None:
        super().__init__(db, name)

    def doc(self, doc_id: str) -> "DocumentReference":
        return DocumentReference(self._db, self._name, str(doc_id))

    def add(self, *args: Any, **kwargs: Any):
        """Add a record: ``add(data={...})``; result ``{_id}``."""
        return self._db._run("add", "collection.add", self, args, kwargs)


class DocumentReference:
    """One record: ``get`` / ``set`` / ``update`` / ``remove``."""

    def __init__(self, db: Database, name: str, doc_id: str) -> None:
        self._db = db
        self._name = name
        self._id = doc_id

    def get(self, *args: Any, **kwargs: Any):
        return self._db._run("doc_get", "document.get", self, args, kwargs)

    def set(self, *args: Any, **kwargs: Any):
        """Replace the whole record with ``data`` (creating it if needed)."""
        return self._db._run("set", "document.set", self, args, kwargs)

    def update(self, *args: Any, **kwargs: Any):
        """Change some fields: ``update(data={"status": "paid", "count": _.inc(1)})``."""
        return self._db._run("update", "document.update", self, args, kwargs)

    def remove(self, *args: Any, **kwargs: Any):
        return self._db._run("remove", "document.remove", self, args, kwargs)


# ---------------------------------------------------------------------------------------------
# cloud functions


class CloudContext:
    """The second argument of a cloud function."""

    def __init__(self, env: CloudEnv, openid: str | None, app_id: str, phone=None) -> None:
        self.env = env.env
        self.openid = openid
        self.app_id = app_id
        self._cloud = env
        self._phone = phone

    def database(self) -> Database:
        """The admin database: no permission limits, no ``_openid`` stamping, 100 records a get."""
        return Database(self._cloud, Actor(None, True, self._phone), ServerRunner())

    def get_wx_context(self) -> dict:
        """Like ``cloud.getWXContext()``: ``{"OPENID", "APPID", "UNIONID", "ENV"}``."""
        return {"OPENID": self.openid, "APPID": self.app_id, "UNIONID": None, "ENV": self.env}


def call_cloud_function(env: CloudEnv, name: str, data: Any, *, openid: str | None, app_id: str,
                        phone, run: Callable) -> tuple[bool, Any, str | None]:
    """Run a cloud function: ``(ok, result, fail_reason)``. ``run(fn, *args)`` runs student code."""
    fn = env.functions.get(name)
    if fn is None:
        # UNVERIFIED wording
        return False, None, (f"-501000 [ResourceNotFound] FunctionName parameter could not be found. "
                             f"function {name} not found")
    event = json.loads(json.dumps(data if data is not None else {}, default=str))
    if not isinstance(event, dict):
        event = {"data": event}
    event["user_info"] = {"openid": openid, "app_id": app_id}
    context = CloudContext(env, openid, app_id, phone)
    try:
        params = [p for p in inspect.signature(fn).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        n = 2 if len(params) >= 2 or any(
            p.kind == p.VAR_POSITIONAL for p in inspect.signature(fn).parameters.values()) else len(params)
    except (TypeError, ValueError):
        n = 2
    args = (event, context)[:n]
    raised, value = run(fn, *args)
    if raised:
        return False, None, "-504002 functions execute fail"
    try:
        result = json.loads(json.dumps(value, ensure_ascii=False, default=str))
    except (TypeError, ValueError):
        return False, None, "-504002 functions execute fail"
    return True, result, None
