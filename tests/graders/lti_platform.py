"""A small LTI 1.3 platform (an LMS stand-in) for the tests: a real HTTP server on loopback.

    /jwks                 its public keys
    /auth                 OIDC authorisation endpoint: answers the tool's authentication
                          request with an auto-posting form carrying an id_token signed by its
                          key (the user, course and claims are what the test prepared for the
                          login_hint), to the registered redirect URI only
    /token                OAuth 2 client_credentials with a JWT client assertion, checked
                          against the tool's public keyset (fetched from its URL, or given)
    /ags/<ctx>/lineitems  AGS line-items container (GET list, POST create)
    /ags/<ctx>/lineitems/<n>/scores   AGS scores (POST), recorded

Everything received is recorded (``tokens_issued``, ``scores``, ``lineitems``) for the tests
to assert on. ``fail_users`` makes the scores endpoint answer 500 for those platform users.
"""
from __future__ import annotations

import html
import json
import re
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
SCOPES = ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
          "https://purl.imsglobal.org/spec/lti-ags/scope/score"]


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class Platform:
    def __init__(self, client_id: str = "minicourse-client", deployment_id: str = "dep-1"):
        self.key = new_key()
        self.kid = "platform-key-1"
        self.client_id = client_id
        self.deployment_id = deployment_id
        self.redirect_uris: set[str] = set()
        self.tool_jwks_url: str | None = None
        self.tool_jwks: dict | None = None
        self.prepared: dict[str, dict] = {}
        self.tokens_issued: list[dict] = []
        self.token_refusals: list[str] = []
        self.lineitems: dict[str, list[dict]] = {}
        self.scores: list[dict] = []
        self.fail_users: set[str] = set()
        self.seen_jti: set[str] = set()
        self.access_tokens: dict[str, list[str]] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.issuer = self.url
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    # -- what the school types into `minicourse lti add-platform` --------------------------
    def registration_args(self) -> list[str]:
        return ["--issuer", self.issuer, "--client-id", self.client_id,
                "--deployment-id", self.deployment_id, "--auth-url", self.url + "/auth",
                "--jwks-url", self.url + "/jwks", "--token-url", self.url + "/token",
                "--name", "Test LMS"]

    def ags_endpoint(self, context: str) -> dict:
        return {"scope": SCOPES, "lineitems": f"{self.url}/ags/{context}/lineitems"}

    # -- launches ------------------------------------------------------------------------
    def claims(self, sub: str, context: str = "course-8c", sourcedid: str | None = None,
               email: str | None = None, locale: str = "en", assignment: str | None = None,
               lineitem: str | None = None, **extra) -> dict:
        """The id_token claims of a resource link launch by user `sub` in course `context`."""
        custom = {"assignment": assignment} if assignment else {}
        ags = self.ags_endpoint(context)
        if lineitem:
            ags["lineitem"] = lineitem
        claims = {
            "sub": sub, "given_name": sub, "email": email,
            LTI + "message_type": "LtiResourceLinkRequest", LTI + "version": "1.3.0",
            LTI + "deployment_id": self.deployment_id,
            LTI + "target_link_uri": "", LTI + "resource_link": {"id": f"link-{assignment or 'home'}"},
            LTI + "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
            LTI + "context": {"id": context, "label": context.upper(), "title": f"Course {context}"},
            LTI + "launch_presentation": {"locale": locale},
            LTI + "lis": {"person_sourcedid": sourcedid} if sourcedid else {},
            LTI + "custom": custom, AGS: ags,
        }
        claims.update(extra)
        return claims

    def prepare(self, claims: dict, *, sign_with=None, kid: str | None = None, aud=None,
                nonce: str | None = None) -> str:
        """A login_hint whose authorisation answer carries `claims` (tampered as asked)."""
        hint = uuid.uuid4().hex
        self.prepared[hint] = {"claims": claims, "key": sign_with, "kid": kid, "aud": aud, "nonce": nonce}
        return hint

    def id_token(self, hint: str, nonce: str) -> str:
        prep = self.prepared[hint]
        now = int(time.time())
        payload = dict(prep["claims"], iss=self.issuer, aud=prep["aud"] or self.client_id,
                       iat=now, exp=now + 300, nonce=prep["nonce"] or nonce)
        payload = {k: v for k, v in payload.items() if v is not None}
        return jwt.encode(payload, prep["key"] or self.key, algorithm="RS256",
                          headers={"kid": prep["kid"] or self.kid})

    def jwks(self) -> dict:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": self.kid, "alg": "RS256", "use": "sig"})
        return {"keys": [jwk]}

    # -- services ------------------------------------------------------------------------
    def _tool_keys(self) -> dict:
        if self.tool_jwks is not None:
            return self.tool_jwks
        return requests.get(self.tool_jwks_url, timeout=10).json()

    def check_assertion(self, form: dict) -> str | None:
        """None if the client credentials request is right, else why not."""
        if form.get("grant_type") != "client_credentials":
            return "grant_type"
        if form.get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer":
            return "client_assertion_type"
        assertion = form.get("client_assertion", "")
        kid = jwt.get_unverified_header(assertion).get("kid")
        keys = {k["kid"]: k for k in self._tool_keys()["keys"]}
        if kid not in keys:
            return f"unknown kid {kid}"
        public = RSAAlgorithm.from_jwk(json.dumps(keys[kid]))
        try:
            claims = jwt.decode(assertion, public, algorithms=["RS256"], audience=self.url + "/token")
        except jwt.PyJWTError as e:
            return f"assertion: {e}"
        if claims.get("iss") != self.client_id or claims.get("sub") != self.client_id:
            return "iss/sub is not the client id"
        if claims.get("jti") in self.seen_jti:
            return "jti replayed"
        self.seen_jti.add(claims.get("jti"))
        return None

    def _handler(self):
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, body, content_type="application/json", headers=None):
                data = body if isinstance(body, bytes) else (
                    body.encode() if isinstance(body, str) else json.dumps(body).encode())
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def _bearer_ok(self, scope: str) -> bool:
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                return scope in platform.access_tokens.get(token, [])

            def do_GET(self):
                url = urllib.parse.urlparse(self.path)
                query = dict(urllib.parse.parse_qsl(url.query))
                if url.path == "/jwks":
                    return self._send(200, platform.jwks())
                if url.path == "/auth":
                    return self.authorise(query)
                m = re.fullmatch(r"/ags/([^/]+)/lineitems", url.path)
                if m:
                    if not self._bearer_ok(SCOPES[0]):
                        return self._send(401, {"error": "no lineitem scope"})
                    return self._send(200, platform.lineitems.get(m.group(1), []),
                                      "application/vnd.ims.lis.v2.lineitemcontainer+json")
                self._send(404, {"error": url.path})

            def authorise(self, q: dict):
                if q.get("client_id") != platform.client_id or q.get("redirect_uri") not in platform.redirect_uris:
                    return self._send(400, {"error": "unknown client or redirect_uri"})
                if q.get("response_type") != "id_token" or q.get("response_mode") != "form_post" \
                        or q.get("scope") != "openid" or not q.get("nonce") or not q.get("state"):
                    return self._send(400, {"error": "bad authentication request"})
                if q.get("login_hint") not in platform.prepared:
                    return self._send(400, {"error": "unknown login_hint"})
                token = platform.id_token(q["login_hint"], q["nonce"])
                form = (f'<form method="post" action="{html.escape(q["redirect_uri"])}">'
                        f'<input type="hidden" name="id_token" value="{token}">'
                        f'<input type="hidden" name="state" value="{html.escape(q["state"])}">'
                        '</form><script>document.forms[0].submit()</script>')
                self._send(200, form, "text/html")

            def do_POST(self):
                url = urllib.parse.urlparse(self.path)
                body = self._body()
                if url.path == "/token":
                    form = dict(urllib.parse.parse_qsl(body.decode()))
                    why = platform.check_assertion(form)
                    if why:
                        platform.token_refusals.append(why)
                        return self._send(401, {"error": "invalid_client", "error_description": why})
                    scopes = [s for s in form.get("scope", "").split() if s in SCOPES]
                    token = uuid.uuid4().hex
                    platform.access_tokens[token] = scopes
                    platform.tokens_issued.append({"scopes": scopes})
                    return self._send(200, {"access_token": token, "token_type": "Bearer",
                                            "expires_in": 3600, "scope": " ".join(scopes)})
                m = re.fullmatch(r"/ags/([^/]+)/lineitems", url.path)
                if m:
                    if not self._bearer_ok(SCOPES[0]):
                        return self._send(401, {"error": "no lineitem scope"})
                    items = platform.lineitems.setdefault(m.group(1), [])
                    item = json.loads(body)
                    item["id"] = f"{platform.url}/ags/{m.group(1)}/lineitems/{len(items) + 1}"
                    items.append(item)
                    return self._send(201, item, "application/vnd.ims.lis.v2.lineitem+json")
                m = re.fullmatch(r"/ags/([^/]+)/lineitems/(\d+)/scores", url.path)
                if m:
                    if not self._bearer_ok(SCOPES[1]):
                        return self._send(401, {"error": "no score scope"})
                    if self.headers.get("Content-Type") != "application/vnd.ims.lis.v1.score+json":
                        return self._send(415, {"error": "content type"})
                    score = json.loads(body)
                    if score.get("userId") in platform.fail_users:
                        return self._send(500, {"error": "gradebook is read-only for this user"})
                    score["lineitem"] = f"{platform.url}/ags/{m.group(1)}/lineitems/{m.group(2)}"
                    platform.scores.append(score)
                    return self._send(204, b"")
                self._send(404, {"error": url.path})

        return Handler


