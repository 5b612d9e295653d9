"""The driver over a channel: tests in one process, the student's program in another.

A grader runs the teacher's test cells in its own, trusted process; the student's cells run in
a sandbox. Between the two only plain data crosses, as length-prefixed JSON frames, the way
the real framework's automator drives the simulator:

    sandbox (student's process)                  grader (trusted)
    Server(namespace).serve(channel)   ◀──────   launch(program) · tap · input · navigate …
                                       ──────▶   screen text · page data · toasts · errors

On the grader's side the student's names are :class:`RemoteHandle` objects: calling one, or
reading an attribute or an item, asks the sandbox and gives back either plain data (JSON:
dict, list, str, int, float, bool, None) or another handle, never an object student code made.
``mini_sdk.testing.launch(handle)`` returns a :class:`RemotePhone` with the same verbs as the
local driver, so a test cell written for a lesson works unchanged in the grader.

Nothing the sandbox sends is trusted: frames are size-capped, decoded as JSON only, and every
value is checked to be plain data before a test sees it.
"""
from __future__ import annotations

import inspect
import json
import os
import struct
from typing import Any

MAX_FRAME = 16 * 1024 * 1024
_HEADER = struct.Struct(">I")


class ChannelClosed(Exception):
    """The other side has gone (a crash, ``os._exit``, a time limit)."""


class ChannelTimeout(Exception):
    """No answer before the deadline."""


def wait_readable(fd, seconds: float) -> bool:
    """Whether ``fd`` (a descriptor or anything with ``fileno()``) can be read within
    ``seconds``. poll, not select.select, which refuses descriptors past 1023 (a Dask worker
    holds many)."""
    import select

    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    return bool(poller.poll(max(0.0, seconds) * 1000))


def wait_for_exit(pid: int, seconds: float) -> int | None:
    """Wait for a forked child to end, at most ``seconds``: its exit code (it is reaped), or
    None if it is still running. Sleeps on the child's pidfd; polls where the kernel has none."""
    import time

    deadline = time.monotonic() + seconds
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            if fd is not None:
                wait_readable(fd, left)
            else:
                time.sleep(min(left, 0.002))
    finally:
        if fd is not None:
            os.close(fd)


