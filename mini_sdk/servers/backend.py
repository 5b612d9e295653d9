"""A pretend web server for a mini-program, written in Python by a teacher or a student.

::

    from mini_sdk.servers import Backend

    backend = Backend("https://api.bubbletea.example")

    MENU = [{"id": 1, "name": "Brown sugar boba", "price": 1800}]

    @backend.get("/menu")
    def menu(request):
        return {"items": MENU}                       # a dict -> 200 + JSON

    @backend.get("/menu/<id>")                       # <id> is read from the path
    def one_drink(request):
        for drink in MENU:
            if drink["id"] == int(request.params["id"]):
                return drink
        return 404, {"error": "no such drink"}      # (status, body)

    @backend.post("/orders")
    def new_order(request):
        if request.openid is None:                   # the caller did not log in
            return 401, {"error": "please log in"}
        order = request.json                         # the JSON the phone sent
        ...

Requests only reach the backend from ``wx.request`` on a phone whose program was given
``MiniProgram(..., backend=backend)``, and only on the backend's own domain(s), over https --
the same rules as the real WeChat. Nothing here ever opens a socket.
"""
from __future__ import annotations

import hashlib
import ipaddress
import itertools
import json
import re
from typing import Any, Callable, Iterable
from urllib.parse import parse_qsl, urlsplit

from ..errors import MiniProgramError
from ..wx.calling import wall_seconds


def backends_of(phone) -> list:
    """The pretend servers the phone's program brings (``program.backend``: one, a list or a dict)."""
    program = getattr(phone, "program", None)
    backend = getattr(program, "backend", None) if program is not None else None
    if backend is None:
        return []
    if isinstance(backend, (list, tuple)):
        return list(backend)
    if isinstance(backend, dict):
        return list(backend.values())
    return [backend]


METHODS = ("OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT")

STATUS_TEXT = {
    200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found",
    304: "Not Modified", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 422: "Unprocessable Entity",
    429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
    503: "Service Unavailable",
}


class ServerSetupError(MiniProgramError):
    """A pretend server was set up in a way the real platform would refuse."""


class Headers(dict):
    """Header names are case-insensitive: ``headers["Content-Type"] == headers["content-type"]``."""

    def __init__(self, items: Any = ()) -> None:
        super().__init__()
        for k, v in dict(items or {}).items():
            self[k] = v

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(str(key).lower(), str(value))

    def __getitem__(self, key: str) -> str:
        return super().__getitem__(str(key).lower())

    def __contains__(self, key: object) -> bool:
        return super().__contains__(str(key).lower())

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(str(key).lower(), default)

    def pop(self, key: str, *default: Any) -> Any:
        return super().pop(str(key).lower(), *default)


def parse_domain(domain: str) -> tuple[str, str]:
    """``"https://api.x.com"`` -> ``("https", "api.x.com")``; a bare host means https."""
    text = str(domain).strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    return parts.scheme.lower(), parts.netloc.lower()


def is_ip(host: str) -> bool:
    host = host.split(":")[0] if host.count(":") == 1 else host
    host = host.strip("[]")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def host_only(netloc: str) -> str:
    if netloc.startswith("["):
        return netloc.split("]")[0] + "]"
    return netloc.split(":")[0]


