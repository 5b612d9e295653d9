"""The hub's login: a student on a class roster signs in with their roster id and the
one-time sign-up code from the teacher's sheet, choosing their own password at the same time;
afterwards with that password. Teachers the same way (`minicourse signup-codes CLASS
--teacher NAME`). Runs inside the JupyterHub process (``c.JupyterHub.authenticator_class``).

LTI 1.3 launches (a school's Moodle or Canvas) come in through graders/lti_launch.py's
handlers, added here; their user is the roster student the verified launch names.

A refusal names its cause in the student's language (from the roster; the browser's language
for a name nobody knows) and in the other two below it, on the login page itself.
"""
from __future__ import annotations

from jupyterhub.auth import Authenticator
from tornado import web
from traitlets import Unicode

from mini_sdk.i18n import LANGUAGES, normalize_language

from .messages import catalogue
from .school import School
from .signup import SignUpRefused, canonical_name, sign_in, student_classes


def browser_language(handler) -> str:
    header = handler.request.headers.get("Accept-Language", "") if handler else ""
    for part in header.split(","):
        lang = normalize_language(part.split(";")[0].strip())
        if lang:
            return lang
    return "en"


def refusal_text(key: str, lang: str, **params) -> str:
    """The reason in `lang` first, then in the two other languages."""
    order = [lang] + [l for l in LANGUAGES if l != lang]
    return "  /  ".join(catalogue.text(key, l, **params) for l in order)


class RosterAuthenticator(Authenticator):
    """Roster id + sign-up code once, then the student's own password."""

    school = Unicode(config=True, help="the minicourse school folder")

    def _school(self) -> School:
        return School.open(self.school)

    def normalize_username(self, username):
        # roster ids keep their case (nbgrader names submissions by them); typing is forgiven
        return canonical_name(self._school(), username) or username.strip()

    def person_language(self, name: str, handler=None) -> str:
        school = self._school()
        for class_id in student_classes(school).get(name, []):
            return school.get_class(class_id).student_language(name)
        return browser_language(handler)

    def get_handlers(self, app):
        # the password form, and LTI 1.3 launches from the school's platforms (lti_launch.py)
        from .lti_launch import handlers

        return super().get_handlers(app) + handlers()

    async def authenticate(self, handler, data):
        from .lti_launch import CallbackHandler

        if isinstance(handler, CallbackHandler):  # a verified LTI launch, never form data
            return handler.launched_user
        name = (data.get("username") or "").strip()
        secret = data.get("password") or ""
        new_password = data.get("new_password") or ""
        try:
            account = sign_in(self._school(), name, secret, new_password)
        except SignUpRefused as refused:
            known = canonical_name(self._school(), name)
            lang = self.person_language(known, handler) if known else browser_language(handler)
            self.log.info("login refused for %r: %s", name[:40], refused.key)
            error = web.HTTPError(403)
            # JupyterHub shows this on its login page (a POST from the form renders the form)
            error.jupyterhub_message = refusal_text(refused.key, lang, **refused.params)
            raise error
        return account
