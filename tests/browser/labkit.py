"""Helpers for the browser tests: the JupyterLab server's description, its kernel spec and
opening a notebook (fixtures are in conftest.py). Imported as ``labkit``, never as
``conftest``: other test folders have a conftest.py of their own."""
from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "artifacts" / "browser"


@dataclass
class Lab:
    url: str
    token: str
    notebooks: Path
    pid: int
    log: Path

    def tree(self, name: str) -> str:
        # ?reset: start from an empty workspace (no tabs of earlier tests restored)
        return f"{self.url}/lab/tree/{name}?reset&token={self.token}"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


KERNEL = "minicourse-venv"


def write_kernel_spec(data_dir: Path) -> None:
    """The kernel is this interpreter (the repo's .venv), importing mini_sdk from the repo.

    Its own name: in a virtualenv Jupyter prefers the environment's "python3" spec over the
    one in JUPYTER_DATA_DIR, so a spec named "python3" here would be silently ignored."""
    spec_dir = data_dir / "kernels" / KERNEL
    spec_dir.mkdir(parents=True)
    env = {"PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
           "MINICOURSE_LANG": "en"}
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (minicourse)", "language": "python", "env": env,
            "metadata": {"debugger": False}}
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1))


def open_notebook(page, lab: Lab, name: str, cells: list[str], ui: str = "lab"):
    """Write ``cells`` as a notebook, open it in JupyterLab (``ui="lab"``) or Notebook 7
    (``ui="notebook"``) and run all cells; returns the locator of its notebook panel."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3 (minicourse)",
                                 "language": "python"}
    nbformat.write(nb, str(lab.notebooks / name))
    if ui == "notebook":
        page.goto(f"{lab.url}/notebooks/{name}?token={lab.token}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=30_000)
        # Notebook 7 has no status bar: the toolbar names the kernel once it really runs
        page.wait_for_function(
            "() => (document.querySelector('.jp-KernelName')?.textContent || '').includes('minicourse')"
            " && document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status === 'idle'",
            timeout=30_000)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        return page.locator(".jp-NotebookPanel")
    page.goto(lab.tree(name))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=30_000)
    # The one known flake: the notebook says idle before a kernel exists. The status bar's
    # "| Idle" only shows once the kernel has really started.
    page.wait_for_function(
        "() => (document.querySelector('#jp-main-statusbar')?.textContent || '').includes('| Idle')",
        timeout=30_000)
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    return page.locator(".jp-NotebookPanel:visible")
