"""``wx.request`` (spec 5.3), served by the program's own pretend backend.

The real rules: https only; only the configured domains (here: the domains of the program's
:class:`~mini_sdk.servers.Backend`), with exactly the configured port; no IP addresses, no
``localhost``; ``api.weixin.qq.com`` can never be called from the phone. ``success`` runs for
*any* HTTP status once an answer arrived (check ``res.status_code``!); ``fail`` runs when there
was no answer (``"request:fail timeout"``, ``"request:fail abort"``, refused URL).
At most 10 requests are in flight at once; more wait in a queue (as since base library 1.4.0).
Nothing here opens a socket.
"""
from __future__ import annotations

import itertools
import json
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from ..servers.backend import Request, backends_of, host_only, is_ip
from ..servers.wechat import app_id_of, platform_for
from .calling import (
    AsyncCall,
    Result,
    _HasPending,
    check_options,
    options_from,
    plain,
    record,
    run_student,
    warn,
)

MAX_IN_FLIGHT = 10
DEFAULT_TIMEOUT_MS = 60_000
METHODS = ("OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT")
REQUEST_OPTIONS = ("url", "data", "header", "method", "timeout", "data_type", "response_type",
                   "enable_http2", "enable_quic", "enable_cache", "enable_chunked",
                   "enable_http_dns", "force_cellular", "use_high_performance_mode")


