"""Benchmark: how `minicourse grade` grows with the class: time per submission at 10, 100 and
1,000 fabricated submissions (and a fit: fixed cost per command + cost per submission), with
the CPU cores kept busy and the peak memory of the whole process tree.

    .venv/bin/python benchmarks/grading_scale.py [--sizes 10 100 1000] [--workers N]
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).parent))

from grading import build  # noqa: E402
from measure import measure  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--assignment", default="ex1")
    parser.add_argument("--source", default=str(REPO / "tests" / "graders" / "fixtures" / "assignments"))
    args = parser.parse_args()

    env = dict(os.environ)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    print(f"{'submissions':>11} {'seconds':>8} {'per submission':>15} {'cores busy':>10} {'machine':>8} {'peak MB':>8}")
    points = []
    failed = 0
    for n in args.sizes:
        tmp = Path(tempfile.mkdtemp(prefix="minicourse-scale-"))
        try:
            school, klass = build(tmp / "school", n, Path(args.source), args.assignment)
            cmd = [sys.executable, "-m", "graders.cli", "--school", str(school.root), "grade", klass.id,
                   args.assignment, "--time-limit", "60"]
            if args.workers:
                cmd += ["--workers", str(args.workers)]
            run = measure(cmd, env=env)
            failed |= run.returncode not in (0, 1)
            points.append((n, run.seconds))
            print(f"{n:>11} {run.seconds:>8.1f} {1000 * run.seconds / n:>12.1f} ms {run.cores_busy:>10.2f} {run.machine_cores_busy:>8.2f} "
                  f"{run.peak_mb:>8.0f}", flush=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if len(points) >= 2:
        (n0, t0), (n1, t1) = points[0], points[-1]
        per = (t1 - t0) / (n1 - n0)
        print(f"fit: {t0 - per * n0:.2f} s fixed per command + {1000 * per:.1f} ms per submission")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
