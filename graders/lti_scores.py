"""Published scores to the school's LTI platform (LTI Advantage Assignment and Grade Services).

`minicourse lti send-scores CLASS ASSIGNMENT` (and `publish` for a class linked to a platform)
posts one AGS score per student to the assignment's line item, with pylti1p3: an OAuth 2
client_credentials token obtained with a JWT assertion signed by the tool's key
(<school>/lti/tool-key.pem, public half at /hub/lti13/jwks), then
``POST <lineitem>/scores`` (application/vnd.ims.lis.v1.score+json).

- The line item: the one a launch of the assignment carried (the platform's activity has the
  custom parameter ``assignment=<id>``), else the one of the class's line-items container
  tagged with the assignment id, created when there is none. Remembered in launches.json.
- What is sent per student (the published table, graders/publish.class_table):
  graded -> scoreGiven/scoreMaximum, Completed/FullyGraded; manual grading pending ->
  the automatic part, Submitted/PendingManual; handed in, not graded yet -> Submitted/Pending;
  failed to grade -> Submitted/Failed; not handed in -> nothing.
- A student the platform has never launched (we do not know their platform id) is reported,
  not sent. Each student is sent on their own: one failure is reported and the others go on.
- Re-running sends again only what changed since the last successful send (sent.json);
  --resend sends everything (the platform keeps the newest score, so it is harmless).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .common import t
from .errors import TeacherError
from .lti import LTIStore
from .records import FAILED, GRADED, MISSING, NEEDS_MANUAL, WAITING

SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
LINEITEM_READ_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly"
TIMEOUT = 30.0

PROGRESS = {  # status -> (activityProgress, gradingProgress), IMS AGS 2.0 §3.4
    GRADED: ("Completed", "FullyGraded"),
    NEEDS_MANUAL: ("Submitted", "PendingManual"),
    WAITING: ("Submitted", "Pending"),
    FAILED: ("Submitted", "Failed"),
}


@dataclass
class SendReport:
    class_id: str
    assignment: str
    lineitem: str = ""
    sent: list = field(default_factory=list)       # (student, what)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)    # (student, message key)
    failed: list = field(default_factory=list)     # (student, reason)

    def lines(self) -> list[str]:
        out = [t("lti_sending", class_id=self.class_id, assignment=self.assignment, lineitem=self.lineitem)]
        for sid, what in self.sent:
            out.append("  " + t("lti_sent_one", student=sid, what=what))
        for sid, key in self.skipped:
            out.append("  " + t("lti_skipped_one", student=sid, reason=t(key)))
        for sid, reason in self.failed:
            out.append("  " + t("lti_failed_one", student=sid, reason=reason))
        out.append(t("lti_send_summary", sent=len(self.sent), unchanged=len(self.unchanged),
                     skipped=len(self.skipped), failed=len(self.failed)))
        return out


def _session():
    import requests

    class Session(requests.Session):  # pylti1p3 sets no time limit: a hung platform must not hang us
        def request(self, *args, **kwargs):
            kwargs.setdefault("timeout", TIMEOUT)
            return super().request(*args, **kwargs)

    session = Session()
    session.headers["User-Agent"] = "minicourse-lti"
    return session


def _reason(exc) -> str:
    response = getattr(exc, "response", None)
    if response is not None:
        return f"HTTP {response.status_code} {response.text[:200].strip()}"
    return f"{type(exc).__name__}: {exc}"[:300]


def timestamp() -> str:
    """Now, ISO 8601 in UTC with milliseconds (AGS asks for sub-second precision)."""
    import datetime as dt

    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def score_for(row: dict) -> dict | None:
    """The AGS score fields of a published row, or None (nothing to send)."""
    if row["status"] == MISSING or row["status"] not in PROGRESS:
        return None
    activity, grading = PROGRESS[row["status"]]
    score = {"activityProgress": activity, "gradingProgress": grading}
    if row["status"] in (GRADED, NEEDS_MANUAL) and row["total"] is not None:
        score["scoreGiven"] = float(row["total"])
        score["scoreMaximum"] = float(row["max"])
    return score


def send_scores(klass, assignment: str, resend: bool = False) -> SendReport:
    from pylti1p3.assignments_grades import AssignmentsGradesService
    from pylti1p3.exception import LtiException, LtiServiceException
    from pylti1p3.grade import Grade
    from pylti1p3.lineitem import LineItem
    from pylti1p3.registration import Registration
    from pylti1p3.service_connector import ServiceConnector
    import requests

    from .publish import class_table

    store = LTIStore(klass.school)
    launches = store.launches()
    endpoint = launches["classes"].get(klass.id)
    remembered = launches["lineitems"].get(f"{klass.id}/{assignment}")
    if endpoint is None and remembered is None:
        raise TeacherError("lti_class_never_launched", class_id=klass.id)
    issuer = (remembered or endpoint)["issuer"]
    platform = next((p for p in store.platforms() if p["issuer"] == issuer
                     and p["client_id"] == (endpoint or {}).get("client_id", p["client_id"])), None)
    if platform is None:
        raise TeacherError("lti_issuer_unknown", issuer=issuer,
                           known=", ".join(p["issuer"] for p in store.platforms()) or "-")
    questions, rows = class_table(klass, assignment)
    max_total = sum(q["max_score"] for q in questions)

    registration = (Registration().set_issuer(platform["issuer"]).set_client_id(platform["client_id"])
                    .set_auth_token_url(platform["token_url"])
                    .set_tool_private_key(store.private_key_pem()))
    if platform.get("token_audience"):
        registration.set_auth_audience(platform["token_audience"])
    kid = store.kid()
    connector = ServiceConnector(registration, requests_session=_session())
    connector_encode = connector.encode_jwt
    connector.encode_jwt = lambda message, key, headers: connector_encode(message, key, {"kid": kid})
    scopes = list((endpoint or {}).get("scope") or [SCORE_SCOPE, LINEITEM_SCOPE])
    if SCORE_SCOPE not in scopes:
        raise TeacherError("lti_no_score_scope", class_id=klass.id, name=platform["name"])
    service = AssignmentsGradesService(connector, {
        "scope": scopes, "lineitems": (endpoint or {}).get("lineitems"),
        "lineitem": (remembered or {}).get("url")})

    report = SendReport(klass.id, assignment)
    try:
        connector.get_access_token(scopes)  # a refused token is one problem, not one per student
        if remembered:
            report.lineitem = remembered["url"]
        else:
            if not endpoint.get("lineitems"):
                raise TeacherError("lti_no_lineitems", class_id=klass.id, name=platform["name"])
            wanted = (LineItem().set_tag(assignment).set_resource_id(assignment)
                      .set_label(assignment).set_score_maximum(max_total))
            item = service.find_or_create_lineitem(wanted, find_by="tag")
            report.lineitem = item.get_id()
            with store.locked(store.launches_path, launches) as data:
                data["lineitems"][f"{klass.id}/{assignment}"] = {
                    "issuer": platform["issuer"], "url": report.lineitem, "from": "tag"}
    except (LtiException, LtiServiceException, requests.RequestException) as exc:
        raise TeacherError("lti_platform_failed", name=platform["name"], reason=_reason(exc))

    with store.locked(store.sent_path, {}) as sent_all:
        sent = sent_all.setdefault(f"{klass.id}/{assignment}", {})
        for row in rows:
            score = score_for(row)
            if score is None:
                continue
            user = store.platform_user(platform["issuer"], row["id"])
            if user is None:
                report.skipped.append((row["id"], "lti_never_launched"))
                continue
            key = dict(score, userId=user)
            if not resend and sent.get(row["id"]) == key:
                report.unchanged.append(row["id"])
                continue
            grade = (Grade().set_user_id(user).set_activity_progress(score["activityProgress"])
                     .set_grading_progress(score["gradingProgress"])
                     .set_timestamp(timestamp()))
            if "scoreGiven" in score:
                grade.set_score_given(score["scoreGiven"]).set_score_maximum(score["scoreMaximum"])
            try:
                service.put_grade(grade, LineItem({"id": report.lineitem}))
            except (LtiException, LtiServiceException, requests.RequestException) as exc:
                report.failed.append((row["id"], _reason(exc)))
                continue
            sent[row["id"]] = key
            what = (f"{score.get('scoreGiven', '-'):g}/{score['scoreMaximum']:g}" if "scoreGiven" in score
                    else "-") + f" {score['gradingProgress']}"
            report.sent.append((row["id"], what))
    return report
