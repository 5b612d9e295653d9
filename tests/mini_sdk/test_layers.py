"""mini_sdk's layers (docs/architecture.md, "Layers"): imports run one way.

The contracts are in pyproject.toml ([tool.importlinter]); import-linter checks them on the
import graph grimp builds from the source (imports inside functions count too; imports under
``if TYPE_CHECKING:`` do not). A second check finds import cycles anywhere in mini_sdk, inside a
layer as well. Both are also run on a copy of mini_sdk with one upward import added, so a
check that could never fail would show here.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LINT_IMPORTS = os.path.join(os.path.dirname(sys.executable), "lint-imports")

# Strongly connected components (Tarjan, iterative) of mini_sdk's import graph, printed as JSON.
_CYCLES = r"""
import json, grimp
graph = grimp.build_graph("mini_sdk", cache_dir=None, exclude_type_checking_imports=True)
edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in sorted(graph.modules)}
index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], [0]
for root in edges:
    if root in index:
        continue
    work = [(root, 0)]
    while work:
        node, i = work.pop()
        if i == 0:
            index[node] = low[node] = counter[0]; counter[0] += 1
            stack.append(node); on_stack.add(node)
        children = edges[node]
        if i < len(children):
            work.append((node, i + 1))
            child = children[i]
            if child not in index:
                work.append((child, 0))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
            continue
        for child in children:
            if child in on_stack and index[child] > index[node]:
                low[node] = min(low[node], low[child])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop(); on_stack.discard(top); component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))
print(json.dumps(found))
"""


def _cycles(root: str) -> list[set[str]]:
    done = subprocess.run([sys.executable, "-c", _CYCLES], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": root}, timeout=120)
    assert done.returncode == 0, done.stderr
    return [set(c) for c in json.loads(done.stdout)]


def _lint_imports(root: str) -> subprocess.CompletedProcess:
    return subprocess.run([LINT_IMPORTS, "--no-cache", "--no-logo", "--config",
                           os.path.join(root, "pyproject.toml")], cwd=root, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": root}, timeout=120)


def test_rule_mini_sdk_imports_run_from_each_layer_down_only():
    done = _lint_imports(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


def test_rule_mini_sdk_has_no_import_cycle():
    # (testing.launch takes a grader's handle by a mark on its class, not by importing remote)
    assert _cycles(REPO) == []


@pytest.fixture(scope="module")
def upward_copy(tmp_path_factory):
    """A copy of mini_sdk (and pyproject.toml) whose events module imports the phone."""
    root = str(tmp_path_factory.mktemp("upward"))
    shutil.copytree(os.path.join(REPO, "mini_sdk"), os.path.join(root, "mini_sdk"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(os.path.join(REPO, "pyproject.toml"), root)
    with open(os.path.join(root, "mini_sdk", "events.py"), "a", encoding="utf-8") as fh:
        fh.write("\nfrom .phone import Phone  # an upward import\n")
    return root


def test_an_upward_import_breaks_the_layers_contract(upward_copy):
    done = _lint_imports(upward_copy)
    assert done.returncode != 0
    assert "mini_sdk.events is not allowed to import mini_sdk.phone" in done.stdout, done.stdout


def test_an_upward_import_makes_a_cycle_that_is_found(upward_copy):
    cycles = _cycles(upward_copy)
    assert any({"mini_sdk.events", "mini_sdk.phone"} <= c for c in cycles), cycles
