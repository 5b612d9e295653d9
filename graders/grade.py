"""`minicourse grade`: autograde every collected submission of a class, with nbgrader's
semantics, in parallel sandboxed worker processes, with a progress bar.

The pipeline per submission is nbgrader's own Autograde pipeline, cut in three:

1. parent, sanitize (nbgrader's ClearOutput, DeduplicateIds, OverwriteKernelspec,
   OverwriteCells with add_missing_cells, CheckCellMetadata): locked and test cells are
   restored from the gradebook (hidden tests included), deleted grade cells come back;
2. worker, execute (nbgrader's Execute preprocessor) in a sandbox (see sandbox.py);
3. parent, save (IgnorePattern, ClearMetadata, LimitOutput, SaveAutoGrades,
   AssignLatePenalties, CheckCellMetadata) into the gradebook, the notebook into
   autograded/<student>/<assignment>/ where formgrader finds it.

Every submission ends in one status: graded, needs manual grading, or failed to grade with a
reason a teacher understands (invalid notebook, infinite loop stopped after N s, program
crashed). Students without a submission are "missing" (see publish). A failed submission
never touches the gradebook, so a previous score is never lost; a re-run grades only
submissions that are new since the last run (--retry-failed, --regrade to do more).
"""
from __future__ import annotations

import os
import shutil
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from . import late, manual_grades
from .common import fmt_seconds, nbgrader_log, replace_folder, say, t, warn
from .errors import TeacherError
from .records import FAILED, GRADED, NEEDS_MANUAL, Records
from .school import School, parse_iso


def add_parser(sub) -> None:
    p = sub.add_parser("grade", help=t("help_grade"), description=t("help_grade"))
    p.add_argument("class_id", metavar="CLASS", help=t("help_arg_classes"))
    p.add_argument("assignment", help=t("help_arg_assignment"))
    p.add_argument("--workers", type=int, default=None, help=t("help_arg_workers"))
    p.add_argument("--time-limit", type=float, default=60.0, help=t("help_arg_time_limit", default="60"))
    p.add_argument("--cell-time-limit", type=float, default=None, help=t("help_arg_cell_time_limit"))
    p.add_argument("--memory-limit", type=int, default=2048, help=t("help_arg_memory_limit"))
    p.add_argument("--retry-failed", action="store_true", help=t("help_arg_retry_failed"))
    p.add_argument("--regrade", action="store_true", help=t("help_arg_regrade"))
    p.add_argument("--student", action="append", help=t("help_arg_student"))
    p.add_argument("--no-sandbox", action="store_true", help=t("help_arg_no_sandbox"))
    p.add_argument("--no-fork-server", action="store_true", help=t("help_arg_no_fork_server"))
    late.add_arguments(p)
    p.set_defaults(func=run)


@dataclass
class Outcome:
    student: str
    submission: str
    status: str
    reason: dict | None = None
    score: float | None = None
    max_score: float | None = None
    seconds: float = 0.0
    isolation: list = field(default_factory=list)


@dataclass
class GradeReport:
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: int = 0
    seconds: float = 0.0
    isolation: list = field(default_factory=list)

    def by_status(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for o in self.outcomes:
            counts[o.status] = counts.get(o.status, 0) + 1
        return counts


def reason(key: str, **params) -> dict:
    return {"key": key, "params": params}


class Pipeline:
    """nbgrader's preprocessors, configured once per class (the exporters are reused)."""

    def __init__(self, klass):
        from nbconvert.exporters import NotebookExporter
        from nbconvert.preprocessors import ClearMetadataPreprocessor
        from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearOutput,
                                            DeduplicateIds, IgnorePattern, LimitOutput,
                                            OverwriteCells, OverwriteKernelspec, SaveAutoGrades)

        config = klass.nbgrader_config()
        config.Exporter.default_preprocessors = []
        # nbconvert validates the whole notebook after every step unless told to do it once at
        # the end; same result for a valid notebook, a fraction of the jsonschema time
        config.Exporter.optimistic_validation = True
        self.sanitize = NotebookExporter(config=config)
        for pp in (ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells, CheckCellMetadata):
            self.sanitize.register_preprocessor(pp)
        self.save = NotebookExporter(config=config)
        for pp in (IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
                   AssignLatePenalties, CheckCellMetadata):
            self.save.register_preprocessor(pp)
        self.klass = klass

    def resources(self, assignment: str, student: str, notebook: str, path: str | None = None) -> dict:
        res = {"unique_key": notebook, "output_files_dir": f"{notebook}_files",
               "nbgrader": {"student": student, "assignment": assignment, "notebook": notebook,
                            "db_url": self.klass.gradebook_url}}
        if path:
            res["metadata"] = {"path": path}
        return res


