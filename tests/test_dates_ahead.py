"""The suite's date-sensitive paths a year from now: the end-to-end runs (feed dates, the 3-day freshness windows of
news and filings, digests, `until=` of alert rules through the handlers) in a child pytest whose wall clock is moved
365 days ahead by `--days-ahead` (conftest). A fixture date that only works near the day it was written fails here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATE_SENSITIVE = (
    "tests/test_e2e_news.py",
    "tests/test_sec_e2e.py",
    "tests/test_alerts_e2e.py",
    "tests/test_deploy_modes.py",
    "tests/test_fuzz_commands.py",
    "tests/test_startup.py",
)


def test_the_date_sensitive_paths_pass_a_year_ahead() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--days-ahead", "365", *DATE_SENSITIVE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout.splitlines()[-1]
