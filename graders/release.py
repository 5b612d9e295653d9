"""`minicourse release`: generate the student version of an assignment and release it to a
class through the nbgrader exchange, with a due date.

The repo's `assignments/<assignment>/` holds one nbgrader *source* notebook per language,
`<notebook>.<lang>.ipynb` (lang in zh-Hans, zh-Hant, en), plus support files. The class's
language picks the variant, which is copied to the course's `source/<assignment>/<notebook>.ipynb`;
then nbgrader's own GenerateAssignment (solutions and hidden tests removed, cells recorded
in the gradebook) and ExchangeReleaseAssignment run in this process. Several classes may
release the same assignment name: the exchange path includes the course
(Exchange.path_includes_course = True) and each class has its own gradebook.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from .common import nbgrader_log, say, t, warn
from .errors import TeacherError
from .school import ASSIGNMENT_ID, LANGUAGES, School, iso, parse_when, utcnow

#: nbgrader's own ClearSolutions.code_stub, kernel language -> stub, with {comment} where it
#: says YOUR CODE HERE (so English keeps nbgrader's stub exactly)
CODE_STUB_FORMS = {
    "python": "# {comment}\nraise NotImplementedError()",
    "R": "# {comment}\nfail()",
    "matlab": "% {comment}\nerror('No Answer Given!')",
    "octave": "% {comment}\nerror('No Answer Given!')",
    "sas": "/* {comment} */\n %notImplemented;",
    "java": "// {comment}",
}


def stub_values(lang: str) -> dict:
    """nbgrader's ClearSolutions settings for a student version in `lang`: the stubs that take
    the place of the solutions say where to write in the student's language ("# 在这里写你的代码"
    above ``raise NotImplementedError()``, the line students replace; "在这里写你的答案" in a
    written answer). Only generate_assignment writes stubs; autograde knows an untouched
    answer by the checksum the release stored, so grading agrees with whatever was released."""
    from .messages import catalogue

    comment = catalogue.text("stub_code_comment", lang)
    return {"code_stub": {kernel: form.replace("{comment}", comment)
                          for kernel, form in CODE_STUB_FORMS.items()},
            "text_stub": catalogue.text("stub_answer", lang)}


def our_stub_lines() -> set[str]:
    """The ClearSolutions lines minicourse writes into a class's nbgrader_config.py (any language)."""
    return {f"c.ClearSolutions.{key} = {value!r}" for lang in LANGUAGES for key, value in stub_values(lang).items()}


def teacher_stub_keys(klass) -> set[str]:
    """The ClearSolutions settings the teacher wrote into the class's nbgrader_config.py
    themselves (a line that is not one of ours): minicourse leaves those to them."""
    try:
        text = (klass.root / "nbgrader_config.py").read_text(encoding="utf-8")
    except OSError:
        return set()
    ours = our_stub_lines()
    keys = set()
    for line in text.splitlines():
        bare = line.strip()
        setting = re.match(r"c\.ClearSolutions\.(\w+)\s*=", bare)
        if setting and bare not in ours:
            keys.add(setting.group(1))
    return keys


VARIANT = re.compile(r"^(?P<notebook>.+)\.(?P<lang>zh-Hans|zh-Hant|en)\.ipynb$")
SKIP = {"__pycache__", ".ipynb_checkpoints", ".git", ".DS_Store"}


def add_parser(sub) -> None:
    p = sub.add_parser("release", help=t("help_release"), description=t("help_release"))
    p.add_argument("class_id", metavar="CLASS", help=t("help_arg_classes"))
    p.add_argument("assignment", help=t("help_arg_assignment"))
    p.add_argument("--due", required=True, help=t("help_arg_due"))
    p.add_argument("--source", help=t("help_arg_source"))
    p.set_defaults(func=run)


def assignments_root(explicit: str | None = None) -> Path:
    """Where source assignments live: --source, $MINICOURSE_ASSIGNMENTS, ./assignments, or
    the repo's assignments/ beside this package."""
    for candidate in (explicit, os.environ.get("MINICOURSE_ASSIGNMENTS")):
        if candidate:
            return Path(candidate).resolve()
    here = Path.cwd() / "assignments"
    if here.is_dir():
        return here.resolve()
    return (Path(__file__).resolve().parent.parent / "assignments")


def source_variants(folder: Path) -> dict[str, dict[str, Path]]:
    """notebook name -> {lang: path}."""
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(folder.iterdir()):
        m = VARIANT.match(path.name)
        if m and path.is_file():
            found.setdefault(m["notebook"], {})[m["lang"]] = path
    return found