def js_string(value: Any) -> str:
    """``String(value)`` as JavaScript would write it."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "[object Object]"
    if isinstance(value, (list, tuple)):
        return ",".join("" if v is None else js_string(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def encode_uri_component(value: Any) -> str:
    return quote(js_string(value), safe="-_.!~*'()")


def query_string(data: dict) -> str:
    return "&".join(f"{encode_uri_component(k)}={encode_uri_component(v)}" for k, v in data.items())


class RequestTask(_HasPending):
    """What ``wx.request`` returns: ``abort()``, ``on_headers_received(fn)``, and (for the
    direct form) ``.result()``."""

    def __init__(self, service: "NetworkService", call: AsyncCall, entry: dict) -> None:
        self._service = service
        self._call = call
        self._pending = call.pending
        self._entry = entry
        self._header_listeners: list = []
        self._timers: list = []
        self._wire: tuple = ()

    def abort(self) -> None:
        """Stop waiting for the answer: ``fail`` runs with ``"request:fail abort"``."""
        self._service._abort(self)

    def on_headers_received(self, listener) -> None:
        self._header_listeners.append(listener)

    def off_headers_received(self, listener=None) -> None:
        if listener is None:
            self._header_listeners.clear()
        elif listener in self._header_listeners:
            self._header_listeners.remove(listener)

    onHeadersReceived = on_headers_received
    offHeadersReceived = off_headers_received

    def __repr__(self) -> str:
        return f"<RequestTask {self._entry['method']} {self._entry['url']}: {self._entry['state']}>"


class NetworkService:
    """Requests of one phone: the log (plain data) and what is in flight."""

    def __init__(self, phone) -> None:
        self.phone = phone
        self._log: list[dict] = []
        self._in_flight: list[RequestTask] = []
        self._queue: list[RequestTask] = []
        self._ids = itertools.count(1)

    def log(self) -> list[dict]:
        """Every ``wx.request`` so far, oldest first (plain data)."""
        return [plain(e) for e in self._log]

    @property
    def in_flight(self) -> int:
        return len(self._in_flight)

    @property
    def queued(self) -> int:
        return len(self._queue)

    def reset(self) -> None:
        """Relaunch: the old program's requests are dropped without callbacks."""
        for task in self._in_flight + self._queue:
            task._call.finished = True
            task._entry["state"] = "dropped"
            for timer in getattr(task, "_timers", []):
                timer.cancel()
        self._in_flight.clear()
        self._queue.clear()

    # the client rules -----------------------------------------------------------------------
    def _refusal(self, url: str) -> tuple[str, str, dict] | None:
        """``(reason for err_msg, warning key, params)`` if the real phone would refuse ``url``."""
        if not isinstance(url, str) or "://" not in url:
            return "invalid url", "wx.request_invalid_url", {"url": url}  # UNVERIFIED wording
        parts = urlsplit(url)
        netloc = parts.netloc.lower()
        # UNVERIFIED: one err_msg for every refused domain; the warning says which rule.
        refused = "url not in domain list"
        if parts.scheme.lower() != "https":
            return refused, "wx.request_needs_https", {"url": url}
        host = host_only(netloc)
        if is_ip(netloc):
            return refused, "wx.request_no_ip", {"url": url}
        if host == "localhost":
            return refused, "wx.request_no_localhost", {"url": url}
        if host == "api.weixin.qq.com":
            return refused, "wx.request_weixin_api", {"url": url}
        backends = backends_of(self.phone)
        if not backends:
            return refused, "wx.request_no_backend", {"url": url}
        if not any(b.serves(netloc) for b in backends):
            domains = ", ".join("https://" + d for b in backends for d in b.domains)
            return refused, "wx.request_domain_not_listed", {"url": url, "domains": domains}
        return None

    # wx.request -------------------------------------------------------------------------------
    def request(self, args: tuple, kwargs: dict) -> RequestTask:
        phone = self.phone
        options = options_from("request", args, kwargs)
        check_options(phone, "request", options, REQUEST_OPTIONS)
        call = AsyncCall(phone, "request", options)
        o = call.options
        method = str(o.get("method", "GET")).upper()
        url = o.get("url")
        header = dict(o.get("header") or {})
        entry: dict[str, Any] = {
            "id": next(self._ids), "method": method, "url": url, "path": None, "query": {},
            "header": {}, "data": o.get("data"), "body": None, "state": "refused",
            "status_code": None, "response": None, "err_msg": None,
            "sent_at": phone.clock.now, "done_at": None,
        }
        self._log.append(entry)
        task = RequestTask(self, call, entry)
        if method not in METHODS:
            self._refuse(task, f"parameter error: parameter.method should be one of {'/'.join(METHODS)}",
                         "wx.request_bad_method", {"method": method})
            return task
        refusal = self._refusal(url)
        if refusal is not None:
            self._refuse(task, *refusal)
            return task
        # build what goes on the wire
        for name in list(header):
            if name.lower() == "referer":
                warn(phone, "wx.request_no_referer")
                header.pop(name)
        lower = {k.lower(): k for k in header}
        if "content-type" not in lower:
            header["content-type"] = "application/json"
        ctype = str(header.get(lower.get("content-type", "content-type"))).lower()
        header["Referer"] = f"https://servicewechat.com/{app_id_of(phone)}/0/page-frame.html"
        data = o.get("data")
        body = ""
        if method == "GET" and isinstance(data, dict):
            if data:
                parts = urlsplit(url)
                q = (parts.query + "&" if parts.query else "") + query_string(data)
                url = urlunsplit((parts.scheme, parts.netloc, parts.path, q, parts.fragment))
        elif data is not None:
            if isinstance(data, (str, bytes)):
                body = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
            elif "x-www-form-urlencoded" in ctype and isinstance(data, dict):
                body = query_string(data)
            else:
                try:
                    body = json.dumps(data, ensure_ascii=False)
                except (TypeError, ValueError):
                    self._refuse(task, "parameter error: parameter.data should be JSON-serializable",
                                 "wx.request_data_not_json", {"type": type(data).__name__})
                    return task
        parts = urlsplit(url)
        entry.update(url=url, path=parts.path or "/", header=plain(header), body=body,
                     query=dict(parse_qsl(parts.query, keep_blank_values=True)),
                     state="queued")
        task._wire = (method, url, header, body)
        timeout = o.get("timeout")
        if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
            cfg = getattr(getattr(phone, "program", None), "config", None) or {}
            timeout = ((cfg.get("networkTimeout") or cfg.get("network_timeout") or {}).get("request")
                       or DEFAULT_TIMEOUT_MS)
        # UNVERIFIED: the timeout counts from the call, including time spent queued.
        task._timers.append(phone.clock.call_later(int(timeout), self._timeout, task))
        record(phone, "request", id=entry["id"], method=method, url=url, data=o.get("data"))
        if len(self._in_flight) < MAX_IN_FLIGHT:
            self._send(task)
        else:
            self._queue.append(task)
        return task

    def _refuse(self, task: RequestTask, reason: str, warn_key: str, params: dict) -> None:
        warn(self.phone, warn_key, **params)
        task._entry.update(state="refused", err_msg=f"request:fail {reason}")
        record(self.phone, "request_refused", url=task._entry["url"], reason=reason)
        task._call.failed(reason)

    def _send(self, task: RequestTask) -> None:
        self._in_flight.append(task)
        task._entry["state"] = "sent"
        self.phone.clock.call_soon(self._serve, task)

    def _serve(self, task: RequestTask) -> None:
        """The request reaches the server, which answers (after its latency)."""
        if task._call.finished:
            return
        method, url, header, body = task._wire
        netloc = urlsplit(url).netloc.lower()
        backend = next(b for b in backends_of(self.phone) if b.serves(netloc))
        request = Request(method=method, url=url, headers=header, body=body, backend=backend,
                          platform=platform_for(self.phone), phone=self.phone)
        status, headers, text, delay, error = backend.handle(
            request, lambda fn, req: run_student(self.phone, fn, req, server=True))
        if error and error != "raised":
            warn(self.phone, "wx.backend_bad_answer", path=request.path, problem=error)
        task._timers.append(self.phone.clock.call_later(delay, self._answer, task, status, headers, text))

    def _answer(self, task: RequestTask, status: int, headers: dict, text: str) -> None:
        if task._call.finished:
            return
        o = task._call.options
        data: Any = text
        if o.get("response_type") == "arraybuffer":
            data = text.encode("utf-8")
        elif o.get("data_type", "json") == "json" and text:
            try:
                data = json.loads(text.lstrip("\ufeff"))
            except ValueError:
                data = text
        header = dict(headers)
        for listener in list(task._header_listeners):
            run_student(self.phone, listener, Result(header=dict(header), status_code=status, cookies=[]))
        task._entry.update(state="done", status_code=status, response=plain(data),
                           err_msg="request:ok", done_at=self.phone.clock.now)
        record(self.phone, "response", id=task._entry["id"], status_code=status)
        self._release(task)
        task._call.ok(data=data, status_code=status, header=header, cookies=[])

    def _timeout(self, task: RequestTask) -> None:
        if task._call.finished:
            return
        task._entry.update(state="timeout", err_msg="request:fail timeout", done_at=self.phone.clock.now)
        record(self.phone, "request_timeout", id=task._entry["id"])
        self._release(task)
        task._call.failed("timeout", errno=5)

    def _abort(self, task: RequestTask) -> None:
        if task._call.finished:
            return
        # UNVERIFIED wording
        task._entry.update(state="aborted", err_msg="request:fail abort", done_at=self.phone.clock.now)
        record(self.phone, "request_aborted", id=task._entry["id"])
        self._release(task)
        task._call.failed("abort")

    def _release(self, task: RequestTask) -> None:
        for timer in task._timers:
            timer.cancel()
        if task in self._in_flight:
            self._in_flight.remove(task)
        if task in self._queue:
            self._queue.remove(task)
        while self._queue and len(self._in_flight) < MAX_IN_FLIGHT:
            self._send(self._queue.pop(0))


def request(phone, *args, **kwargs) -> RequestTask:
    """Send an HTTPS request to the program's backend.

    ``wx.request(url=..., method="GET", data=..., header=..., timeout=60000, data_type="json",
    success=..., fail=..., complete=...)`` -> :class:`RequestTask`.
    ``success`` gets ``{data, status_code, header, cookies, err_msg: "request:ok"}``.
    Direct form: ``res = wx.request(url=...).result()``.
    """
    return phone.services.network.request(args, kwargs)


API = {"request": request}
