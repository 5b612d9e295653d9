"""`minicourse grade`: autograde every collected submission of a class, with nbgrader's
semantics, in parallel sandboxed worker processes, with a progress bar.

The pipeline per submission is nbgrader's own Autograde pipeline, cut in three:

1. the teacher's process reads what was handed in (the gradebook's cells, read once per run);
2. a grading worker (trusted, forked per submission) checks and sanitizes each notebook with
   nbgrader's rules (autograde_steps: test and locked cells restored from the gradebook,
   deleted ones added back), runs the student's cells in the sandbox and the test cells
   itself (testcells, sandbox), and computes nbgrader's save steps: LimitOutput, the scores
   and comments of SaveAutoGrades;
3. the teacher's process writes those as gradebook rows (gradebook_rows: one transaction per
   run, committed in batches, late penalties as AssignLatePenalties), and the notebook into
   autograded/<student>/<assignment>/ where formgrader finds it.

A class whose nbgrader_config.py has settings of the teacher's own goes through nbgrader's own
preprocessors instead (sanitize and save in the teacher's process), since only they read those
settings; the results are the same (a test compares them). With --cluster, step 2 runs on Dask
workers (cluster.py).

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
    p.add_argument("--cluster", metavar="ADDRESS", default=None, help=t("help_arg_cluster"))
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


COMMIT_EVERY = 25      # submissions per gradebook commit (and records save)
COMMIT_SECONDS = 2.0   # or this often, whichever comes first


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
                 sandbox: bool = True, cell_time_limit: float | None = None, fork_server: bool = True,
                 cluster: str | None = None):
        from .sandbox import SandboxSettings

        self.klass = klass
        self.cluster = cluster
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
        import contextlib

        grading_process()
        # nbgrader only when the class's own settings need its preprocessors
        self.direct = not nbgrader_settings_of_teacher(self.klass)
        if self.direct:
            context = contextlib.nullcontext()
        else:
            from .gradebook import one_engine_per_database
            context = one_engine_per_database()
        with context:
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
        self.rows = None
        # one warm, sandboxed Python for the run, starting while we read the gradebook
        # (SandboxUnavailable: grading refuses, and names why)
        zygote = Zygote(self.settings).launch() if self.settings.fork_server and not self.cluster else None
        try:
            self._check_gradebook()
            warm_up_for_workers(self.cells)
            if zygote:
                zygote.wait_ready()
        except BaseException:
            if zygote:
                zygote.close()
            if self.rows:
                self.rows.close()
            raise
        self.pending: list[Outcome] = []
        self.last_commit = time.monotonic()
        ctx = multiprocessing.get_context("fork")
        queue = deque(todo)
        running: list[dict] = []
        bar = _Progress(len(todo), self.progress, t("grading_progress", class_id=self.klass.id,
                                                         assignment=self.assignment))
        try:
            if self.cluster:
                self._grade_on_cluster(queue, report, bar)
            while queue or running:
                while queue and len(running) < self.workers:
                    entry = queue.popleft()
                    job = self._prepare(entry, zygote)
                    if isinstance(job, Outcome):
                        self._finish(job, report, bar)
                        continue
                    proc = ctx.Process(target=grade_worker, args=(job, self.settings, self.worker_cells),
                                       daemon=False)
                    proc.start()
                    for sandbox_job in job["sandbox_jobs"]:
                        sandbox_job.sock.close()   # the worker has its own copy
                    job["proc"] = proc
                    # ends when the worker ends (its multiprocessing sentinel can read as ended
                    # earlier: an inherited copy of another worker's pipe is closed as it exits)
                    job["pidfd"] = os.pidfd_open(proc.pid)
                    # the worker keeps the time limit itself; this is the backstop
                    job["deadline"] = time.monotonic() + self.settings.time_limit + 15
                    running.append(job)
                if not running:
                    continue
                self._commit_when_due(queue, report, bar)
                now = time.monotonic()
                wait = max(0.0, min(min(j["deadline"] for j in running) - now, 0.5))
                multiprocessing.connection.wait([j["pidfd"] for j in running], timeout=wait)
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
            self._commit(report, bar)
        finally:
            for job in running:  # ^C: leave nothing running behind us
                job["proc"].kill()
                job["proc"].join(5)
                self._end_jobs(job)
            bar.close()
            self.records.save()
            if self.rows:
                self.rows.close()  # what was not committed is graded again next time
            if zygote:
                zygote.close()
        report.seconds = time.monotonic() - start
        iso_sets = [set(o.isolation) for o in report.outcomes if o.isolation]
        report.isolation = sorted(set.intersection(*iso_sets)) if iso_sets else []
        return report

    @staticmethod
    def _end_jobs(job: dict) -> None:
        if job.get("pidfd") is not None:
            os.close(job.pop("pidfd"))
        for sandbox_job in job["sandbox_jobs"]:
            sandbox_job.remove()
        for own in job["own_zygotes"]:
            own.close()
        shutil.rmtree(job["out"], ignore_errors=True)

    def _check_gradebook(self) -> None:
        """The assignment's notebooks and cells, read once (nbgrader's own preprocessors, for a
        class with settings of its own, read them again per notebook)."""
        from .gradebook_rows import GradebookRows

        self.rows = None
        rows = GradebookRows(self.klass, self.assignment)
        if rows.cells is None:
            rows.close()
            raise TeacherError("not_released", assignment=self.assignment, class_id=self.klass.id)
        self.cells = rows.cells
        self.worker_cells = self.cells.to_json()
        # the assignment's other files (data, images): beside the notebook for the student's
        # cells and the tests alike, and in the autograded folder for formgrader
        source = self.klass.nbgrader_dir("source", None, self.assignment)
        self.support = [(p, str(p.relative_to(source))) for p in sorted(source.rglob("*"))
                        if p.is_file() and p.suffix != ".ipynb" and ".ipynb_checkpoints" not in p.parts]
        if self.direct:
            self.rows = rows
            self.late = late.load(self.klass)   # read once: the policy and the extensions
            self.policy = self.late.get("policy")
        else:
            rows.close()   # nbgrader's sessions write; an open read here would block them
            self.pipeline = Pipeline(self.klass)

    def _prepare(self, entry: dict, zygote, here: bool = True) -> dict | Outcome:
        """The submission's notebooks for a worker: as handed in (the worker checks and
        sanitizes them), or, for a class with nbgrader settings of its own, sanitized here by
        nbgrader's preprocessors."""
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
            if self.direct:
                notebooks.append((name, path.read_bytes().decode("utf-8", "surrogateescape"), False))
                continue
            try:
                nb = read_submitted_notebook(path.read_bytes(), self.cells.notebooks.get(name))
                resources = self.pipeline.resources(self.assignment, student, name)
                output, _ = self.pipeline.sanitize.from_notebook_node(nb, resources)
            except NotebookRefused as refused:
                return Outcome(student, sid, FAILED, reason(refused.key, notebook=f"{name}.ipynb", **refused.params),
                               seconds=time.monotonic() - started)
            except Exception as exc:
                from nbgrader.nbgraderformat import SchemaTooNewError, SchemaTooOldError

                key, params = (("reason_metadata_version", {}) if isinstance(exc, (SchemaTooOldError, SchemaTooNewError))
                               else ("reason_not_notebook_detail", {"detail": f"{type(exc).__name__}: {exc}"[:200]}))
                return Outcome(student, sid, FAILED, reason(key, notebook=f"{name}.ipynb", **params),
                               seconds=time.monotonic() - started)
            notebooks.append((name, output, True))
        if not notebooks:
            return Outcome(student, sid, FAILED,
                           reason("reason_no_notebook", expected=", ".join(
                               n + ".ipynb" for n in self.records.release["notebooks"])),
                           seconds=time.monotonic() - started)
        support = self.support
        language = self.klass.student_language(student)
        import tempfile

        out = tempfile.mkdtemp(prefix="minicourse-result-")
        from .sandbox import Zygote

        own = [] if zygote or not here else [Zygote(self.settings).start() for _ in notebooks]
        # the teacher's support files for the test cells, which run in the grader
        for src, rel in support:
            target = Path(out) / "files" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
        return {"student": student, "submission": sid, "entry": entry, "notebooks": notebooks,
                "missing": missing, "language": language, "out": out, "started": started,
                "own_zygotes": own,
                "sandbox_jobs": [(zygote or own[i]).new_job(support, language) for i in range(len(notebooks))]
                if here else []}

    def _collect(self, job: dict) -> Outcome:
        """Read a finished worker's result and save it (as gradebook rows, or through
        nbgrader's preprocessors for a class with settings of its own)."""
        import json

        out = Path(job["out"])
        elapsed = time.monotonic() - job["started"]
        student, sid = job["student"], job["submission"]
        try:
            result = json.loads((out / "result.json").read_text())
        except (OSError, ValueError):
            code = job["proc"].exitcode if "proc" in job else job.get("exitcode")
            return Outcome(student, sid, FAILED, reason("reason_worker_died", code=str(code)), seconds=elapsed)
        if result["status"] == "stopped":
            params = dict(result.get("params") or {})
            if result["key"] == "reason_crashed":
                params["notebook"] = f"{result.get('notebook')}.ipynb"
            return Outcome(student, sid, FAILED, reason(result["key"], **params), seconds=elapsed)
        if result["status"] != "ok":
            return Outcome(student, sid, FAILED, reason("reason_internal", detail=result.get("detail", "")),
                           seconds=elapsed)
        if self.direct:
            return self._save_rows(job, result, elapsed)
        # our own worker wrote these from the checked notebook: no second schema validation
        executed = [(name, _trusted_notebook((out / f"{i}.ipynb").read_text(encoding="utf-8")))
                    for i, (name, *_) in enumerate(job["notebooks"])]
        return self._save(job, executed, elapsed, result.get("isolation", []))

    def _grade_on_cluster(self, queue, report, bar) -> None:
        """Every submission as a Dask task (graders.cluster); results saved here as they come."""
        import json

        from distributed import wait as wait_for_tasks

        from .cluster import close_cluster, grade_on_worker, open_cluster

        client = open_cluster(self.cluster)
        running: dict = {}
        try:
            support = [(rel, src.read_bytes()) for src, rel in self.support]
            # two tasks per worker thread: one grading, one arriving
            slots = 2 * max(1, sum(client.nthreads().values()))
            while queue or running:
                while queue and len(running) < slots:
                    job = self._prepare(queue.popleft(), None, here=False)
                    if isinstance(job, Outcome):
                        self._finish(job, report, bar)
                        continue
                    task = {key: job[key] for key in ("student", "submission", "notebooks", "missing", "language")}
                    task["support"] = support
                    task["assignment_key"] = f"{self.klass.id}/{self.assignment}"
                    running[client.submit(grade_on_worker, task, self.settings, self.worker_cells,
                                          pure=False)] = job
                self._commit_when_due(queue, report, bar)
                if not running:
                    continue
                try:
                    done, _ = wait_for_tasks(list(running), timeout=0.5, return_when="FIRST_COMPLETED")
                except TimeoutError:
                    continue
                for future in done:
                    job = running.pop(future)
                    try:
                        answer = future.result()
                    except Exception as exc:  # noqa: BLE001 - a worker lost, a task that could not run
                        outcome = Outcome(job["student"], job["submission"], FAILED,
                                          reason("reason_cluster_failed", detail=f"{type(exc).__name__}: {exc}"[:200]),
                                          seconds=time.monotonic() - job["started"])
                    else:
                        out = Path(job["out"])
                        for name, text in answer["files"].items():
                            (out / name).write_text(text, encoding="utf-8")
                        job["exitcode"] = answer["exitcode"]
                        outcome = self._collect(job)
                    self._end_jobs(job)
                    self._finish(outcome, report, bar)
        finally:
            for future, job in running.items():
                future.cancel()
                self._end_jobs(job)
            close_cluster(client)

    def _autograded_folder(self, student: str) -> tuple[Path, Path]:
        dest = self.klass.nbgrader_dir("autograded", student, self.assignment)
        tmp = dest.with_name(dest.name + ".incoming")
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        return dest, tmp

    def _finish_folder(self, student: str, tmp: Path, dest: Path) -> None:
        """What formgrader shows, plus nbgrader's timestamp/secret (feedback release needs them)
        and the assignment's support files, read-only, put in place in one step."""
        submitted = self.klass.nbgrader_dir("submitted", student, self.assignment)
        for meta in ("timestamp.txt", "submission_secret.txt"):
            if (submitted / meta).exists():
                shutil.copyfile(submitted / meta, tmp / meta)
        for src, rel in self.support:
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
        for p in tmp.rglob("*"):
            if p.is_file():
                os.chmod(p, 0o444)
        replace_folder(tmp, dest)

    def _save_rows(self, job, result, elapsed) -> Outcome:
        """nbgrader's save steps, computed by the worker (autograde_steps), written here as
        gradebook rows in the run's open transaction (committed in batches, see _commit)."""
        from .gradebook import naive_utc

        student, sid, entry = job["student"], job["submission"], job["entry"]
        out = Path(job["out"])
        dest, tmp = self._autograded_folder(student)
        for i, (name, *_) in enumerate(job["notebooks"]):
            os.replace(out / f"{i}.ipynb", tmp / f"{name}.ipynb")
        previous = self.records.grading(student)
        extension = late.submission_fields(self.klass, self.assignment, student, self.late)["extension"]
        totals = self.rows.save(student, timestamp=naive_utc(parse_iso(entry["received_at"])),
                                extension=extension, results=result["results"], missing=job["missing"],
                                same_submission=bool(previous and previous["submission"] == sid),
                                policy=self.policy)
        self._finish_folder(student, tmp, dest)
        status = NEEDS_MANUAL if totals["needs_manual_grade"] else GRADED
        return Outcome(student, sid, status, None, totals["score"], totals["max_score"], elapsed,
                       result.get("isolation", []))

    def _save(self, job, executed, elapsed, isolation) -> Outcome:
        from nbgrader.api import MissingEntry
        from .gradebook import naive_utc, open_gradebook

        student, sid, entry = job["student"], job["submission"], job["entry"]
        received = parse_iso(entry["received_at"])
        dest, tmp = self._autograded_folder(student)
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
        self._finish_folder(student, tmp, dest)
        status = NEEDS_MANUAL if needs_manual else GRADED
        return Outcome(student, sid, status, None, score, max_score, elapsed, isolation)

    def _finish(self, outcome: Outcome, report: GradeReport, bar) -> None:
        """An outcome is recorded once the gradebook rows it stands for are committed."""
        self.pending.append(outcome)
        if not self.direct:
            self._commit(report, bar)

    def _commit_when_due(self, queue, report: GradeReport, bar) -> None:
        """Commit what is waiting once there is enough of it, it has waited long enough, or
        nothing is left to start."""
        if self.pending and (not queue or len(self.pending) >= COMMIT_EVERY
                             or time.monotonic() - self.last_commit > COMMIT_SECONDS):
            self._commit(report, bar)

    def _commit(self, report: GradeReport, bar) -> None:
        if not self.pending:
            return
        if self.rows:
            self.rows.commit()
        for outcome in self.pending:
            extra = {"seconds": round(outcome.seconds, 2)}
            if outcome.score is not None:
                extra.update(score=outcome.score, max_score=outcome.max_score)
            self.records.set_grading(outcome.student, outcome.submission, outcome.status,
                                     outcome.reason, **extra)
            report.outcomes.append(outcome)
            bar.advance(outcome.student)
        self.records.save()
        self.pending = []
        self.last_commit = time.monotonic()