class Request:
    """What a route function receives.

    * ``method`` ("GET", "POST", ...), ``url``, ``path``
    * ``query``: the ``?a=1&b=2`` part as a dict of strings (a GET's ``data`` arrives here)
    * ``json``: the JSON body (a dict or list) or None; ``form``: a form body as a dict
    * ``data``: whichever of json / form / text the phone sent; ``body``: the raw text
    * ``headers``: case-insensitive dict; ``params``: the ``<name>`` parts of the route path
    * ``openid``: who is calling, once they logged in through your backend (see
      :meth:`start_session`), else None
    * ``code2session(code)``: ask the WeChat server who a ``wx.login`` code belongs to
    * ``pay``: your merchant account at the WeChat Pay sandbox (create orders, sign, refund)
    """

    def __init__(self, *, method: str, url: str, headers: dict | None = None, body: str = "",
                 backend: "Backend | None" = None, platform=None, phone=None) -> None:
        self.method = method.upper()
        self.url = url
        parts = urlsplit(url)
        self.path = parts.path or "/"
        self.query: dict[str, str] = dict(parse_qsl(parts.query, keep_blank_values=True))
        self.headers = Headers(headers or {})
        self.body = body or ""
        self.params: dict[str, str] = {}
        self._backend = backend
        self._platform = platform
        self._phone = phone
        ctype = self.headers.get("content-type", "") or ""
        self.json: Any = None
        self.form: dict[str, str] = {}
        if "json" in ctype and self.body:
            try:
                self.json = json.loads(self.body)
            except ValueError:
                self.json = None
        elif "x-www-form-urlencoded" in ctype and self.body:
            self.form = dict(parse_qsl(self.body, keep_blank_values=True))
        self.data: Any = self.json if self.json is not None else (self.form or self.body)

    # who is calling ----------------------------------------------------------------------------
    @property
    def token(self) -> str | None:
        raw = self.headers.get("authorization") or self.headers.get("x-token") or self.headers.get("token")
        if not raw:
            return None
        raw = raw.strip()
        return raw[7:].strip() if raw.lower().startswith("bearer ") else raw

    @property
    def session(self) -> dict | None:
        """What :meth:`start_session` stored for the caller's token, or None."""
        if self._backend is None or self.token is None:
            return None
        return self._backend.sessions.get(self.token)

    @property
    def openid(self) -> str | None:
        session = self.session
        return session.get("openid") if session else None

    def start_session(self, openid: str, **extra: Any) -> str:
        """Remember who this is; returns a token to send to the phone.

        The phone keeps the token (e.g. in storage) and sends it back in the
        ``Authorization`` header; then ``request.openid`` tells you who is calling.
        (Never send the ``session_key`` to the phone.)
        """
        if self._backend is None:
            raise ServerSetupError("servers.no_backend_for_session")
        return self._backend.start_session(openid, **extra)

    # the WeChat servers ----------------------------------------------------------------------
    def code2session(self, code: str) -> dict:
        """GET https://api.weixin.qq.com/sns/jscode2session: ``{openid, session_key}`` or
        ``{errcode, errmsg}`` (40029 invalid code, 40163 code been used, 45011 too often,
        40226 risky user, -1 busy)."""
        if self._platform is None:
            raise ServerSetupError("servers.no_platform")
        secret = self._backend.app_secret if self._backend is not None else None
        return self._platform.login.code2session(
            self._platform.app_id, secret or self._platform.app_secret, code, self._phone
        )

    @property
    def pay(self):
        """Your merchant account at the WeChat Pay sandbox (a :class:`~mini_sdk.servers.pay.PayClient`)."""
        if self._platform is None:
            raise ServerSetupError("servers.no_platform")
        return self._platform.pay.client(self._backend, self._phone)

    @property
    def now(self) -> int:
        """Seconds since 1970 on the phone's virtual clock."""
        return wall_seconds(self._phone) if self._phone is not None else 0

    def __repr__(self) -> str:
        return f"<Request {self.method} {self.path}>"


class Response:
    """Optional: return ``Response(status, body, headers)`` for full control."""

    def __init__(self, status: int = 200, body: Any = None, headers: dict | None = None) -> None:
        self.status = int(status)
        self.body = body
        self.headers = dict(headers or {})


class Route:
    def __init__(self, pattern: str, methods: Iterable[str], fn: Callable, delay_ms: int | None) -> None:
        self.pattern = pattern
        self.methods = tuple(m.upper() for m in methods)
        self.fn = fn
        self.delay_ms = delay_ms
        names = []

        def repl(m: re.Match) -> str:
            names.append(m.group(1))
            return r"(?P<%s>[^/]+)" % m.group(1)

        regex = re.sub(r"<([A-Za-z_][A-Za-z0-9_]*)>", repl, re.escape(pattern).replace(r"\<", "<").replace(r"\>", ">"))
        self.regex = re.compile("^" + regex + "$")
        self.names = names

    def match(self, path: str) -> dict | None:
        m = self.regex.match(path)
        return m.groupdict() if m else None


