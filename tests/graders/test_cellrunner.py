"""The sandbox's fork-server (graders/cellrunner.py), run as a plain process: what it loads once
for every submission changes nothing a student's cells see or a teacher reads."""
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

STUDENT = r"""
import json, sys
sys.path.insert(0, {graders!r})
import cellrunner
if not {warm!r}:
    cellrunner.warm_error_path = lambda shell: None   # the same fork-server, without the warm-up
cellrunner.preload()
loaded = sorted(m for m in sys.modules if m.startswith(("stack_data", "mini_sdk.messages", "mini_sdk.live_preview")))
job = cellrunner.Job({{"id": 1, "language": {language!r}}}, None)
cells = [
    "def add(a, b):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n",
    "add(1, 2)",
    "sorted(k for k in globals() if not k.startswith('__') and k not in ('In', 'Out', 'exit', 'quit', 'get_ipython', 'open'))",
    "import sys\n[hasattr(sys, n) for n in ('last_type', 'last_value', 'last_traceback')]",
    "vowels('abc')",
]
print(json.dumps([job.run_cell(c) for c in cells] + [loaded]))
"""


def run_cells(warm: bool, language: str) -> list:
    script = STUDENT.format(graders=str(REPO / "graders"), warm=warm, language=language)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_warm_error_path_changes_nothing_the_student_or_teacher_sees():
    for language in ("en", "zh-Hant"):
        warm, cold = run_cells(True, language), run_cells(False, language)
        *warm_cells, warm_loaded = warm
        *cold_cells, _ = cold
        assert warm_cells == cold_cells
        stub, names, last = warm_cells[1], warm_cells[2], warm_cells[3]
        # the untouched stub: explained in the student's language first, then IPython's traceback
        assert stub["failed"] and stub["outputs"][-1]["ename"] == "NotImplementedError"
        first = stub["outputs"][-1]["traceback"][0]
        assert ("換成你自己的程式碼" in first) if language == "zh-Hant" else ("replace" in first.lower())
        assert any("add(1, 2)" in line for line in stub["outputs"][-1]["traceback"][1:])
        # the student's namespace holds only what they made: nothing from the warm-up
        assert names["outputs"][0]["data"]["text/plain"] == "['_', '_dh', '_i', '_i1', '_i2', '_i3', '_ih', '_ii', '_iii', '_oh', 'add']"
        assert last["outputs"][0]["data"]["text/plain"] == "[True, True, True]"  # from add(1, 2) alone
        # and the traceback's machinery and the explanations were loaded by the warm-up, once,
        # not in each submission's child by its first error
        assert "stack_data" in warm_loaded and "mini_sdk.messages" in warm_loaded
        # as is the live preview, which the homework's cells call (preview(program))
        assert "mini_sdk.live_preview" in warm_loaded


def test_a_later_name_error_is_the_students_own():
    warm = run_cells(True, "en")
    missing = warm[4]
    assert missing["failed"] and missing["outputs"][-1]["ename"] == "NameError"
    assert "vowels" in missing["outputs"][-1]["evalue"]