def _trusted_notebook(text: str):
    """A notebook our own code wrote (no second schema validation): nbformat.reads without
    the validate step."""
    import json

    import nbformat
    from nbformat.v4.rwbase import rejoin_lines

    return rejoin_lines(nbformat.from_dict(json.loads(text)))


def nbgrader_settings_of_teacher(klass) -> bool:
    """Has the teacher written nbgrader settings of their own into the class's
    nbgrader_config.py (a late-penalty plugin, LimitOutput, ...)? Then grading goes through
    nbgrader's own preprocessors, which read them; otherwise autograde_steps gives the same
    result without them."""
    return "c." in late.teacher_lines(klass)


def grading_process() -> None:
    """Settings for a process that grades (the teacher's, a Dask worker)."""
    import sys

    # nbformat's own choice of validator, the same schema, many times faster than jsonschema
    os.environ.setdefault("NBFORMAT_VALIDATOR", "fastjsonschema")
    # jsonschema registers an "iri" format check when rfc3987-syntax is installed (Jupyter
    # pulls it in), and that module builds its grammar on import: 1-3 s per command, for a
    # check nothing in grading asks for (nbformat and nbgrader validate without formats)
    sys.modules.setdefault("rfc3987_syntax", None)


def warm_up_for_workers(cells) -> None:
    """What every grading worker uses, imported (and compiled) once in the process that forks
    them, and shared by fork."""
    grading_process()
    import nbformat.validator

    import mini_sdk.messages  # noqa: F401 - the messages a test's failure may carry
    import mini_sdk.selfcheck  # noqa: F401
    import mini_sdk.testing  # noqa: F401 - the grader's driver of the student's phone
    from . import autograde_steps, testcells  # noqa: F401

    nbformat.validator.get_validator(version=4, version_minor=5)  # 0.1-0.3 s to compile
    preload_teacher_imports(cells)


