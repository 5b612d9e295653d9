"""Late-penalty plugins on nbgrader's LateSubmissionPlugin interface (see graders.late)."""
from __future__ import annotations

import math

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float


class PerHourPenalty(LateSubmissionPlugin):
    """P points off for every started hour late (nbgrader's plugin interface)."""

    points_per_hour = Float(1.0, help="points taken off per started hour late").tag(config=True)

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        return min(score, math.ceil(total_seconds_late / 3600) * self.points_per_hour)


class PercentPerDayPenalty(LateSubmissionPlugin):
    """N % of the score off for every started day late."""

    percent_per_day = Float(10.0, help="per cent of the score taken off per started day late").tag(config=True)

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        return min(score, score * self.percent_per_day / 100 * math.ceil(total_seconds_late / 86400))