class Grader:
    def __init__(self, klass, assignment: str, *, workers: int | None = None,
                 time_limit: float = 60.0, memory_mb: int = 2048, progress: bool = True,
                 sandbox: bool = True, cell_time_limit: float | None = None, fork_server: bool = True):
        from .sandbox import SandboxSettings

        self.klass = klass
        self.assignment = assignment
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.progress = progress
        self.records = Records.load(klass, assignment)
        if not self.records.release:
            raise TeacherError("not_released", assignment=assignment, class_id=klass.id)
        self.settings = SandboxSettings(time_limit=time_limit, memory_mb=memory_mb, sandbox=sandbox,
                                        cell_time_limit=cell_time_limit, fork_server=fork_server)

    # -- what to grade ------------------------------------------------------------------------
    def tasks(self, retry_failed=False, regrade=False, students=None) -> tuple[list[dict], int]:
        todo, skipped = [], 0
        for student, entry in sorted(self.records.newest().items()):
            if students and student not in students:
                continue
            state = self.records.grading(student)
            fresh = state is None or state["submission"] != entry["id"]
            if fresh or regrade or (retry_failed and state["status"] == FAILED):
                todo.append(entry)
            else:
                skipped += 1
        return todo, skipped

    # -- the run ------------------------------------------------------------------------------
    def run(self, retry_failed=False, regrade=False, students=None) -> GradeReport:
        from .gradebook import one_engine_per_database

        # nbformat's own choice of validator, the same schema, many times faster than jsonschema
        os.environ.setdefault("NBFORMAT_VALIDATOR", "fastjsonschema")
        with one_engine_per_database():
            return self._run(retry_failed, regrade, students)

    def _run(self, retry_failed=False, regrade=False, students=None) -> GradeReport:
        import multiprocessing
        import multiprocessing.connection

        from .sandbox import Zygote

        start = time.monotonic()
        todo, skipped = self.tasks(retry_failed, regrade, students)
        report = GradeReport(skipped=skipped)
        if not todo:
            return report
        self.pipeline = Pipeline(self.klass)
        self._check_gradebook()
        # one warm, sandboxed Python for the run (SandboxUnavailable: grading refuses, names why)
        zygote = Zygote(self.settings).start() if self.settings.fork_server else None
        ctx = multiprocessing.get_context("fork")
        queue = deque(todo)
        running: list[dict] = []
        bar = _Progress(len(todo), self.progress, t("grading_progress", class_id=self.klass.id,
                                                         assignment=self.assignment))
        try:
            while queue or running:
                while queue and len(running) < self.workers:
                    entry = queue.popleft()
                    job = self._prepare(entry, zygote)
                    if isinstance(job, Outcome):
                        self._finish(job, report, bar)
                        continue
                    proc = ctx.Process(target=grade_worker, args=(job, self.settings), daemon=False)
                    proc.start()
                    for sandbox_job in job["sandbox_jobs"]:
                        sandbox_job.sock.close()   # the worker has its own copy
                    job["proc"] = proc
                    # the worker keeps the time limit itself; this is the backstop
                    job["deadline"] = time.monotonic() + self.settings.time_limit + 15
                    running.append(job)
                if not running:
                    continue
                now = time.monotonic()
                wait = max(0.0, min(min(j["deadline"] for j in running) - now, 0.5))
                multiprocessing.connection.wait([j["proc"].sentinel for j in running], timeout=wait)
                now = time.monotonic()
                for job in list(running):
                    proc = job["proc"]
                    if not proc.is_alive():
                        proc.join()
                        running.remove(job)
                        outcome = self._collect(job)
                        self._end_jobs(job)
                        self._finish(outcome, report, bar)
                    elif now >= job["deadline"]:
                        proc.kill()
                        proc.join(5)
                        running.remove(job)
                        self._end_jobs(job)
                        outcome = Outcome(job["student"], job["submission"], FAILED,
                                          reason("reason_timeout", seconds=int(self.settings.time_limit)),
                                          seconds=time.monotonic() - job["started"])
                        self._finish(outcome, report, bar)
        finally:
            for job in running:  # ^C: leave nothing running behind us
                job["proc"].kill()
                job["proc"].join(5)
                self._end_jobs(job)
            bar.close()
            self.records.save()
            if zygote:
                zygote.close()
        report.seconds = time.monotonic() - start
        iso_sets = [set(o.isolation) for o in report.outcomes if o.isolation]
        report.isolation = sorted(set.intersection(*iso_sets)) if iso_sets else []
        return report

    @staticmethod
    def _end_jobs(job: dict) -> None:
        for sandbox_job in job["sandbox_jobs"]:
            sandbox_job.remove()
        for own in job["own_zygotes"]:
            own.close()
        shutil.rmtree(job["out"], ignore_errors=True)

    def _check_gradebook(self) -> None:
        from .gradebook import open_gradebook
        from nbgrader.api import MissingEntry

        with open_gradebook(self.klass) as gb:
            try:
                assignment = gb.find_assignment(self.assignment)
            except MissingEntry:
                raise TeacherError("not_released", assignment=self.assignment,
                                   class_id=self.klass.id) from None
            # the cells nbgrader knows for each notebook (grade_id -> what kind of cell it is)
            self.known_cells = {nb.name: {c.name: _cell_kind(c) for c in nb.source_cells}
                                for nb in assignment.notebooks}

    def _prepare(self, entry: dict, zygote) -> dict | Outcome:
        """Read and sanitize the submission's notebooks (in the parent: reads the gradebook)."""
        import nbformat
        from nbgrader.nbgraderformat import SchemaTooNewError, SchemaTooOldError

        student, sid = entry["student"], entry["id"]
        folder = self.klass.archive_dir(self.assignment) / student / sid
        started = time.monotonic()
        notebooks = []
        missing = []
        for name in self.records.release["notebooks"]:
            path = folder / f"{name}.ipynb"
            if not path.exists():
                missing.append(name)
                continue
            fail = lambda key, **p: Outcome(student, sid, FAILED, reason(key, notebook=f"{name}.ipynb", **p),
                                            seconds=time.monotonic() - started)
            try:
                raw = path.read_bytes()
                nb = nbformat.reads(raw.decode("utf-8-sig"), as_version=4)
            except UnicodeDecodeError:
                return fail("reason_not_json")
            except Exception as exc:  # NotJSONError, a JSON that is not a notebook
                key = "reason_not_json" if "JSON" in type(exc).__name__ or "JSON" in str(exc)[:80] else "reason_not_notebook"
                return fail(key)
            if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
                return fail("reason_not_notebook")
            strip_unknown_grade_cells(nb, self.known_cells.get(name, {}))
            resources = self.pipeline.resources(self.assignment, student, name)
            try:
                output, _ = self.pipeline.sanitize.from_notebook_node(nb, resources)
            except (SchemaTooOldError, SchemaTooNewError):
                return fail("reason_metadata_version")
            except Exception as exc:
                return fail("reason_not_notebook_detail", detail=f"{type(exc).__name__}: {exc}"[:200])
            notebooks.append((name, output))
        if not notebooks:
            return Outcome(student, sid, FAILED,
                           reason("reason_no_notebook", expected=", ".join(
                               n + ".ipynb" for n in self.records.release["notebooks"])),
                           seconds=time.monotonic() - started)
        source = self.klass.nbgrader_dir("source", None, self.assignment)
        support = [(p, str(p.relative_to(source))) for p in sorted(source.rglob("*"))
                   if p.is_file() and p.suffix != ".ipynb" and ".ipynb_checkpoints" not in p.parts]
        language = self.klass.student_language(student)
        import tempfile

        out = tempfile.mkdtemp(prefix="minicourse-result-")
        from .sandbox import Zygote

        own = [] if zygote else [Zygote(self.settings).start() for _ in notebooks]
        # the teacher's support files for the test cells, which run in the grader
        for src, rel in support:
            target = Path(out) / "files" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
        return {"student": student, "submission": sid, "entry": entry, "notebooks": notebooks,
                "missing": missing, "language": language, "out": out, "started": started,
                "own_zygotes": own,
                "sandbox_jobs": [(zygote or own[i]).new_job(support, language) for i in range(len(notebooks))]}

    def _collect(self, job: dict) -> Outcome:
        """Read a finished worker's result; save grades through nbgrader's preprocessors."""
        import json

        import nbformat

        out = Path(job["out"])
        elapsed = time.monotonic() - job["started"]
        student, sid = job["student"], job["submission"]
        try:
            result = json.loads((out / "result.json").read_text())
        except (OSError, ValueError):
            code = job["proc"].exitcode
            return Outcome(student, sid, FAILED, reason("reason_worker_died", code=str(code)), seconds=elapsed)
        if result["status"] == "stopped":
            params = dict(result.get("params") or {})
            if result["key"] == "reason_crashed":
                params["notebook"] = f"{result.get('notebook')}.ipynb"
            return Outcome(student, sid, FAILED, reason(result["key"], **params), seconds=elapsed)
        if result["status"] != "ok":
            return Outcome(student, sid, FAILED, reason("reason_internal", detail=result.get("detail", "")),
                           seconds=elapsed)
        # our own worker wrote these from the checked notebook: no second schema validation
        executed = [(name, _trusted_notebook((out / f"{i}.ipynb").read_text(encoding="utf-8")))
                    for i, (name, _) in enumerate(job["notebooks"])]
        return self._save(job, executed, elapsed, result.get("isolation", []))

    def _save(self, job, executed, elapsed, isolation) -> Outcome:
        from nbgrader.api import MissingEntry
        from .gradebook import naive_utc, open_gradebook

        student, sid, entry = job["student"], job["submission"], job["entry"]
        received = parse_iso(entry["received_at"])
        dest = self.klass.nbgrader_dir("autograded", student, self.assignment)
        tmp = dest.with_name(dest.name + ".incoming")
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        previous = self.records.grading(student)
        marked = (manual_grades.snapshot(self.klass, self.assignment, student)
                  if previous and previous["submission"] == sid else {})  # --regrade: same work
        with open_gradebook(self.klass) as gb:
            gb.update_or_create_student(student)
            gb.update_or_create_submission(self.assignment, student, timestamp=naive_utc(received),
                                           **late.submission_fields(self.klass, self.assignment, student))
        for name, nb in executed:
            resources = self.pipeline.resources(self.assignment, student, name)
            output, _ = self.pipeline.save.from_notebook_node(nb, resources)
            (tmp / f"{name}.ipynb").write_text(output, encoding="utf-8")
        manual_grades.restore(self.klass, self.assignment, student, marked)
        with open_gradebook(self.klass) as gb:
            for name in job["missing"]:  # nbgrader: a notebook not handed in scores zero
                try:
                    nb_sub = gb.find_submission_notebook(name, self.assignment, student)
                except MissingEntry:
                    continue
                for grade in nb_sub.grades:
                    grade.auto_score = 0
                    grade.needs_manual_grade = False
                gb.db.commit()
            sub = gb.find_submission(self.assignment, student)
            needs_manual = bool(sub.needs_manual_grade)
            score, max_score = float(sub.score or 0), float(sub.max_score or 0)
        # what formgrader shows, plus nbgrader's timestamp/secret (feedback release needs them)
        submitted = self.klass.nbgrader_dir("submitted", student, self.assignment)
        for meta in ("timestamp.txt", "submission_secret.txt"):
            if (submitted / meta).exists():
                shutil.copyfile(submitted / meta, tmp / meta)
        source = self.klass.nbgrader_dir("source", None, self.assignment)
        for p in source.rglob("*"):
            if p.is_file() and p.suffix != ".ipynb":
                target = tmp / p.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(p, target)
        for p in tmp.rglob("*"):
            if p.is_file():
                os.chmod(p, 0o444)
        replace_folder(tmp, dest)
        status = NEEDS_MANUAL if needs_manual else GRADED
        return Outcome(student, sid, status, None, score, max_score, elapsed, isolation)

    def _finish(self, outcome: Outcome, report: GradeReport, bar) -> None:
        extra = {"seconds": round(outcome.seconds, 2)}
        if outcome.score is not None:
            extra.update(score=outcome.score, max_score=outcome.max_score)
        self.records.set_grading(outcome.student, outcome.submission, outcome.status,
                                 outcome.reason, **extra)
        self.records.save()
        report.outcomes.append(outcome)
        bar.advance(outcome.student)


