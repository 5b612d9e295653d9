"""The teacher's side of grading one notebook: the student's cells go to the sandbox, the test
cells run here, in the grader, and only plain data crosses between the two.

For each cell, in the notebook's order (IPython semantics):

* a student's cell, or a locked cell of the teacher's: sent to the sandbox, which runs it with
  IPython and sends back its outputs (kept for formgrader). A locked cell's imports, literal
  constants and functions are also run here, from the gradebook's copy, and those names stay
  the teacher's: a student who rebinds ``DRINKS`` or ``launch`` changes nothing a test sees;
* a test cell (nbgrader's autograder tests, hidden tests included): run here. The student's
  names are :class:`mini_sdk.remote.RemoteHandle` objects; ``launch(program)`` drives the
  student's phone in a fork of the sandbox that is thrown away after the cell.

The cell's result is this process's own record: passed, or failed with the test writer's
message. The outputs written into the test cell (nothing, a partial-credit number clamped to
the cell's points, or an error with that message) are ours, never the student's. A failure
inside the hidden tests shows the test writer's message only where that message is fixed text;
otherwise, since it may carry what the hidden test did, only that a hidden check did not pass.
"""
from __future__ import annotations

import ast
import builtins
import io
import time
from contextlib import redirect_stdout
from dataclasses import dataclass

from mini_sdk.remote import (Channel, ChannelClosed, ChannelTimeout, Connection, SandboxFailure,
                             bind_names, route_phone_services)

HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
TEST_FILE = "<test cell>"