def support_files(folder: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d not in SKIP]
        for name in filenames:
            if name in SKIP or VARIANT.match(name) or name.endswith(".ipynb"):
                continue
            out.append(Path(dirpath) / name)
    return out


def stage_source(klass, assignment: str, folder: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Copy the class-language variant of every notebook (and the support files) into the
    course's source/<assignment>/. Returns (notebook names, [(notebook, language used)] for
    notebooks that had no variant in the class language)."""
    variants = source_variants(folder)
    if not variants:
        raise TeacherError("assignment_no_notebooks", path=str(folder))
    dest = klass.nbgrader_dir("source", None, assignment)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    substitutes = []
    for notebook, by_lang in variants.items():
        lang = klass.language
        if lang not in by_lang:
            # the class language is missing: English, then whatever exists
            lang = "en" if "en" in by_lang else next(l for l in LANGUAGES if l in by_lang)
            substitutes.append((notebook, lang))
        shutil.copyfile(by_lang[lang], dest / f"{notebook}.ipynb")
    for path in support_files(folder):
        target = dest / path.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return sorted(variants), substitutes


def release(klass, assignment: str, due, source_root: Path | None = None) -> dict:
    """Generate and release `assignment` to `klass`; `due` is an aware datetime."""
    from .records import Records

    if not ASSIGNMENT_ID.match(assignment or ""):
        raise TeacherError("assignment_id_invalid", assignment=assignment)
    root = source_root or assignments_root()
    folder = root / assignment
    if not folder.is_dir():
        known = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
        raise TeacherError("assignment_missing", assignment=assignment, path=str(root),
                           known=", ".join(known) or "-")
    notebooks, substitutes = stage_source(klass, assignment, folder)

    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeReleaseAssignment
    from nbgrader.auth import Authenticator
    from nbgrader.exchange.abc import ExchangeError
    from .gradebook import naive_utc, open_gradebook

    klass.write_nbgrader_config_file()   # minicourse's block as it is now (a stub the teacher set stays theirs)
    config = klass.nbgrader_config()
    used = {lang for _, lang in substitutes}
    if len(used) == 1 and len(substitutes) == len(notebooks):
        # every notebook fell back to one other language: its stubs speak that language too
        theirs = teacher_stub_keys(klass)
        for key, value in stub_values(used.pop()).items():
            if key not in theirs:   # a stub the teacher set stays theirs
                setattr(config.ClearSolutions, key, value)
    coursedir = CourseDirectory(config=config)
    api = NbGraderAPI(coursedir=coursedir, config=config)
    result = api.generate_assignment(assignment, force=True, create=True)
    if not result.get("success"):
        raise TeacherError("generate_failed", assignment=assignment,
                           reason=_last_error(result.get("log", "") + result.get("error", "")))
    with open_gradebook(klass) as gb:
        gb.update_or_create_assignment(assignment, duedate=naive_utc(due))
    with _temp_cwd(klass.root):
        coursedir.assignment_id = assignment
        app = ExchangeReleaseAssignment(coursedir=coursedir, authenticator=Authenticator(config=config),
                                        config=config)
        app.force = True
        try:
            app.start()
        except ExchangeError as exc:
            raise TeacherError("exchange_failed", reason=str(exc)[:300]) from None

    records = Records.load(klass, assignment)
    records.data["release"] = {"due": iso(due), "released_at": iso(utcnow()),
                               "language": klass.language, "notebooks": notebooks,
                               "source": str(folder)}
    records.save()
    return {"notebooks": notebooks, "substitutes": substitutes,
            "outbound": str(Path(app.dest_path))}


class _temp_cwd:
    def __init__(self, path):
        self.path = path

    def __enter__(self):
        self.old = os.getcwd()
        os.chdir(self.path)

    def __exit__(self, *exc):
        os.chdir(self.old)


def _last_error(log: str) -> str:
    lines = [l for l in log.strip().splitlines() if l.strip()]
    errors = [l for l in lines if "ERROR" in l or "Error" in l]
    return (errors or lines or ["?"])[-1][:300]


def run(args) -> int:
    from .common import class_lock

    school = School.open(args.school)
    due = parse_when(args.due, school.tz)
    source_root = Path(args.source).resolve() if args.source else None
    for klass in school.classes(args.class_id):
        with class_lock(klass), nbgrader_log(school, "release"):
            out = release(klass, args.assignment, due, source_root)
        for notebook, used in out["substitutes"]:
            warn("release_language_substitute", notebook=notebook, wanted=klass.language, used=used)
        say("released", assignment=args.assignment, class_id=klass.id, name=klass.name,
            due=due.astimezone(school.tz).strftime("%Y-%m-%d %H:%M %Z"),
            notebooks=", ".join(out["notebooks"]))
    return 0
