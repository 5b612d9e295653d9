"""The teacher's pipeline on top of nbgrader: classes, rosters, release, collect, grade,
feedback, publish (one module per verb; the CLI is :mod:`graders.cli`).

Importing this package is cheap on purpose: nbgrader, openpyxl, matplotlib and rich are
imported inside the verbs that need them, so ``minicourse --help`` answers at once.
"""

__all__ = ["TeacherError"]

from .errors import TeacherError  # noqa: E402