def preload_teacher_imports(cells) -> None:
    """Import, once in the teacher's process, what the assignment's locked cells import (the
    grading workers run those imports for the tests, each a fork of this process). Trusted
    code: the gradebook's copy of the teacher's cells. A module that is not there (or comes
    from the assignment's own files) is left to the worker, which reports it as before."""
    import ast
    import importlib

    for notebook in cells.notebooks.values():
        for source in notebook.source.values():
            if not source["locked"] or source["cell_type"] != "code":
                continue
            try:
                tree = ast.parse(source["source"])
            except SyntaxError:
                continue
            for node in tree.body:
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level
                         else [])
                for name in names:
                    if not Path(name.split(".")[0] + ".py").exists():
                        try:
                            importlib.import_module(name)
                        except Exception:  # noqa: BLE001 - the worker meets it again, and reports it
                            pass


class NotebookRefused(Exception):
    """A handed-in file that cannot be graded as this notebook: ``key`` is a reason() key."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params


def read_submitted_notebook(raw: bytes, cells):
    """A handed-in notebook, read and checked (nbformat), with every nbgrader cell restored to
    the role the gradebook gives it (see strip_unknown_grade_cells)."""
    import nbformat

    try:
        nb = nbformat.reads(raw.decode("utf-8-sig"), as_version=4)
    except UnicodeDecodeError:
        raise NotebookRefused("reason_not_json") from None
    except Exception as exc:  # NotJSONError, a JSON that is not a notebook
        key = "reason_not_json" if "JSON" in type(exc).__name__ or "JSON" in str(exc)[:80] else "reason_not_notebook"
        raise NotebookRefused(key) from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list) \
            or not all(isinstance(c, dict) and isinstance(c.get("metadata", {}), dict) for c in nb["cells"]):
        raise NotebookRefused("reason_not_notebook")
    strip_unknown_grade_cells(nb, cells)
    return nb


def strip_unknown_grade_cells(nb, cells) -> None:
    """A cell whose grade_id nbgrader does not know for this notebook, or a second cell with
    the same grade_id (a student pasted a test twice, or made up a "bonus" cell), keeps its
    code but loses its grading role: nbgrader would stop at it ("KeyError: 'grade_id'") or
    count it, and honest work must be graded. The first cell with a known id keeps the role
    (and nbgrader restores its source from the gradebook), and that role is the gradebook's:
    a student who marks a failing test cell as no longer graded, or an answer as a task,
    changes nothing."""
    seen = set()
    known = cells.source if cells else {}
    for cell in nb.cells:
        meta = cell.get("metadata", {})
        nbg = meta.get("nbgrader")
        if not isinstance(nbg, dict):
            continue
        grade_id = nbg.get("grade_id")
        if isinstance(grade_id, str) and grade_id in known and grade_id not in seen:
            seen.add(grade_id)
            for role, value in (("grade", grade_id in cells.grade), ("solution", grade_id in cells.solution),
                                ("task", grade_id in cells.task)):
                if bool(nbg.get(role, False)) != value:
                    nbg[role] = value
            if grade_id in cells.grade or grade_id in cells.task:
                points = cells.grade.get(grade_id, cells.task.get(grade_id))
                if not isinstance(nbg.get("points"), (int, float)) or float(nbg["points"]) != points:
                    nbg["points"] = points
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


def grade_worker(job: dict, settings, cells_json: dict) -> None:
    """A forked worker (trusted: it never runs student code): checks and sanitizes each
    notebook (autograde_steps), drives its sandbox job, runs the test cells itself, and, for
    a class on nbgrader's defaults, computes the save steps too; writes out/<i>.ipynb and
    out/result.json."""
    import json
    import signal

    from .cellrunner import name_process

    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    name_process("mc-grader")
    out = Path(job["out"])
    log = os.open(out / "worker.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    try:
        result = _grade_notebooks(job, settings, cells_json, out)
    except BaseException as exc:  # noqa: BLE001 - everything must end up in result.json
        import traceback

        result = {"status": "error", "detail": f"{type(exc).__name__}: {exc}"[:500],
                  "traceback": traceback.format_exc()[-4000:]}
    tmp = out / "result.json.tmp"
    tmp.write_text(json.dumps(result))
    os.replace(tmp, out / "result.json")


def _grade_notebooks(job: dict, settings, cells_json: dict, out: Path) -> dict:
    from nbformat.v4.nbjson import writes as notebook_json

    from . import autograde_steps as steps
    from .sandbox import SandboxUnavailable
    from .testcells import CellLimits, NotebookRun, SubmissionStopped

    cells = steps.AssignmentCells.from_json(cells_json)
    notebooks = []
    for name, text, sanitized in job["notebooks"]:
        if sanitized:           # by nbgrader's own preprocessors, in the parent
            notebooks.append((name, _trusted_notebook(text)))
            continue
        try:
            nb = read_submitted_notebook(text.encode("utf-8", "surrogateescape"), cells.notebooks.get(name))
            steps.sanitize(nb, cells.notebooks[name])
        except NotebookRefused as refused:
            return {"status": "stopped", "key": refused.key,
                    "params": {"notebook": f"{name}.ipynb", **refused.params}}
        except (steps.MetadataTooOld, steps.MetadataTooNew):
            return {"status": "stopped", "key": "reason_metadata_version", "params": {"notebook": f"{name}.ipynb"}}
        except Exception as exc:  # what nbgrader would also have stopped at (a KeyError, a bad points value)
            return {"status": "stopped", "key": "reason_not_notebook_detail",
                    "params": {"notebook": f"{name}.ipynb", "detail": f"{type(exc).__name__}: {exc}"[:200]}}
        notebooks.append((name, nb))
    files = out / "files"
    files.mkdir(exist_ok=True)
    os.chdir(files)      # test cells read the assignment's support files, as in a kernel
    limits = CellLimits(submission_deadline=time.monotonic() + settings.time_limit,
                        submission_seconds=settings.time_limit,
                        cell_seconds=min(settings.cell_time_limit or 30.0, settings.time_limit),
                        memory_bytes=settings.memory_mb * 1024 * 1024)
    result: dict = {"status": "ok", "isolation": [], "results": {}}
    for index, ((name, nb), sandbox_job) in enumerate(zip(notebooks, job["sandbox_jobs"])):
        run = NotebookRun(sandbox_job, limits, job["language"])
        try:
            result["isolation"] = run.start() + ["tests-outside"]
            run.run(nb)
        except SubmissionStopped as stop:
            return {"status": "stopped", "key": stop.key, "params": stop.params, "notebook": name}
        except SandboxUnavailable as exc:
            return {"status": "stopped", "key": "reason_sandbox_unavailable",
                    "params": {"detail": exc.params.get("detail", "")}, "notebook": name}
        finally:
            sandbox_job.kill()
        if not job["notebooks"][index][2]:      # nbgrader's save steps, computed here
            steps.limit_outputs(nb)
            result["results"][name] = steps.autograde_results(nb)
        (out / f"{index}.ipynb").write_text(notebook_json(nb) + "\n", encoding="utf-8")  # as nbconvert writes it
    return result


def wait_for_child(pid: int, seconds: float) -> int | None:
    """Wait for a forked child, at most `seconds` (then kill it): its exit code, None if killed."""
    from mini_sdk.remote import wait_for_exit

    code = wait_for_exit(pid, seconds)
    if code is None:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    return code


def grade(klass, assignment: str, *, workers=None, time_limit=60.0, memory_mb=2048,
          retry_failed=False, regrade=False, students=None, progress=False,
          sandbox: bool = True, cell_time_limit: float | None = None,
          fork_server: bool = True, cluster: str | None = None) -> GradeReport:
    grader = Grader(klass, assignment, workers=workers, time_limit=time_limit,
                    memory_mb=memory_mb, progress=progress, sandbox=sandbox,
                    cell_time_limit=cell_time_limit, fork_server=fork_server, cluster=cluster)
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
                           cluster=args.cluster,
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
            say("isolation_line", protections=t("sep_items").join(t("isolation_" + p) for p in report.isolation) or t("isolation_none"))
    return status


def _num(x) -> str:
    if x is None:
        return "-"
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"
