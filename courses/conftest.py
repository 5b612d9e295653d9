"""Run every lesson notebook under pytest with nbval (lax: a cell fails only if it raises).

One test per notebook (``courses/01-hello-mini-program/lesson.en.ipynb::top to bottom``): its
cells run in order in one kernel, each executed and checked by nbval's own cell runner.

Collected without any command-line flag, so ``.venv/bin/python -m pytest`` checks the lessons
as soon as ``courses`` is in ``testpaths``; ``pytest courses`` works today. Each notebook runs
top to bottom in a fresh kernel of *this* Python (the venv's), started in the notebook's
folder with ``JPY_SESSION_NAME`` set to the notebook's path, exactly as JupyterLab does, so
``mini_sdk.get_language()`` picks the notebook's language and every self-check speaks it.

Only ``*.ipynb`` files are collected here; the builder (``build.py``) has its tests in
``tests/courses/``.
"""
from __future__ import annotations

import functools
import os
import tempfile
from unittest import mock

import pytest


try:
    from jupyter_client.manager import KernelManager
    from nbval.kernel import CURRENT_ENV_KERNEL_NAME, RunningKernel
    from nbval.plugin import IPyNbFile
except ImportError:  # pragma: no cover - nbval is a test dependency
    IPyNbFile = None


if IPyNbFile is not None:
    #: this test process's kernels' sockets (one kernel at a time; jupyter_client numbers them)
    _SOCKETS = tempfile.TemporaryDirectory(prefix="minicourse-kernels-")

    class LessonNotebook(IPyNbFile):
        """nbval's notebook collector, lax, on the current environment's kernel."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.compare_outputs = False  # --nbval-lax: outputs are the student's business

        def setup(self):
            # the kernel inherits the environment at start: make it the notebook's language
            # over Unix sockets, not TCP ports: a port jupyter_client picked (and let go) can
            # be taken by another test's socket before the kernel binds it, and the kernel dies
            # at start (jupyter/jupyter_client#487); the suite runs several workers at once
            over_sockets = functools.partial(KernelManager, transport="ipc",
                                             ip=os.path.join(_SOCKETS.name, "kernel"))
            with mock.patch.dict(os.environ, {"JPY_SESSION_NAME": str(self.fspath)}), \
                    mock.patch("nbval.kernel.KernelManager", over_sockets):
                os.environ.pop("MINICOURSE_LANG", None)
                self.kernel = RunningKernel(
                    CURRENT_ENV_KERNEL_NAME,
                    cwd=str(self.fspath.dirname),
                    startup_timeout=self.config.option.nbval_kernel_startup_timeout,
                )
            self.setup_sanitize_files()

        def collect(self):
            cells = list(super().collect())
            yield WholeNotebook.from_parent(self, name="top to bottom", cells=cells)

    class CellFailed(Exception):
        """A cell of the notebook failed; ``report`` is nbval's explanation of it."""

        def __init__(self, report: str) -> None:
            super().__init__(report)
            self.report = report

    class WholeNotebook(pytest.Item):
        """All of a notebook's cells, in order, in its one kernel, as ONE test: xdist can then
        never split a notebook across workers (nbval's one-test-per-cell needs
        ``--dist loadfile``). Each cell is still run and judged by nbval; the first failing
        cell is reported with its input and traceback."""

        def __init__(self, *, cells, **kwargs):
            super().__init__(**kwargs)
            self.cells = cells

        def runtest(self):
            for cell in self.cells:
                if cell.options.get("skip"):
                    continue
                try:
                    cell.runtest()
                except Exception as exc:  # nbval's NbCellError, or a dead kernel
                    info = pytest.ExceptionInfo.from_exception(exc)
                    raise CellFailed(str(cell.repr_failure(info))) from None

        def repr_failure(self, excinfo):
            if isinstance(excinfo.value, CellFailed):
                return excinfo.value.report
            return super().repr_failure(excinfo)

        def reportinfo(self):
            return self.path, 0, f"{self.parent.name} (all cells)"


def pytest_collect_file(file_path, parent):
    if IPyNbFile is None or file_path.suffix != ".ipynb":
        return None
    if ".ipynb_checkpoints" in file_path.parts:
        return None
    option = parent.config.option
    if getattr(option, "nbval", False) or getattr(option, "nbval_lax", False):
        return None  # nbval's own plugin collects it when asked on the command line
    return LessonNotebook.from_parent(parent, path=file_path)