class SubmissionStopped(Exception):
    """The submission as a whole cannot go on: ``reason`` is a grade.reason() key."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params


class MemoryExceeded(Exception):
    pass


@dataclass
class CellLimits:
    submission_deadline: float
    submission_seconds: float
    cell_seconds: float
    memory_bytes: int


def is_test_cell(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_teacher_cell(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("locked")) and not meta.get("solution") and not meta.get("grade")


class NotebookRun:
    """One notebook of one submission, driven cell by cell."""

    def __init__(self, job, limits: CellLimits, language: str):
        self.job = job
        self.limits = limits
        self.language = language
        self.channel = Channel(job.sock.fileno(), job.sock.fileno())
        self.channel.on_wait = self._watch
        self.namespace: dict = {"__name__": "__main__", "__builtins__": builtins}
        self.pinned: set[str] = set()
        self.count = 0
        self._last_watch = time.monotonic()

    # -- supervision ------------------------------------------------------------------------
    def _watch(self) -> None:
        """While we wait for the sandbox: all its processes together within the memory limit
        (each process alone is held by its address-space limit; this adds up the children)."""
        now = time.monotonic()
        if now - self._last_watch < 0.25:
            return
        self._last_watch = now
        if self.job.resident_bytes() > self.limits.memory_bytes:
            raise MemoryExceeded()

    def _deadline(self, seconds: float | None = None) -> float:
        return min(self.limits.submission_deadline, time.monotonic() + (seconds or self.limits.cell_seconds))

    def _receive(self, seconds: float | None = None) -> dict:
        self.channel.deadline = self._deadline(seconds)
        try:
            reply = self.channel.receive()
        except ChannelTimeout:
            if time.monotonic() >= self.limits.submission_deadline:
                raise SubmissionStopped("reason_timeout", seconds=int(self.limits.submission_seconds)) from None
            raise SubmissionStopped("reason_cell_timeout", seconds=int(self.limits.cell_seconds)) from None
        except ChannelClosed:
            raise SubmissionStopped("reason_crashed") from None
        except MemoryExceeded:
            raise SubmissionStopped("reason_memory", mb=self.limits.memory_bytes // (1024 * 1024)) from None
        return reply if isinstance(reply, dict) else {}

    # -- the run ----------------------------------------------------------------------------
    def start(self) -> list[str]:
        reply = self._receive(60)
        if reply.get("jail_failed") is not None:
            from .sandbox import SandboxUnavailable

            raise SandboxUnavailable("sandbox_did_not_start", detail=str(reply["jail_failed"])[:300])
        if not reply.get("started"):
            raise SubmissionStopped("reason_crashed")
        if getattr(self.job, "inner_pid", 0) is None and isinstance(reply.get("pid"), int):
            self.job.inner_pid = reply["pid"]   # the zygote's own answer may not have been read yet
        return [p for p in reply.get("protections", []) if isinstance(p, str)]

    def run(self, nb) -> None:
        from mini_sdk import set_language

        set_language(self.language)
        try:
            for cell in nb.cells:
                if cell.get("cell_type") != "code":
                    continue
                if is_test_cell(cell):
                    self.run_test(cell)
                else:
                    if is_teacher_cell(cell):
                        self.pin_teacher_code(cell.source)
                    self.run_student_cell(cell)
            try:
                self.channel.send({"op": "end"})
            except ChannelClosed:
                pass
        finally:
            set_language(None)

    def run_student_cell(self, cell) -> None:
        self.count += 1
        try:
            self.channel.send({"op": "cell", "source": cell.source})
        except ChannelClosed:
            raise SubmissionStopped("reason_crashed") from None
        reply = self._receive()
        cell.outputs = clean_outputs(reply.get("outputs"), self.count)
        cell.execution_count = self.count

    def pin_teacher_code(self, source: str) -> None:
        """The teacher's imports, literal constants and functions, run here too."""
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef)):
                pass
            elif isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets):
                try:
                    ast.literal_eval(node.value)
                except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                    continue
            else:
                continue
            before = dict(self.namespace)
            try:
                exec(compile(ast.Module([node], []), "<teacher cell>", "exec"), self.namespace)
            except Exception:  # noqa: BLE001 - a line that cannot run here stays the sandbox's
                continue
            self.pinned |= {k for k, v in self.namespace.items() if before.get(k, _MISSING) is not v}

    def run_test(self, cell) -> None:
        self.count += 1
        cell.execution_count = self.count
        meta = cell.metadata.get("nbgrader", {})
        points = float(meta.get("points", 0) or 0)
        try:
            self.channel.send({"op": "test", "seconds": self.limits.cell_seconds})
        except ChannelClosed:
            raise SubmissionStopped("reason_crashed") from None
        reply = self._receive()
        if not reply.get("serving"):
            raise SubmissionStopped("reason_crashed")
        conn = _TestConnection(self)
        printed = io.StringIO()
        value, error = None, None
        try:
            bind_names(conn, conn.names(), self.namespace, self.pinned)
            services = route_phone_services(conn, self.namespace)
            bound = {k: id(v) for k, v in self.namespace.items()}
            try:
                with redirect_stdout(printed):
                    value = run_test_source(cell.source, self.namespace)
            finally:   # what the test defined stays the test's; wx & co. are ours again
                self.pinned |= {k for k, v in self.namespace.items() if bound.get(k) != id(v)}
                self.namespace.update(services)
        except _TestOver as exc:
            error = exc.failure
        except MemoryExceeded:
            raise SubmissionStopped("reason_memory", mb=self.limits.memory_bytes // (1024 * 1024)) from None
        except SubmissionStopped:
            raise
        except BaseException as exc:  # noqa: BLE001 - the test failed
            error = exc
        if conn.over is None:
            try:
                self.channel.send({"op": "done"})
            except ChannelClosed:
                raise SubmissionStopped("reason_crashed") from None
            while not self._receive(self.limits.cell_seconds + 5).get("test_over"):
                pass
        outputs = []
        if printed.getvalue():
            outputs.append({"output_type": "stream", "name": "stdout", "text": printed.getvalue()[:100_000]})
        if error is None:
            if type(value) in (int, float) and value == value:  # partial credit, never above the points
                outputs.append({"output_type": "execute_result", "execution_count": self.count,
                                "metadata": {}, "data": {"text/plain": repr(max(0.0, min(float(value), points)))}})
        else:
            hidden, message = failure_message(cell.source, error)
            outputs.append({"output_type": "error", "ename": _error_name(error, hidden), "evalue": message,
                            "traceback": [message]})
        from nbformat import from_dict

        cell.outputs = [from_dict(o) for o in outputs]


_MISSING = object()


def _error_name(error: BaseException, hidden: bool) -> str:
    """The name a kernel would have shown: the student's exception's own class where the
    failure came from their program (a name from Python's builtins or the driver only)."""
    if isinstance(error, SandboxFailure) and error.kind.isidentifier() and (
            error.kind in vars(builtins) or error.kind in ("ElementNotFound", "NavigationFailed",
                                                           "BlockedByDialog", "TimeLimitError")):
        return error.kind
    return "AssertionError" if hidden or isinstance(error, AssertionError) else type(error).__name__


class _TestOver(Exception):
    def __init__(self, failure: SandboxFailure):
        self.failure = failure


class _TestConnection(Connection):
    """Requests of one test: every answer within the cell's time limit and the memory limit."""

    def __init__(self, run: NotebookRun):
        super().__init__(run.channel)
        self.run = run
        self.over: _TestOver | None = None   # the sandbox's side of this test has ended

    def exchange(self, message: dict) -> dict:
        """As Connection.exchange, within the test's time limit; once the sandbox has ended this
        test (its time limit, a crash), every later request of the test ends the same way."""
        from mini_sdk.messages import catalogue

        if self.over is not None:
            raise self.over
        self.channel.deadline = self.run._deadline() + 5
        try:
            self.channel.send(message)
            reply = self.channel.receive()
        except ChannelClosed:
            raise SubmissionStopped("reason_crashed") from None
        except ChannelTimeout:
            # the sandbox did not end the test itself: nothing more can be asked of it
            raise SubmissionStopped("reason_cell_timeout", seconds=int(self.run.limits.cell_seconds)) from None
        if isinstance(reply, dict) and reply.get("test_over"):
            key = "remote_time_limit" if reply.get("reason") == "timeout" else "remote_program_stopped"
            self.over = _TestOver(SandboxFailure(catalogue(key), "Stopped"))
            raise self.over
        if not isinstance(reply, dict):
            raise SandboxFailure("?", "Protocol")
        return reply


def run_test_source(source: str, namespace: dict):
    """exec a test cell as IPython would: the value of a last bare expression is returned."""
    import linecache

    tree = ast.parse(source, TEST_FILE)
    linecache.cache[TEST_FILE] = (len(source), None, source.splitlines(True), TEST_FILE)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    exec(compile(tree, TEST_FILE, "exec"), namespace)
    if last is not None:
        return eval(compile(last, TEST_FILE, "eval"), namespace)
    return None


def failure_message(source: str, error: BaseException) -> tuple[bool, str]:
    """(failed inside the hidden tests?, the message a student may read)."""
    from .messages import catalogue

    line = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == TEST_FILE:
            line = tb.tb_lineno
        tb = tb.tb_next
    if isinstance(error, SyntaxError) and error.filename == TEST_FILE:
        line = error.lineno
    hidden = line is not None and _in_hidden(source, line)
    if isinstance(error, AssertionError):
        text = str(error)
    else:
        text = f"{type(error).__name__}: {error}"
    text = text[:2000]
    if not hidden:
        return False, text or catalogue.text("test_failed_no_message", None)
    if isinstance(error, AssertionError) and not isinstance(error, SandboxFailure) and _fixed_message(source, line):
        return True, text
    if isinstance(error, SandboxFailure) and error.kind in ("Timeout", "Stopped", "Crashed"):
        return True, text
    return True, catalogue.text("test_hidden_failed", None)


def _in_hidden(source: str, line: int) -> bool:
    inside = False
    for number, text in enumerate(source.splitlines(), start=1):
        if HIDDEN_BEGIN in text:
            inside = True
        elif HIDDEN_END in text:
            inside = False
        if number == line:
            return inside
    return False


def _fixed_message(source: str, line: int) -> bool:
    """Is the failing assert's message made only of literal text (no values in it)?"""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert) and node.lineno <= line <= (node.end_lineno or node.lineno):
            return node.msg is not None and not any(isinstance(n, (ast.FormattedValue, ast.Name, ast.Attribute,
                                                                   ast.Subscript, ast.BinOp))
                                                    for n in ast.walk(node.msg)
                                                    if not (isinstance(n, ast.Name) and n.id == "tr"))
    return False


