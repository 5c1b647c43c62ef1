"""Runs last (its name sorts after every other test): no log line of the whole run names a
runner by their raw Telegram id; runners appear as a keyed hash only."""

from __future__ import annotations

import pytest

from tests.support.log_scan import SCAN


def test_no_log_line_of_the_run_holds_a_raw_runner_id() -> None:
    if not SCAN.runner_ids or not SCAN.lines:
        pytest.skip("only meaningful after a run of many tests")
    leaks = SCAN.lines_with_raw_ids()
    print(
        f"log scan: {len(SCAN.lines)} lines at INFO and above from {len(SCAN.runner_ids)} "
        f"emulated runners; {len(leaks)} with a raw id"
    )
    assert leaks == []