def _trusted_notebook(text: str):
    """A notebook our own code wrote (no second schema validation): nbformat.reads without
    the validate step."""
    import json

    import nbformat
    from nbformat.v4.rwbase import rejoin_lines

    return rejoin_lines(nbformat.from_dict(json.loads(text)))


def _cell_kind(source_cell) -> tuple:
    return (bool(source_cell.locked), source_cell.cell_type)


def strip_unknown_grade_cells(nb, known: dict) -> None:
    """A cell whose grade_id nbgrader does not know for this notebook, or a second cell with
    the same grade_id (a student pasted a test twice, or made up a "bonus" cell), keeps its
    code but loses its grading role: nbgrader would stop at it ("KeyError: 'grade_id'") or
    count it, and honest work must be graded. The first cell with a known id keeps the role
    (and nbgrader restores its source from the gradebook)."""
    seen = set()
    for cell in nb.cells:
        meta = cell.get("metadata", {})
        nbg = meta.get("nbgrader")
        if not isinstance(nbg, dict):
            continue
        grade_id = nbg.get("grade_id")
        if grade_id in known and grade_id not in seen and isinstance(grade_id, str):
            seen.add(grade_id)
            continue
        del meta["nbgrader"]


def _repository_of(path: Path) -> Path | None:
    for folder in [path, *path.parents]:
        if (folder / ".git").exists():
            return folder
    return None


