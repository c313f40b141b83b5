"""When a healthy source is due again (shared by every polling job)."""

from __future__ import annotations

from datetime import datetime, timedelta

#: A source is due this much before its interval has passed, so a scheduler tick that comes a moment early
#: (the tick equals the interval, or the cycle started a little after its tick) does not skip it for a whole tick.
SCHEDULE_SLACK = timedelta(seconds=5)


def next_poll_after_success(now: datetime, interval: timedelta, slack: timedelta = SCHEDULE_SLACK) -> datetime:
    """The next poll of a healthy source: one interval after `now`, less the slack (at most half the interval)."""
    return now + interval - min(slack, interval / 2)
