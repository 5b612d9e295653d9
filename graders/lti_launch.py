"""LTI 1.3 launches into the school's hub (inside the JupyterHub process).

jupyterhub-ltiauthenticator's handlers do the OpenID Connect third-party login: the platform
(Moodle, Canvas) calls ``/hub/lti13/oauth_login``, we send the browser to the platform's
authorisation URL with a state and a nonce kept in encrypted cookies, the platform posts the
signed id_token back to ``/hub/lti13/oauth_callback``. On top of the library, for a school:

- several platforms: the registration is chosen by the token's issuer and audience
  (``<school>/lti/platforms.json``, `minicourse lti add-platform`), and the deployment id must
  be one registered;
- a nonce is accepted once, remembered in the hub until the token expires (the library only
  compares it with the cookie, which a replay with stolen cookies passes);
- the platform's course (context) must be linked to a class (`minicourse lti link-class`) and
  the user found on that class's roster (or among its teachers) by the platform's user claim;
- every refusal is a page in the user's language (the launch's locale, the roster's language
  when we know who it is, else the browser's), the two other languages below.

The tool's public key is served at ``/hub/lti13/jwks`` and a Canvas JSON configuration at
``/hub/lti13/config``. The password login (graders/hub_auth.py) stays as it is.
"""
from __future__ import annotations

import json
import threading
import time

import jwt
from jupyterhub.handlers import BaseHandler
from jupyterhub.utils import url_path_join
from ltiauthenticator.lti13.error import InvalidAudienceError, ValidationError
from ltiauthenticator.lti13.handlers import LTI13CallbackHandler, LTI13LoginInitHandler
from ltiauthenticator.lti13.validator import LTI13LaunchValidator
from ltiauthenticator.utils import convert_request_to_dict, get_browser_protocol
from tornado import web
from tornado.httputil import url_concat

from mini_sdk.i18n import normalize_language

from .lti import DEPLOYMENT_CLAIM, CONTEXT_CLAIM, PRESENTATION_CLAIM, LTIStore, person_for, tool_urls
from .school import School

MAX_AGE = 600  # seconds an id_token is accepted after it was issued (the library's default)
CLOCK_LEEWAY = 60  # seconds the platform's clock and ours may differ (exp, iat)


class Nonces:
    """The nonces already accepted, each kept until its token expires."""

    def __init__(self):
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def use(self, nonce: str, expires: float) -> bool:
        """True the first time `nonce` is seen, False for a replay."""
        now = time.time()
        with self._lock:
            for old in [n for n, exp in self._seen.items() if exp < now]:
                del self._seen[old]
            if nonce in self._seen:
                return False
            self._seen[nonce] = max(expires + CLOCK_LEEWAY, now + MAX_AGE + CLOCK_LEEWAY)
            return True


NONCES = Nonces()


class LaunchRefused(Exception):
    """A launch we refuse: a message key of graders.messages, an HTTP status."""

    def __init__(self, key: str, status: int = 403, **params):
        super().__init__(key)
        self.key, self.status, self.params = key, status, params


def _language(handler, token: dict | None = None) -> str:
    from .hub_auth import browser_language

    locale = ((token or {}).get(PRESENTATION_CLAIM) or {}).get("locale") or ""
    return normalize_language(str(locale).replace("_", "-")) or browser_language(handler)


def _refuse(handler, refused: LaunchRefused, lang: str):
    from .hub_auth import refusal_text

    handler.log.warning("LTI launch refused: %s %s", refused.key,
                        {k: str(v)[:80] for k, v in refused.params.items()})
    error = web.HTTPError(refused.status, refused.key)
    error.jupyterhub_message = refusal_text(refused.key, lang, **refused.params)
    return error


class SchoolHandlerMixin:
    def school(self) -> School:
        return School.open(self.authenticator.school)

    def store(self) -> LTIStore:
        return LTIStore(self.school())