class Channel:
    """Length-prefixed JSON frames over two file descriptors (pipes or a socket pair)."""

    def __init__(self, read_fd: int, write_fd: int) -> None:
        self.read_fd, self.write_fd = read_fd, write_fd
        self.deadline: float | None = None   # time.monotonic() deadline for reads (grader side)
        self.on_wait = None                  # called every 0.1 s while waiting (grader side)

    def send(self, message: Any) -> None:
        data = json.dumps(message, ensure_ascii=False, allow_nan=False).encode("utf-8")
        if len(data) > MAX_FRAME:
            raise ValueError("frame too large")
        buf = memoryview(_HEADER.pack(len(data)) + data)
        while buf:
            try:
                n = os.write(self.write_fd, buf)
            except BrokenPipeError:
                raise ChannelClosed() from None
            buf = buf[n:]

    def _read_exact(self, n: int) -> bytes:
        import time

        chunks, got = [], 0
        while got < n:
            if self.deadline is not None:
                left = self.deadline - time.monotonic()
                if left <= 0:
                    raise ChannelTimeout()
                ready = wait_readable(self.read_fd, min(left, 0.1))
                if not ready:
                    if self.on_wait is not None:
                        self.on_wait()
                    continue
            chunk = os.read(self.read_fd, min(n - got, 1 << 20))
            if not chunk:
                raise ChannelClosed()
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)

    def receive(self) -> Any:
        (size,) = _HEADER.unpack(self._read_exact(_HEADER.size))
        if size > MAX_FRAME:
            raise ChannelClosed()
        try:
            return json.loads(self._read_exact(size).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ChannelClosed() from None


# -- plain data ----------------------------------------------------------------------------------
def is_plain(value: Any, depth: int = 0) -> bool:
    """Exactly dict/list/str/int/float/bool/None (no subclasses), nested at most 64 deep."""
    if depth > 64:
        return False
    kind = type(value)
    if value is None or kind in (str, bool, int, float):
        return kind is not float or value == value and value not in (float("inf"), float("-inf"))
    if kind is list:
        return all(is_plain(v, depth + 1) for v in value)
    if kind is dict:
        return all(type(k) is str and is_plain(v, depth + 1) for k, v in value.items())
    return False


# =================================================================================================
# The sandbox's side
# =================================================================================================
class Server:
    """Answers a grader's requests about the objects of one namespace (the student's)."""

    def __init__(self, namespace: dict) -> None:
        self.namespace = namespace
        self.objects: dict[int, Any] = {}
        self.next_id = 1

    # encoding -------------------------------------------------------------------------------
    def encode(self, value: Any) -> dict:
        from . import testing

        if isinstance(value, testing.QueryParams):
            return {"query": dict(value)}
        if type(value) is tuple:
            value = list(value)
        if is_plain(value):
            return {"v": value}
        if type(value) is list and len(value) <= 100_000:
            return {"list": [self.encode(v) for v in value]}
        return {"h": self.remember(value), "t": self.kind(value)}

    def remember(self, value: Any) -> int:
        hid = self.next_id
        self.next_id += 1
        self.objects[hid] = value
        return hid

    @staticmethod
    def kind(value: Any) -> str:
        from . import testing

        for name in ("PhoneDriver", "PageView", "Element", "ComponentHarness"):
            cls = getattr(testing, name, None)
            if cls is not None and type(value) is cls:
                return name
        if isinstance(value, type):
            return "class"
        if callable(value):
            return "callable"
        return "object"

    def decode(self, value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {"h"}:
                return self.objects[value["h"]]
            return {k: self.decode(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.decode(v) for v in value]
        return value

    def describe_names(self) -> dict:
        """The namespace as the grader will see it: plain values, known library objects (the
        grader binds its own copy), and handles for everything else."""
        import types

        out = {}
        for name, value in list(self.namespace.items()):
            if name.startswith("_") or name in ("In", "Out", "exit", "quit", "get_ipython"):
                continue
            if isinstance(value, types.ModuleType):
                out[name] = {"module": value.__name__}
                continue
            origin = getattr(value, "__module__", None)
            qual = getattr(value, "__qualname__", None)
            if isinstance(origin, str) and isinstance(qual, str) and origin.split(".")[0] == "mini_sdk":
                try:
                    import importlib

                    if getattr(importlib.import_module(origin), qual, None) is value:
                        out[name] = {"library": origin, "name": qual}
                        continue
                except Exception:  # noqa: BLE001
                    pass
            try:
                out[name] = self.encode(value)
            except Exception:  # noqa: BLE001 - a hostile object: give the grader a handle
                out[name] = {"h": self.remember(value), "t": "object"}
        return out

    # requests -------------------------------------------------------------------------------
    def handle(self, request: dict) -> dict:
        try:
            return {"ok": self.encode(self._do(request))}
        except BaseException as exc:  # noqa: BLE001 - every failure is an answer
            if isinstance(exc, (SystemExit, KeyboardInterrupt)) and not isinstance(exc, SystemExit):
                raise
            return {"error": describe_exception(exc)}

    def _do(self, request: dict) -> Any:
        from . import testing

        op = request.get("op")
        target = self.objects.get(request.get("h")) if "h" in request else None
        if op == "names":
            return None
        if op == "getattr":
            name = request["name"]
            if name.startswith("__"):
                raise AttributeError(name)
            return getattr(target, name)
        if op == "call":
            args = self.decode(request.get("args", []))
            kwargs = self.decode(request.get("kwargs", {}))
            fn = getattr(target, request["name"]) if request.get("name") else target
            return fn(*args, **kwargs)
        if op == "getitem":
            return target[self.decode(request["key"])]
        if op == "len":
            return len(target)
        if op == "list":
            return list(target)
        if op == "contains":
            return self.decode(request["item"]) in target
        if op == "launch":
            return testing.launch(target, **self.decode(request.get("kwargs", {})))
        if op == "library":     # wx and friends: they reach the phone launched in this test
            module, name = request.get("module"), request.get("name")
            if not (isinstance(module, str) and module.split(".")[0] == "mini_sdk" and isinstance(name, str)):
                raise ValueError("not a mini_sdk name")
            import importlib

            return getattr(importlib.import_module(module), name)
        if op == "render_component":
            return testing.render_component(target, **self.decode(request.get("kwargs", {})))
        if op == "release":
            self.objects.pop(request.get("h"), None)
            return None
        raise ValueError(f"unknown request {op!r}")

    def serve(self, channel: Channel, until: str = "end") -> None:
        """Answer requests until one whose op is ``until`` (answered with ok) or the channel ends."""
        while True:
            try:
                request = channel.receive()
            except ChannelClosed:
                return
            if not isinstance(request, dict):
                continue
            if request.get("op") == until:
                channel.send({"ok": {"v": None}})
                return
            if request.get("op") == "names":
                channel.send({"ok": {"v": None}, "names": self.describe_names()})
                continue
            channel.send(self.handle(request))


def describe_exception(exc: BaseException) -> dict:
    """An exception as plain data: its class name, its message, the student's line if known."""
    from .errors import MiniProgramError

    kind = "Error"
    for cls in type(exc).__mro__:
        if cls.__module__ in ("builtins", "mini_sdk.testing", "mini_sdk.errors"):
            kind = cls.__name__
            break
    try:
        message = str(exc)
    except Exception:  # noqa: BLE001
        message = ""
    info = {"type": kind, "message": message[:4000]}
    if isinstance(exc, MiniProgramError):
        info["mini"] = True
    # as the student's notebook explains it (in their language), and their own line: worked
    # out here, where the student's frames still are
    from . import explain

    try:
        if not isinstance(exc, MiniProgramError):
            info["explained"] = explain.explain(exc)[:4000]
        where = explain.student_line(exc)
        if where:
            info["where"] = where[:500]
    except Exception:  # noqa: BLE001 - a student's object whose repr fails: the plain message stays
        pass
    return info


# =================================================================================================
# The grader's side
# =================================================================================================
class SandboxFailure(AssertionError):
    """Something the student's program did made this request fail (their exception, a crash,
    a time limit). An AssertionError, so the test fails rather than errors."""

    def __init__(self, message: str, kind: str = "Error") -> None:
        super().__init__(message)
        self.kind = kind

    @property
    def message(self) -> str:
        return self.args[0] if self.args else ""

    def __str__(self) -> str:
        return self.message


class Connection:
    """The grader's end of a channel to one sandbox."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel

    def exchange(self, message: dict) -> dict:
        """Send one request, return the sandbox's reply (a dict), or raise why there is none."""
        from .messages import catalogue

        try:
            self.channel.send(message)
            reply = self.channel.receive()
        except ChannelClosed:
            raise SandboxFailure(catalogue("remote_program_stopped"), "Crashed") from None
        except ChannelTimeout:
            raise SandboxFailure(catalogue("remote_time_limit"), "Timeout") from None
        if not isinstance(reply, dict):
            raise SandboxFailure("?", "Protocol")
        return reply

    def request(self, **message: Any) -> Any:
        __tracebackhide__ = True
        reply = self.exchange(message)
        if "error" in reply:
            raise self._exception(reply["error"])
        return self.decode(reply.get("ok"))

    def names(self) -> dict:
        """The student's names as the sandbox describes them (see Server.describe_names)."""
        try:
            names = self.exchange({"op": "names"}).get("names")
        except SandboxFailure:
            return {}
        return names if isinstance(names, dict) else {}

    def decode(self, encoded: Any) -> Any:
        """A sandbox answer to a grader value: plain data, a handle, or a list of them."""
        if not isinstance(encoded, dict):
            raise SandboxFailure("?", "Protocol")
        if "v" in encoded:
            value = encoded["v"]
            if not is_plain(value):
                raise SandboxFailure("?", "Protocol")
            return value
        if "list" in encoded and type(encoded["list"]) is list:
            return [self.decode(v) for v in encoded["list"]]
        if "query" in encoded and is_plain(encoded["query"]) and type(encoded["query"]) is dict:
            return encoded["query"]
        if type(encoded.get("h")) is int:
            kind = encoded.get("t")
            cls = _REMOTE_DRIVER.get(kind) if isinstance(kind, str) else None
            if cls is not None:
                return cls(self, encoded["h"])
            return RemoteHandle(self, encoded["h"], kind if isinstance(kind, str) else "object")
        raise SandboxFailure("?", "Protocol")

    @staticmethod
    def _exception(info: Any) -> Exception:
        from . import testing

        if not isinstance(info, dict):
            return SandboxFailure("?")
        message = info.get("message") if isinstance(info.get("message"), str) else ""
        if isinstance(info.get("explained"), str) and info["explained"]:
            message = info["explained"]
        if isinstance(info.get("where"), str) and info["where"] and info["where"] not in message:
            message = f"{message}\n{info['where']}"
        kind = info.get("type") if isinstance(info.get("type"), str) else "Error"
        cls = _remote_failure_class(kind)
        return cls(message, kind)


def encode_argument(value: Any) -> Any:
    """A grader value on its way to the sandbox: plain data, or a reference to a handle."""
    if isinstance(value, (RemoteHandle, _RemoteDriverObject)):
        return {"h": value._hid}
    if type(value) is tuple:
        value = list(value)
    if type(value) is list:
        return [encode_argument(v) for v in value]
    if type(value) is dict:
        if set(value) == {"h"}:
            raise TypeError("a dict with the single key 'h' cannot be sent to the sandbox")
        return {k: encode_argument(v) for k, v in value.items()}
    if is_plain(value):
        return value
    raise TypeError(f"only plain data can be sent to the student's program, not {type(value).__name__}")


class RemoteHandle:
    """One of the student's objects, seen from the grader: call it, read its attributes and
    items; what comes back is plain data or another handle. It never equals anything but
    itself, and it is always true."""

    __slots__ = ("_conn", "_hid", "_kind")
    # what mini_sdk.testing's launch() and render_component() look for on the handle's class
    # (its instances answer every attribute from the sandbox): drive the student's phone there
    drives_remotely = True

    def __init__(self, conn: Connection, hid: int, kind: str = "object") -> None:
        object.__setattr__(self, "_conn", conn)
        object.__setattr__(self, "_hid", hid)
        object.__setattr__(self, "_kind", kind)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        return self._conn.request(op="call", h=self._hid, args=encode_argument(list(args)),
                                  kwargs=encode_argument(dict(kwargs)))

    def __getattr__(self, name: str) -> Any:
        __tracebackhide__ = True
        if name.startswith("__"):
            raise AttributeError(name)
        return self._conn.request(op="getattr", h=self._hid, name=name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("the student's objects cannot be changed from a test")

    def __getitem__(self, key: Any) -> Any:
        __tracebackhide__ = True
        return self._conn.request(op="getitem", h=self._hid, key=encode_argument(key))

    def __len__(self) -> int:
        n = self._conn.request(op="len", h=self._hid)
        if type(n) is not int or n < 0:
            raise SandboxFailure("len() did not give a whole number", "TypeError")
        return n

    def __iter__(self):
        items = self._conn.request(op="list", h=self._hid)
        return iter(items if type(items) is list else [])

    def __contains__(self, item: Any) -> bool:
        return self._conn.request(op="contains", h=self._hid, item=encode_argument(item)) is True

    def __bool__(self) -> bool:
        return True

    def __eq__(self, other: Any) -> bool:
        return other is self

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return f"<student's {self._kind}>"

    def _launch(self, **kwargs: Any) -> "RemotePhone":
        return self._conn.request(op="launch", h=self._hid, kwargs=encode_argument(kwargs))

    def _render_component(self, **kwargs: Any) -> "RemoteComponent":
        return self._conn.request(op="render_component", h=self._hid, kwargs=encode_argument(kwargs))


class _RemoteDriverObject:
    """A driver object (phone, page, element) living in the sandbox. Its verbs and properties
    are those of the local driver class of the same name, read from *our* copy of
    mini_sdk.testing; only public names, and only those, are asked of the sandbox."""

    _local: str = ""

    def __init__(self, conn: Connection, hid: int) -> None:
        self._conn = conn
        self._hid = hid

    def _local_class(self):
        from . import testing

        return getattr(testing, self._local)

    def __getattr__(self, name: str) -> Any:
        __tracebackhide__ = True
        if name.startswith("_"):
            raise AttributeError(name)
        static = inspect.getattr_static(self._local_class(), name, None)
        if isinstance(static, property):
            value = self._conn.request(op="getattr", h=self._hid, name=name)
            if name == "query" and self._local == "PageView" and isinstance(value, dict):
                return _RemoteQuery(value, self)
            return value
        if callable(static):
            conn, hid = self._conn, self._hid

            def verb(*args: Any, **kwargs: Any) -> Any:
                __tracebackhide__ = True
                return conn.request(op="call", h=hid, name=name, args=encode_argument(list(args)),
                                    kwargs=encode_argument(dict(kwargs)))
            verb.__name__ = name
            return verb
        raise AttributeError(f"'{self._local}' has no attribute '{name}'")

    def __repr__(self) -> str:
        return f"<remote {self._local}>"


class _RemoteQuery(dict):
    """``page.query``: the URL query (a dict) that, called, finds an element."""

    def __init__(self, params: dict, page: "_RemoteDriverObject") -> None:
        super().__init__(params)
        self._page = page

    def __call__(self, selector: str) -> Any:
        __tracebackhide__ = True
        return self._page._conn.request(op="call", h=self._page._hid, name="query", args=[selector])


class RemotePhone(_RemoteDriverObject):
    _local = "PhoneDriver"

    def __enter__(self) -> "RemotePhone":
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            self._conn.request(op="call", h=self._hid, name="close")
        except SandboxFailure:
            pass


class RemotePage(_RemoteDriverObject):
    _local = "PageView"


class RemoteElement(_RemoteDriverObject):
    _local = "Element"


class RemoteComponent(_RemoteDriverObject):
    _local = "ComponentHarness"


_REMOTE_DRIVER = {"PhoneDriver": RemotePhone, "PageView": RemotePage, "Element": RemoteElement,
                  "ComponentHarness": RemoteComponent}


_FAILURES: dict = {}


def _remote_failure_class(kind: str) -> type:
    """The driver's own exception classes, raised in the grader from the sandbox's answer: a
    test that catches ``ElementNotFound`` or ``BlockedByDialog`` works as in a lesson."""
    from . import testing

    if kind not in _FAILURES:
        local = getattr(testing, kind, None) if kind in ("ElementNotFound", "NavigationFailed",
                                                         "BlockedByDialog") else None
        _FAILURES[kind] = type(f"Remote{kind}", (SandboxFailure, local), {}) if isinstance(local, type) \
            else SandboxFailure
    return _FAILURES[kind]


def bind_names(conn: Connection, described: dict, namespace: dict, keep: set) -> None:
    """Put the student's names, as the sandbox described them, into a grader namespace.

    Names in ``keep`` (bound by the teacher's own code) are never replaced. A name the sandbox
    says is a library object (a module, a mini_sdk function) is bound to *our* copy of it:
    a lie there only gives the test the real thing.
    """
    import importlib

    trusted = library_names()
    for name, desc in described.items():
        if not isinstance(name, str) or not name.isidentifier() or name in keep or not isinstance(desc, dict):
            continue
        if name in trusted:        # the library's names and Python's builtins stay ours
            if name in trusted and trusted[name] is not None:
                namespace[name] = trusted[name]
            continue
        try:
            if "module" in desc:
                module = desc["module"]
                if isinstance(module, str) and _importable_library(module):
                    namespace[name] = importlib.import_module(module)
                continue
            if "library" in desc:
                origin, qual = desc.get("library"), desc.get("name")
                if isinstance(origin, str) and isinstance(qual, str) and origin.split(".")[0] == "mini_sdk":
                    obj: Any = importlib.import_module(origin)
                    for part in qual.split("."):
                        obj = getattr(obj, part)
                    namespace[name] = obj
                continue
            namespace[name] = conn.decode(desc)
        except Exception:  # noqa: BLE001 - an unusable description binds nothing
            namespace.pop(name, None)


# library objects that act on "the phone" (the last one launched): in a grader, on the phone
# running in the sandbox, so a test's `wx.request(...)` reaches the student's phone there
PHONE_SERVICES = (("mini_sdk", "wx"), ("mini_sdk", "get_app"), ("mini_sdk", "get_current_pages"))


def route_phone_services(conn: Connection, namespace: dict) -> dict:
    """Rebind, for one test, the names that hold our own wx/get_app/get_current_pages to the
    sandbox's; returns what to put back afterwards."""
    import importlib

    saved = {}
    services = {id(getattr(importlib.import_module(m), n)): (m, n) for m, n in PHONE_SERVICES}
    for name, value in list(namespace.items()):
        if id(value) in services:
            module, attr = services[id(value)]
            saved[name] = value
            namespace[name] = _LazyRemote(conn, module, attr)
    return saved


class _LazyRemote:
    """A library object in the sandbox, fetched on first use."""

    def __init__(self, conn: Connection, module: str, name: str) -> None:
        self._conn, self._module, self._name, self._handle = conn, module, name, None

    def _get(self):
        if self._handle is None:
            self._handle = self._conn.request(op="library", module=self._module, name=self._name)
        return self._handle

    def __getattr__(self, name: str) -> Any:
        __tracebackhide__ = True
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._get(), name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        return self._get()(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<{self._name} of the student's phone>"


def library_names() -> dict:
    """Names a test means as the library's, whatever the student bound to them: Python's
    builtins (None: left to the builtins) and mini_sdk's public names."""
    import builtins

    from . import selfcheck, testing
    import mini_sdk

    names: dict = {name: None for name in dir(builtins)}
    for module in (mini_sdk, testing, selfcheck):
        for name in getattr(module, "__all__", []):
            names[name] = getattr(module, name, None)
    return names


def _importable_library(module: str) -> bool:
    import sys

    # only what the grader has already imported (no import runs because a sandbox said so)
    return module in sys.modules