def clean_outputs(outputs, count: int) -> list:
    """The sandbox's outputs for one cell, checked to be nbformat outputs of plain strings."""
    from nbformat import from_dict

    clean = []
    if not isinstance(outputs, list):
        return clean
    for o in outputs[:200]:
        if not isinstance(o, dict):
            continue
        kind = o.get("output_type")
        if kind == "stream" and o.get("name") in ("stdout", "stderr") and isinstance(o.get("text"), str):
            clean.append({"output_type": "stream", "name": o["name"], "text": o["text"][:1_000_000]})
        elif kind in ("display_data", "execute_result") and isinstance(o.get("data"), dict):
            data = {k: v for k, v in o["data"].items() if isinstance(k, str) and isinstance(v, (str, dict, list))}
            out = {"output_type": kind, "data": data, "metadata": {}}
            if kind == "execute_result":
                out["execution_count"] = count
            clean.append(out)
        elif kind == "error":
            tb = o.get("traceback") if isinstance(o.get("traceback"), list) else []
            clean.append({"output_type": "error", "ename": str(o.get("ename", "Error"))[:200],
                          "evalue": str(o.get("evalue", ""))[:4000],
                          "traceback": [str(t)[:4000] for t in tb[:50]]})
    return [from_dict(o) for o in clean]
