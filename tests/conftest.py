"""Running the suite on several cores (pytest-xdist; scripts/test.sh uses ``--dist loadgroup``).

Tests that share an expensive fixture, or a resource only one test at a time may use, run on
the same worker: each such test gets ``xdist_group`` named below, so the fixture is built once
and never twice at the same time. (The homework tests put each assignment-language pair in
its own group through their parameters: tests/assignments/homework.py.)
"""
from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent

#: fixture -> xdist group of every test using it (directly or through another fixture)
SHARED = {
    "graded_template": "graded-school",  # tests/graders: the class graded once (grading 11 submissions)
    "red_team": "red-team",              # tests/graders/test_redteam.py: every attack graded once
    "controls_alone": "red-team",        #   ... and the honest controls graded alone
    "postgres": "postgres",              # tests/graders/test_postgres.py: one PostgreSQL server
    "jupyter_lab": "jupyter-lab",        # tests/browser: one JupyterLab (and artifacts/browser/jupyter.log)
    "hub": "hub-browser",                # tests/browser/test_hub_browser.py: one hub (accounts mc-s101..)
}
#: test module -> xdist group of all its tests
MODULES = {
    "graders/test_hub.py": "hub-accounts",  # its tests make and delete the same Unix accounts (mc-s003)
    "graders/test_lti.py": "hub-accounts",  # a real hub too, on the same kind of accounts
}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("xdist_group") is not None:
            continue
        used = getattr(item, "fixturenames", ())
        group = next((group for fixture, group in SHARED.items() if fixture in used),
                     MODULES.get(item.path.relative_to(HERE).as_posix()
                                 if item.path.is_relative_to(HERE) else None))
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))


@pytest.hookimpl(tryfirst=True)  # before xdist sends the ids to the scheduler
def pytest_collection_finish(session):
    """pytest-xdist 3.8 tells the scheduler a test's group by appending ``@group`` to
    ``item._nodeid``, which pytest 9 no longer reads (a node's id is ``item._id``): without
    this, ``--dist loadgroup`` silently spreads a group over every worker. Done here, in the
    worker, as xdist meant it; a no-op when xdist did it itself, or outside loadgroup."""
    if not getattr(session.config.option, "loadgroup", False):
        return
    from _pytest.nodeid import NodeId

    for item in session.items:
        names = {str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                 for mark in item.iter_markers("xdist_group")}
        if names and "@" not in item.nodeid.rpartition("]")[2]:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(sorted(names))}")