def launch(session: requests.Session, hub: str, platform: Platform, hint: str,
           replay: list | None = None) -> requests.Response:
    """A browser's part of a launch: the platform's login initiation to the hub, the hub's
    redirect to the platform's /auth, the auto-posted form back to the hub. `replay`, if
    given, receives (cookies before the post, form action, form fields) to post again."""
    r = _launch(session, hub, platform, hint, replay)
    r.encoding = "utf-8"  # the hub's pages say so in their <meta charset>, as browsers read it
    return r


def _launch(session, hub, platform, hint, replay):
    r = session.post(hub + "/hub/lti13/oauth_login", allow_redirects=False, timeout=30,
                     data={"iss": platform.issuer, "login_hint": hint, "client_id": platform.client_id,
                           "lti_deployment_id": platform.deployment_id,
                           "target_link_uri": hub + "/hub/"})
    if r.status_code != 302:
        return r
    r = session.get(r.headers["Location"], timeout=30)
    if r.status_code != 200:
        return r
    action = re.search(r'action="([^"]+)"', r.text).group(1)
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', r.text))
    fields = {k: html.unescape(v) for k, v in fields.items()}
    if replay is not None:
        replay.extend([session.cookies.copy(), html.unescape(action), dict(fields)])
    return session.post(html.unescape(action), data=fields, allow_redirects=False, timeout=60)
