"""`minicourse lti`: the school's LTI 1.3 platforms (Moodle, Canvas...), which platform
course is which class, and sending published scores back to the platform's gradebook.

    minicourse lti add-platform --issuer https://moodle.school.example --client-id abc \\
        --deployment-id 1 --auth-url .../mod/lti/auth.php --jwks-url .../mod/lti/certs.php \\
        --token-url .../mod/lti/token.php [--user-claim lis_person_sourcedid|login_id|email]
    minicourse lti link-class 8c CONTEXT_ID [--issuer ISS]
    minicourse lti show
    minicourse lti send-scores 8c hw1

Everything lives in ``<school>/lti/`` (0700, read by the hub and the teacher's commands)::

    tool-key.pem      the tool's RSA private key (0600), made by the first add-platform; its
                      public half is served at /hub/lti13/jwks for the platforms
    platforms.json    the registered platforms and the links course -> class
    launches.json     what launches taught us (0600): who is who on the platform (its `sub`),
                      each class's AGS line-items URL, the line item of each assignment
    sent.json         the scores last sent, per class/assignment/student (re-runs skip them)

The launch itself is graders/lti_launch.py (inside the hub); the passback graders/lti_scores.py.
Only stdlib at import time.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .common import say, t
from .errors import TeacherError
from .school import School, iso, read_json, utcnow, write_json

# How a launch's user is found on a roster (docs/school-hub.md, "LTI 1.3")
USER_CLAIMS = ("lis_person_sourcedid", "login_id", "email")
LIS_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/lis"
CUSTOM_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/custom"
CONTEXT_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/context"
DEPLOYMENT_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/deployment_id"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
ROLES_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/roles"
PRESENTATION_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation"
KEY_BITS = 2048


def add_parser(sub) -> None:
    p = sub.add_parser("lti", help=t("help_lti"), description=t("help_lti"))
    verbs = p.add_subparsers(dest="lti_verb", metavar="VERB", title=t("help_verbs"))
    verbs.required = True
    a = verbs.add_parser("add-platform", help=t("help_lti_add"), description=t("help_lti_add"))
    a.add_argument("--issuer", required=True, help=t("help_arg_lti_issuer"))
    a.add_argument("--client-id", required=True, help=t("help_arg_lti_client_id"))
    a.add_argument("--deployment-id", required=True, action="append", dest="deployment_ids",
                   help=t("help_arg_lti_deployment"))
    a.add_argument("--auth-url", required=True, help=t("help_arg_lti_auth_url"))
    a.add_argument("--jwks-url", required=True, help=t("help_arg_lti_jwks_url"))
    a.add_argument("--token-url", required=True, help=t("help_arg_lti_token_url"))
    a.add_argument("--token-audience", default="", help=t("help_arg_lti_token_audience"))
    a.add_argument("--user-claim", choices=USER_CLAIMS, default="lis_person_sourcedid",
                   help=t("help_arg_lti_user_claim"))
    a.add_argument("--name", default="", help=t("help_arg_lti_name"))
    a.add_argument("--url", default="http://127.0.0.1:8000", help=t("help_arg_hub_url"))
    a.set_defaults(func=run_add)
    link = verbs.add_parser("link-class", help=t("help_lti_link"), description=t("help_lti_link"))
    link.add_argument("class_id", metavar="CLASS", help=t("help_arg_class"))
    link.add_argument("context_id", metavar="CONTEXT_ID", help=t("help_arg_lti_context"))
    link.add_argument("--issuer", default=None, help=t("help_arg_lti_issuer_link"))
    link.set_defaults(func=run_link)
    show = verbs.add_parser("show", help=t("help_lti_show"), description=t("help_lti_show"))
    show.add_argument("--url", default="http://127.0.0.1:8000", help=t("help_arg_hub_url"))
    show.set_defaults(func=run_show)
    send = verbs.add_parser("send-scores", help=t("help_lti_send"), description=t("help_lti_send"))
    send.add_argument("class_id", metavar="CLASS", help=t("help_arg_class"))
    send.add_argument("assignment", help=t("help_arg_assignment"))
    send.add_argument("--resend", action="store_true", help=t("help_arg_lti_resend"))
    send.set_defaults(func=run_send)


# -- the store --------------------------------------------------------------------------------
class LTIStore:
    """``<school>/lti/``: platforms, the tool's key, what launches told us."""

    def __init__(self, school: School):
        self.school = school
        self.dir = school.root / "lti"
        self.key_path = self.dir / "tool-key.pem"
        self.platforms_path = self.dir / "platforms.json"
        self.launches_path = self.dir / "launches.json"
        self.sent_path = self.dir / "sent.json"

    def _folder(self) -> Path:
        self.dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.dir, 0o700)
        return self.dir

    @contextlib.contextmanager
    def locked(self, path: Path, default: dict, mode: int = 0o600):
        """The JSON at `path` to read and change, under an exclusive lock; written back when
        the block ends without error and something changed."""
        import fcntl

        with open(self._folder() / ".lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            data = read_json(path, None) or default
            before = repr(data)
            yield data
            if repr(data) != before:
                write_json(path, data)
                os.chmod(path, mode)

    # platforms and links
    def platforms(self) -> list[dict]:
        return (read_json(self.platforms_path, None) or {}).get("platforms", [])

    def links(self) -> list[dict]:
        return (read_json(self.platforms_path, None) or {}).get("links", [])

    def add_platform(self, platform: dict) -> bool:
        """Add or replace (same issuer and client id). True if it was new."""
        with self.locked(self.platforms_path, {"platforms": [], "links": []}, 0o644) as data:
            kept = [p for p in data["platforms"]
                    if (p["issuer"], p["client_id"]) != (platform["issuer"], platform["client_id"])]
            new = len(kept) == len(data["platforms"])
            data["platforms"] = kept + [platform]
        return new

    def find_platform(self, issuer: str, client_ids) -> dict | None:
        """The registration of `issuer` for one of `client_ids` (a str or a list: the token's
        aud); failing that the issuer's only registration (so that a wrong audience is told
        as such), else None."""
        if isinstance(client_ids, str):
            client_ids = [client_ids]
        of_issuer = [p for p in self.platforms() if p["issuer"] == issuer]
        for p in of_issuer:
            if p["client_id"] in (client_ids or []):
                return p
        return of_issuer[0] if len(of_issuer) == 1 else None

    def link_class(self, class_id: str, context_id: str, issuer: str) -> None:
        with self.locked(self.platforms_path, {"platforms": [], "links": []}, 0o644) as data:
            data["links"] = [l for l in data["links"]
                             if (l["issuer"], l["context_id"]) != (issuer, context_id)]
            data["links"].append({"issuer": issuer, "context_id": context_id, "class_id": class_id})

    def is_linked(self, class_id: str) -> bool:
        return any(link["class_id"] == class_id for link in self.links())

    def class_of_context(self, issuer: str, context_id: str) -> str | None:
        for link in self.links():
            if link["issuer"] == issuer and link["context_id"] == context_id:
                return link["class_id"]
        return None

    # the tool's key
    def private_key_pem(self, create: bool = False) -> str:
        if not self.key_path.exists():
            if not create:
                raise TeacherError("lti_no_key", path=str(self.key_path))
            from cryptography.hazmat.primitives import serialization
            from cryptography.hazmat.primitives.asymmetric import rsa

            key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
            pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
            self._folder()
            fd = os.open(self.key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(pem)
        return self.key_path.read_text(encoding="ascii")

    def public_jwks(self) -> dict:
        """{"keys": [the tool's public key as a JWK, with its kid]} (RFC 7517, RFC 7638 kid)."""
        from jwcrypto.jwk import JWK

        jwk = JWK.from_pem(self.private_key_pem().encode("ascii"))
        public = jwk.export_public(as_dict=True)
        public.update({"alg": "RS256", "use": "sig", "kid": jwk.thumbprint()})
        return {"keys": [public]}

    def kid(self) -> str:
        return self.public_jwks()["keys"][0]["kid"]

    # what launches told us
    def launches(self) -> dict:
        return read_json(self.launches_path, None) or {"people": {}, "classes": {}, "lineitems": {}}

    def remember_launch(self, platform: dict, token: dict, person: str, class_id: str) -> None:
        """Who `token['sub']` is, the class's AGS endpoint, and the line item of the launched
        assignment (custom parameter `assignment`), for the passback."""
        ags = token.get(AGS_CLAIM) or {}
        custom = token.get(CUSTOM_CLAIM) or {}
        now = iso(utcnow())
        with self.locked(self.launches_path, {"people": {}, "classes": {}, "lineitems": {}}) as data:
            data["people"][f"{platform['issuer']}|{token['sub']}"] = {"id": person, "seen": now}
            if ags.get("lineitems") or ags.get("lineitem"):
                data["classes"][class_id] = {
                    "issuer": platform["issuer"], "client_id": platform["client_id"],
                    "deployment_id": token.get(DEPLOYMENT_CLAIM),
                    "context_id": (token.get(CONTEXT_CLAIM) or {}).get("id"),
                    "lineitems": ags.get("lineitems"), "scope": list(ags.get("scope") or []),
                    "seen": now}
            assignment = custom.get("assignment")
            if assignment and ags.get("lineitem"):
                data["lineitems"][f"{class_id}/{assignment}"] = {
                    "issuer": platform["issuer"], "url": ags["lineitem"], "from": "launch"}

    def platform_user(self, issuer: str, person: str) -> str | None:
        """The platform's `sub` for roster id `person` (the newest launch), or None."""
        found, seen = None, ""
        for key, entry in self.launches()["people"].items():
            iss, sub = key.split("|", 1)
            if iss == issuer and entry["id"] == person and entry["seen"] >= seen:
                found, seen = sub, entry["seen"]
        return found


def person_for(school: School, class_id: str, platform: dict, token: dict) -> tuple[str | None, str]:
    """(roster id or teacher account of the class, the value looked at) for a launch's user,
    by the platform's configured claim."""
    from .signup import Accounts

    claim = platform.get("user_claim", "lis_person_sourcedid")
    if claim == "lis_person_sourcedid":
        value = str((token.get(LIS_CLAIM) or {}).get("person_sourcedid") or "")
    elif claim == "login_id":
        value = str((token.get(CUSTOM_CLAIM) or {}).get("login_id") or "")
    else:
        value = str(token.get("email") or "")
    value = value.strip()
    if not value:
        return None, value
    klass = school.get_class(class_id)
    roster = klass.roster()
    folded = value.casefold()
    if claim == "email":
        for sid, s in roster.items():
            if (s.get("email") or "").strip().casefold() == folded:
                return sid, value
        return None, value
    for sid in roster:
        if sid.casefold() == folded:
            return sid, value
    if is_instructor(token):  # a teacher account of the class only for the platform's teachers
        for name, classes in Accounts(school).teachers().items():
            if name.casefold() == folded and class_id in classes:
                return name, value
    return None, value


def is_instructor(token: dict) -> bool:
    """Whether the launch's roles (LIS vocabulary) make the user a teacher of the course."""
    roles = [str(r) for r in token.get(ROLES_CLAIM) or []]
    return any(r.endswith(("membership#Instructor", "membership#ContentDeveloper",
                           "institution/person#Administrator", "institution/person#Faculty"))
               or r in ("Instructor", "Administrator") for r in roles)


def tool_urls(base: str) -> dict:
    base = base.rstrip("/")
    return {"login": f"{base}/hub/lti13/oauth_login", "redirect": f"{base}/hub/lti13/oauth_callback",
            "jwks": f"{base}/hub/lti13/jwks", "target": f"{base}/hub/",
            "config": f"{base}/hub/lti13/config"}


# -- the commands -----------------------------------------------------------------------------
def run_add(args) -> int:
    from urllib.parse import urlparse

    school = School.open(args.school)
    for value in (args.issuer, args.auth_url, args.jwks_url, args.token_url):
        if urlparse(value).scheme not in ("https", "http") or not urlparse(value).netloc:
            raise TeacherError("lti_bad_url", value=value)
    store = LTIStore(school)
    store.private_key_pem(create=True)
    platform = {"issuer": args.issuer, "client_id": args.client_id,
                "deployment_ids": sorted(set(args.deployment_ids)), "auth_login_url": args.auth_url,
                "jwks_url": args.jwks_url, "token_url": args.token_url,
                "token_audience": args.token_audience, "user_claim": args.user_claim,
                "name": args.name or urlparse(args.issuer).netloc}
    new = store.add_platform(platform)
    say("lti_platform_added" if new else "lti_platform_replaced", name=platform["name"],
        issuer=args.issuer, client_id=args.client_id, claim=args.user_claim)
    urls = tool_urls(args.url)
    say("lti_tool_urls", **urls)
    return 0


def run_link(args) -> int:
    school = School.open(args.school)
    klass = school.get_class(args.class_id)
    store = LTIStore(school)
    platforms = store.platforms()
    issuers = sorted({p["issuer"] for p in platforms})
    if args.issuer:
        if args.issuer not in issuers:
            raise TeacherError("lti_issuer_unknown", issuer=args.issuer, known=", ".join(issuers) or "-")
        issuer = args.issuer
    elif len(issuers) == 1:
        issuer = issuers[0]
    else:
        raise TeacherError("lti_issuer_needed" if issuers else "lti_no_platforms",
                           known=", ".join(issuers))
    store.link_class(klass.id, args.context_id, issuer)
    say("lti_class_linked", class_id=klass.id, context_id=args.context_id, issuer=issuer)
    return 0


def run_show(args) -> int:
    school = School.open(args.school)
    store = LTIStore(school)
    platforms = store.platforms()
    if not platforms:
        say("lti_no_platforms_yet")
        return 0
    for p in platforms:
        say("lti_platform_line", name=p["name"], issuer=p["issuer"], client_id=p["client_id"],
            deployments=", ".join(p["deployment_ids"]), claim=p["user_claim"])
    for link in store.links():
        say("lti_link_line", class_id=link["class_id"], context_id=link["context_id"], issuer=link["issuer"])
    say("lti_tool_urls", **tool_urls(args.url))
    return 0


def run_send(args) -> int:
    from .lti_scores import send_scores

    school = School.open(args.school)
    klass = school.get_class(args.class_id)
    report = send_scores(klass, args.assignment, resend=args.resend)
    for line in report.lines():
        print(line)
    return 1 if report.failed else 0