class _Progress:
    """A rich progress bar on stderr (no background thread: we fork while it is shown)."""

    def __init__(self, total: int, enabled: bool, label: str):
        self.bar = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), TextColumn("{task.fields[last]}"),
                            console=Console(stderr=True), auto_refresh=False, transient=False)
        self.bar.start()
        self.task = self.bar.add_task(label, total=total, last="")
        self.bar.refresh()

    def advance(self, student: str) -> None:
        if self.bar:
            self.bar.update(self.task, advance=1, last=student)
            self.bar.refresh()

    def close(self) -> None:
        if self.bar:
            self.bar.stop()


def grade_worker(job: dict, settings) -> None:
    """A forked worker (trusted: it never runs student code): drives each notebook's sandbox
    job, runs the test cells itself, writes out/<i>.ipynb and out/result.json."""
    import json
    import signal

    import nbformat

    from .sandbox import SandboxUnavailable
    from .testcells import CellLimits, NotebookRun, SubmissionStopped

    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out = Path(job["out"])
    log = os.open(out / "worker.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    files = out / "files"
    files.mkdir(exist_ok=True)
    os.chdir(files)      # test cells read the assignment's support files, as in a kernel
    limits = CellLimits(submission_deadline=time.monotonic() + settings.time_limit,
                        submission_seconds=settings.time_limit,
                        cell_seconds=min(settings.cell_time_limit or 30.0, settings.time_limit),
                        memory_bytes=settings.memory_mb * 1024 * 1024)
    result: dict = {"status": "ok", "isolation": []}
    try:
        for index, ((name, nb_json), sandbox_job) in enumerate(zip(job["notebooks"], job["sandbox_jobs"])):
            nb = _trusted_notebook(nb_json)   # checked by the parent's sanitize step
            run = NotebookRun(sandbox_job, limits, job["language"])
            try:
                result["isolation"] = run.start() + ["tests-outside"]
                run.run(nb)
            except SubmissionStopped as stop:
                result = {"status": "stopped", "key": stop.key, "params": stop.params, "notebook": name}
                break
            except SandboxUnavailable as exc:
                result = {"status": "stopped", "key": "reason_sandbox_unavailable",
                          "params": {"detail": exc.params.get("detail", "")}, "notebook": name}
                break
            finally:
                sandbox_job.kill()
            (out / f"{index}.ipynb").write_text(nbformat.writes(nb), encoding="utf-8")
    except BaseException as exc:  # noqa: BLE001 - everything must end up in result.json
        import traceback

        result = {"status": "error", "detail": f"{type(exc).__name__}: {exc}"[:500],
                  "traceback": traceback.format_exc()[-4000:]}
    tmp = out / "result.json.tmp"
    tmp.write_text(json.dumps(result))
    os.replace(tmp, out / "result.json")


def grade(klass, assignment: str, *, workers=None, time_limit=60.0, memory_mb=2048,
          retry_failed=False, regrade=False, students=None, progress=False,
          sandbox: bool = True, cell_time_limit: float | None = None,
          fork_server: bool = True) -> GradeReport:
    grader = Grader(klass, assignment, workers=workers, time_limit=time_limit,
                    memory_mb=memory_mb, progress=progress, sandbox=sandbox,
                    cell_time_limit=cell_time_limit, fork_server=fork_server)
    return grader.run(retry_failed=retry_failed, regrade=regrade, students=students)


def describe_reason(r: dict | None, lang: str | None = None) -> str:
    from .messages import catalogue

    if not r:
        return ""
    return catalogue.text(r["key"], lang, **r.get("params", {}))


def run(args) -> int:
    import sys

    from .common import class_lock, teacher_language

    if args.time_limit <= 0 or (args.cell_time_limit is not None and args.cell_time_limit <= 0) \
            or args.memory_limit < 256 or (args.workers is not None and args.workers < 1):
        raise TeacherError("grade_bad_limits")
    school = School.open(args.school)
    status = 0
    for klass in school.classes(args.class_id):
        with class_lock(klass), nbgrader_log(school, "grade"):
            late.apply_arguments(klass, args.assignment, args)
            report = grade(klass, args.assignment, workers=args.workers, time_limit=args.time_limit,
                           memory_mb=args.memory_limit, retry_failed=args.retry_failed,
                           regrade=args.regrade, students=args.student, sandbox=not args.no_sandbox,
                           cell_time_limit=args.cell_time_limit, fork_server=not args.no_fork_server,
                           progress=sys.stderr.isatty() or bool(os.environ.get("MINICOURSE_PROGRESS")))
        counts = report.by_status()
        say("graded_summary", class_id=klass.id, assignment=args.assignment,
            graded=counts.get(GRADED, 0), manual=counts.get(NEEDS_MANUAL, 0),
            failed=counts.get(FAILED, 0), skipped=report.skipped, seconds=f"{report.seconds:.1f}")
        roster = klass.roster()
        for o in report.outcomes:
            name = roster.get(o.student, {}).get("name", "")
            if o.status == FAILED:
                warn("graded_line_failed", student=o.student, name=name,
                     reason=describe_reason(o.reason, teacher_language()))
                status = 1
            else:
                say("graded_line", student=o.student, name=name, status=t("status_" + o.status),
                    score=_num(o.score), max_score=_num(o.max_score))
        if report.outcomes:
            say("isolation_line", protections=", ".join(t("isolation_" + p) for p in report.isolation) or t("isolation_none"))
    return status


def _num(x) -> str:
    if x is None:
        return "-"
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"
