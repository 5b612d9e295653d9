"""Benchmark: grade the same 100 fabricated submissions with `minicourse grade` and with stock
`nbgrader autograde`, in one run; print both times, the ratio and whether every score agrees.

    .venv/bin/python benchmarks/grading.py [--students 100] [--workers N] [--keep]

Both start from identical copies of one class folder (same gradebook, same submitted/ files,
same nbgrader_config.py) and run as command-line programs, so each pays its own start-up.
Submissions cycle through correct, partly wrong, blank, exception and a deleted test cell
(faults whose scores both must agree on; infinite loops and crashes are not compared:
stock nbgrader waits 30 s per cell, and drops crashed submissions).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).parent))

from measure import measure  # noqa: E402

KINDS = ["correct", "partly_wrong", "blank", "exception", "deleted_test"]


def build(root: Path, students: int, assignment_root: Path, assignment: str):
    from graders import fabricate
    from graders.classes import create_class
    from graders.collect import collect
    from graders.release import release, source_variants
    from graders.roster import import_roster
    from graders.school import School

    school = School.open(root, create=True)
    klass = create_class(school, "bench", "Benchmark 班", "en")
    roster = root / "roster.csv"
    roster.write_text("student number,name\n" + "".join(f"B{i:03d},学生{i:03d}\n" for i in range(1, students + 1)),
                      encoding="utf-8")
    import_roster(klass, roster)
    due = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    release(klass, assignment, due, assignment_root)
    notebooks = sorted(source_variants(assignment_root / assignment))
    cache = {}
    when = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
    for i in range(1, students + 1):
        kind = KINDS[(i - 1) % len(KINDS)]
        if kind not in cache:
            cache[kind] = fabricate.submission_files(klass, assignment, kind, notebooks)
        fabricate.write_inbound(klass, f"B{i:03d}", assignment, cache[kind], when + dt.timedelta(seconds=i))
    collect(klass, assignment)
    return school, klass


def scores(db_url: str, assignment: str) -> dict:
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(db_url) as gb:
        a = gb.find_assignment(assignment)
        for sub in a.submissions:
            for nb in sub.notebooks:
                for g in nb.grades:
                    out[(sub.student_id, nb.name, g.name)] = (g.auto_score, bool(g.needs_manual_grade))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--assignment", default="ex1")
    parser.add_argument("--source", default=str(REPO / "tests" / "graders" / "fixtures" / "assignments"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    parser.add_argument("--rounds", type=int, default=1,
                        help="grade the same copies this many times, minicourse and stock in turn")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="minicourse-bench-"))
    env = dict(os.environ)
    bindir = os.path.dirname(sys.executable)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    try:
        print(f"building a class of {args.students} fabricated submissions in {tmp} ...", flush=True)
        school, klass = build(tmp / "ours", args.students, Path(args.source), args.assignment)
        # identical copy for stock nbgrader: same gradebook file, same submitted/ folders
        stock_root = tmp / "stock"
        shutil.copytree(klass.root, stock_root, symlinks=True)
        config = (stock_root / "nbgrader_config.py").read_text().replace(str(klass.root), str(stock_root))
        (stock_root / "nbgrader_config.py").write_text(config)

        cores = os.cpu_count()
        cmd = [sys.executable, "-m", "graders.cli", "--school", str(school.root), "grade", klass.id,
               args.assignment, "--time-limit", "60", "--regrade"]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        ours_runs, stock_runs = [], []
        for round_ in range(args.rounds):
            ours = measure(cmd, env=env)
            ours_runs.append(ours)
            print(f"round {round_ + 1}: minicourse grade {ours.seconds:7.1f} s (exit {ours.returncode}, "
                  f"{args.workers or cores} workers on {cores} cores, {ours.cores_busy:.2f} cores busy by the tree's "
                  f"waited-for CPU time, {ours.machine_cores_busy:.2f} by the whole machine's, peak {ours.peak_mb:.0f} MB for the whole process tree)", flush=True)
            stock = measure([os.path.join(bindir, "nbgrader"), "autograde", args.assignment, "--force"],
                            cwd=stock_root, env=env)
            stock_runs.append(stock)
            print(f"round {round_ + 1}: stock nbgrader autograde {stock.seconds:7.1f} s (exit {stock.returncode}, "
                  f"{stock.cores_busy:.2f} cores busy (machine {stock.machine_cores_busy:.2f}), peak {stock.peak_mb:.0f} MB)", flush=True)
        t_ours = min(r.seconds for r in ours_runs)
        t_stock = min(r.seconds for r in stock_runs)
        one = measure(cmd + ["--student", "B001"], env=env)
        print(f"fixed cost of one command (grading one submission): {one.seconds:.1f} s")
        a = scores(klass.gradebook_url, args.assignment)
        b = scores(f"sqlite:///{stock_root / 'gradebook.db'}", args.assignment)
        differ = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
        print(f"ratio (stock / minicourse), best of {args.rounds}: {t_stock / t_ours:.2f}x "
              f"(range {min(r.seconds for r in stock_runs) / max(r.seconds for r in ours_runs):.2f}"
              f"-{max(r.seconds for r in stock_runs) / min(r.seconds for r in ours_runs):.2f}x)")
        print(f"per submission: minicourse {1000 * t_ours / args.students:.0f} ms "
              f"({1000 * (t_ours - one.seconds) / max(1, args.students - 1):.0f} ms beyond the fixed cost), "
              f"stock {1000 * t_stock / args.students:.0f} ms")
        print(f"grades compared: {len(set(a) | set(b))} (student x question), "
              f"students graded: minicourse {len({k[0] for k in a})}, stock {len({k[0] for k in b})}")
        if differ:
            print(f"scores agree: NO ({len(differ)} differ), e.g.:")
            for k in differ[:10]:
                print("   ", k, "minicourse:", a.get(k), "stock:", b.get(k))
        else:
            print("scores agree: yes, every one")
        if ours.returncode not in (0, 1):
            print(ours.stdout[-2000:], ours.stderr[-2000:])
        return 0 if not differ and ours.returncode in (0, 1) else 1
    finally:
        if args.keep:
            print("kept", tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