class LoginInitHandler(SchoolHandlerMixin, LTI13LoginInitHandler):
    """Step 1: the platform's third-party login initiation; we answer with the redirect to
    the platform's authorisation URL (state and nonce in cookies)."""

    def post(self):
        args = convert_request_to_dict(self.request.arguments)
        try:
            try:
                LTI13LaunchValidator(parent=self.app).validate_login_request(args)
            except ValidationError as e:
                raise LaunchRefused("lti_login_incomplete", 400, reason=str(e))
            platform = self.store().find_platform(args["iss"], args.get("client_id") or [])
            if platform is None or (args.get("client_id") and args["client_id"] != platform["client_id"]):
                raise LaunchRefused("lti_unknown_platform", 403, issuer=args["iss"],
                                    client_id=args.get("client_id") or "-")
            deployment = args.get("lti_deployment_id")
            if deployment and deployment not in platform["deployment_ids"]:
                raise LaunchRefused("lti_unknown_deployment", 403, deployment=deployment,
                                    name=platform["name"])
        except LaunchRefused as refused:
            raise _refuse(self, refused, _language(self))
        state = self.generate_state()
        nonce = self.generate_nonce()
        query = {"response_type": "id_token", "scope": "openid", "response_mode": "form_post",
                 "prompt": "none", "client_id": platform["client_id"],
                 "redirect_uri": self.get_redirect_uri(), "login_hint": args["login_hint"],
                 "nonce": nonce, "state": state}
        if args.get("lti_message_hint"):
            query["lti_message_hint"] = args["lti_message_hint"]
        self.redirect(url_concat(platform["auth_login_url"], query))

    get = post  # the OIDC flow allows both

    def get_redirect_uri(self) -> str:
        return "{}://{}{}".format(get_browser_protocol(self.request), self.request.host,
                                  url_path_join(self.hub.server.base_url, "lti13", "oauth_callback"))

    def _set_oauth_cookie(self, key: str, value):
        # the platform posts the launch back cross-site: over HTTPS the cookies must be
        # SameSite=None to come with it (over plain HTTP browsers refuse None)
        extra = {"samesite": "None", "secure": True} if get_browser_protocol(self.request) == "https" else {}
        self._set_cookie(key, value, expires_days=1, httponly=True, encrypted=True, **extra)