class Backend:
    """A pretend HTTPS server for one or more domains.

    ``Backend("https://api.shop.example", latency_ms=0, app_secret=None, mchid="1900000109",
    merchant_name="My Shop")``

    * ``latency_ms``: how long (virtual ms) each answer takes to come back (default 0).
    * ``app_secret``: the AppSecret your server uses for ``code2session``; leave it out to use
      the right one for the program (set a wrong one to see error 40125).
    * ``mchid`` / ``merchant_name``: your WeChat Pay merchant account in the sandbox.
    """

    def __init__(self, domain: str = "https://api.example.com", *more_domains: str,
                 latency_ms: int = 0, app_secret: str | None = None, mchid: str = "1900000109",
                 merchant_name: str | None = None) -> None:
        self.domains: list[str] = []  # netlocs, e.g. "api.shop.example"
        for d in (domain, *more_domains):
            scheme, netloc = parse_domain(d)
            if scheme != "https":
                raise ServerSetupError("servers.domain_not_https", domain=d)
            if not netloc or is_ip(netloc) or host_only(netloc) == "localhost":
                raise ServerSetupError("servers.domain_not_allowed", domain=d)
            if host_only(netloc) == "api.weixin.qq.com":
                raise ServerSetupError("servers.domain_weixin", domain=d)
            self.domains.append(netloc)
        self.latency_ms = int(latency_ms)
        self.app_secret = app_secret
        self.mchid = str(mchid)
        self.merchant_name = merchant_name or self.domains[0]
        self.routes: list[Route] = []
        self.sessions: dict[str, dict] = {}
        self._tokens = itertools.count(1)

    @property
    def domain(self) -> str:
        return "https://" + self.domains[0]

    def url(self, path: str = "/") -> str:
        """The full URL of ``path`` on this backend: ``backend.url("/menu")``."""
        return self.domain + ("" if path.startswith("/") else "/") + path

    # declaring routes ----------------------------------------------------------------------
    def route(self, path: str, methods: Iterable[str] = ("GET",), delay_ms: int | None = None):
        """Decorator: ``@backend.route("/orders", methods=["GET", "POST"])``."""
        if not str(path).startswith("/"):
            raise ServerSetupError("servers.route_needs_slash", path=path)
        for m in methods:
            if str(m).upper() not in METHODS:
                raise ServerSetupError("servers.route_bad_method", path=path, method=m)

        def register(fn: Callable) -> Callable:
            self.routes.append(Route(path, methods, fn, delay_ms))
            return fn

        return register

    def get(self, path: str, delay_ms: int | None = None):
        return self.route(path, ("GET",), delay_ms)

    def post(self, path: str, delay_ms: int | None = None):
        return self.route(path, ("POST",), delay_ms)

    def put(self, path: str, delay_ms: int | None = None):
        return self.route(path, ("PUT",), delay_ms)

    def delete(self, path: str, delay_ms: int | None = None):
        return self.route(path, ("DELETE",), delay_ms)

    # sessions --------------------------------------------------------------------------------
    def start_session(self, openid: str, **extra: Any) -> str:
        n = next(self._tokens)
        token = hashlib.sha256(f"{self.domains[0]}|{openid}|{n}".encode()).hexdigest()[:32]
        self.sessions[token] = {"openid": openid, **extra}
        return token

    # serving ---------------------------------------------------------------------------------
    def serves(self, netloc: str) -> bool:
        return netloc.lower() in self.domains

    def find(self, method: str, path: str) -> tuple[Route | None, dict, bool]:
        """(route, params, path_known)"""
        known = False
        norm = path.rstrip("/") or "/"
        for route in self.routes:
            params = route.match(path)
            if params is None and norm != path:
                params = route.match(norm)
            if params is None:
                continue
            known = True
            if method in route.methods or (method == "HEAD" and "GET" in route.methods):
                return route, params, True
        return None, {}, known

    def handle(self, request: Request, run: Callable[[Callable, Request], tuple[bool, Any]]):
        """Answer one request: ``(status, headers, body_text, delay_ms, error)``.

        ``run(fn, request)`` runs the student's route function and returns ``(raised, value)``.
        """
        route, params, known = self.find(request.method, request.path)
        if route is None:
            status = 405 if known else 404
            body = {"error": STATUS_TEXT[status], "path": request.path}
            return status, {"Content-Type": "application/json"}, json.dumps(body), self.latency_ms, None
        request.params = params
        raised, value = run(route.fn, request)
        delay = self.latency_ms if route.delay_ms is None else int(route.delay_ms)
        if raised:
            body = {"error": "Internal Server Error"}
            return 500, {"Content-Type": "application/json"}, json.dumps(body), delay, "raised"
        try:
            status, headers, text = encode_response(value)
        except (TypeError, ValueError) as exc:
            body = {"error": "Internal Server Error"}
            return 500, {"Content-Type": "application/json"}, json.dumps(body), delay, str(exc)
        return status, headers, text, delay, None


def encode_response(value: Any) -> tuple[int, dict, str]:
    """What a route returned -> (status, headers, body text)."""
    status, headers, body = 200, {}, value
    if isinstance(value, Response):
        status, headers, body = value.status, dict(value.headers), value.body
    elif isinstance(value, tuple):
        if len(value) == 2 and isinstance(value[0], int):
            status, body = value
        elif len(value) == 3 and isinstance(value[0], int):
            status, body, headers = value
            headers = dict(headers or {})
        else:
            raise ValueError("a route returns a body, or (status, body), or (status, body, headers)")
    if not isinstance(status, int) or not 100 <= status <= 599:
        raise ValueError(f"status must be a number from 100 to 599, not {status!r}")
    hdrs = Headers(headers)
    if body is None:
        text = ""
    elif isinstance(body, str):
        text = body
        hdrs.setdefault("content-type", "text/plain; charset=utf-8")
    elif isinstance(body, bytes):
        text = body.decode("utf-8", "replace")
    else:
        text = json.dumps(body, ensure_ascii=False)
        hdrs.setdefault("content-type", "application/json; charset=utf-8")
    return status, dict(hdrs), text
