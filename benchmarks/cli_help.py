"""How fast the teacher CLI answers --help (issue 6: "well under a second").

    .venv/bin/python benchmarks/cli_help.py

Each figure is the best of five fresh processes, as a teacher would run them.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VERBS = ["class", "roster", "release", "collect", "grade", "feedback", "publish", "demo"]


def seconds(args: list[str]) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "graders.cli", *args], cwd=REPO, check=True,
                       capture_output=True, env=dict(os.environ, PYTHONPATH=str(REPO)))
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    print(f"minicourse --help            {seconds(['--help']):.3f} s")
    for verb in VERBS:
        print(f"minicourse {verb + ' --help':<18}{seconds([verb, '--help']):.3f} s")


if __name__ == "__main__":
    main()