class CallbackHandler(SchoolHandlerMixin, LTI13CallbackHandler):
    """Step 2: the platform posts the id_token; verified, mapped to a roster student, logged in."""

    launched_user: str | None = None

    async def post(self):
        token = None
        try:
            token, platform = self.verified_launch()
            person, class_id = self.person_of(token, platform)
        except LaunchRefused as refused:
            lang = _language(self, token)
            raise _refuse(self, refused, lang)
        self.store().remember_launch(platform, token, person, class_id)
        self.launched_user = person
        user = await self.login_user({"lti": True})
        if user is None:
            raise _refuse(self, LaunchRefused("lti_unknown_student", 403, value=person, claim="-",
                                              class_id=class_id), _language(self, token))
        self.log.info("LTI launch: %s of class %s from %s", person, class_id, platform["issuer"])
        await self.redirect_to_next_url(user)

    def verified_launch(self) -> tuple[dict, dict]:
        """The launch's id_token, verified against the platform's JWKS, and the platform."""
        args = convert_request_to_dict(self.request.arguments)
        validator = LTI13LaunchValidator(parent=self.app, max_age=MAX_AGE, time_leeway=CLOCK_LEEWAY)
        try:
            validator.validate_auth_response(args)
        except ValidationError as e:
            raise LaunchRefused("lti_launch_incomplete", 400, reason=str(e))
        try:
            self.check_state()
        except web.HTTPError:
            raise LaunchRefused("lti_launch_stale", 400)
        try:
            unverified = jwt.decode(args["id_token"], options={"verify_signature": False})
        except jwt.PyJWTError as e:
            raise LaunchRefused("lti_bad_token", 401, name="?", reason=str(e))
        issuer = str(unverified.get("iss") or "")
        platform = self.store().find_platform(issuer, unverified.get("aud"))
        if platform is None:
            raise LaunchRefused("lti_unknown_platform", 403, issuer=issuer or "-",
                                client_id=json.dumps(unverified.get("aud")))
        try:
            token = validator.verify_and_decode_jwt(
                encoded_jwt=args["id_token"], issuer=platform["issuer"],
                audience=platform["client_id"], jwks_endpoint=platform["jwks_url"],
                jwks_algorithms=["RS256"])
            validator.validate_id_token(token)
            validator.validate_azp_claim(token, [platform["client_id"]])
        except InvalidAudienceError:
            raise LaunchRefused("lti_wrong_audience", 401, name=platform["name"],
                                audience=json.dumps(unverified.get("aud")), client_id=platform["client_id"])
        except ValidationError as e:
            raise LaunchRefused("lti_bad_token", 401, name=platform["name"], reason=str(e))
        deployment = str(token.get(DEPLOYMENT_CLAIM) or "")
        if deployment not in platform["deployment_ids"]:
            raise LaunchRefused("lti_unknown_deployment", 403, deployment=deployment or "-",
                                name=platform["name"])
        try:
            self.check_nonce(token)
        except web.HTTPError:
            raise LaunchRefused("lti_launch_stale", 400)
        if not NONCES.use(str(token["nonce"]), float(token["exp"])):
            raise LaunchRefused("lti_replayed", 400, name=platform["name"])
        return token, platform

    def person_of(self, token: dict, platform: dict) -> tuple[str, str]:
        context = token.get(CONTEXT_CLAIM) or {}
        school = self.school()
        class_id = self.store().class_of_context(platform["issuer"], str(context.get("id") or ""))
        if class_id is None or class_id not in school.class_ids():
            raise LaunchRefused("lti_context_not_linked", 403, name=platform["name"],
                                title=context.get("title") or context.get("label") or "-",
                                context_id=context.get("id") or "-")
        person, value = person_for(school, class_id, platform, token)
        if person is None:
            raise LaunchRefused("lti_unknown_student", 403, value=value or "-",
                                claim=platform.get("user_claim", "-"), class_id=class_id)
        return person, class_id


class JWKSHandler(SchoolHandlerMixin, BaseHandler):
    """The tool's public key, for the platform to check our AGS token requests."""

    def get(self):
        self.set_header("Content-Type", "application/json")
        self.write(json.dumps(self.store().public_jwks()))


class ConfigHandler(SchoolHandlerMixin, BaseHandler):
    """A Canvas "Paste JSON" developer key configuration (Moodle: the same URLs by hand)."""

    def get(self):
        base = f"{get_browser_protocol(self.request)}://{self.request.host}"
        urls = tool_urls(base + self.hub.server.base_url.rstrip("/").removesuffix("/hub"))
        self.set_header("Content-Type", "application/json")
        self.write(json.dumps({
            "title": f"minicourse {self.school().name}".strip(),
            "description": "minicourse: mini-program lessons, homework and grading",
            "oidc_initiation_url": urls["login"], "target_link_uri": urls["target"],
            "public_jwk_url": urls["jwks"],
            "scopes": ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                       "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
                       "https://purl.imsglobal.org/spec/lti-ags/scope/score"],
            "custom_fields": {"login_id": "$Canvas.user.loginId"},
            "extensions": [{"platform": "canvas.instructure.com", "privacy_level": "public",
                            "settings": {"placements": [{"placement": "course_navigation",
                                                         "message_type": "LtiResourceLinkRequest",
                                                         "target_link_uri": urls["target"]}]}}],
        }))


def handlers() -> list[tuple[str, type]]:
    return [("/lti13/oauth_login", LoginInitHandler), ("/lti13/oauth_callback", CallbackHandler),
            ("/lti13/jwks", JWKSHandler), ("/lti13/config", ConfigHandler)]
