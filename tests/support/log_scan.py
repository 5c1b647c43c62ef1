"""Every log line of a test run, kept to look for runners' raw Telegram ids afterwards.

Installed by tests/conftest.py for the whole run: a handler on the root logger at INFO (what a
deployment logs; DEBUG is checked by the hygiene test) and a note of every emulated runner's
id. `tests/test_zz_log_scan.py` runs last and reads them.
"""

from __future__ import annotations

import logging
import re

from bot.emulator.user import EmulatedUser

# Ids this small also read as counts and minutes; every runner in the suite has a larger one.
_SMALLEST_CHECKED = 100
# Numbers inside tags, dates or versions are not ids (a clock time is too small to be one);
# nor is an update's own number.
_NUMBER = re.compile(r"(?<![\w.-])(?<!update )(\d+)(?![\w.])")
# A traceback's "line 1010" is a place in a source file, not an id.
_SOURCE_LINE = re.compile(r"\bline \d+")


class LogScan(logging.Handler):
    """Keeps the formatted lines, and the ids of the runners the tests emulate."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.lines: list[str] = []
        self.runner_ids: set[int] = set()

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the line (tracebacks included)."""
        self.lines.append(self.format(record))

    def install(self) -> None:
        """Listen to every logger, and note each emulated runner as it is made."""
        root = logging.getLogger()
        root.addHandler(self)
        if root.level > logging.INFO or root.level == logging.NOTSET:
            root.setLevel(logging.INFO)
        original = EmulatedUser.__post_init__
        scan = self

        def noting(user: EmulatedUser) -> None:
            scan.runner_ids.add(user.user_id)
            original(user)

        EmulatedUser.__post_init__ = noting  # type: ignore[method-assign]

    def lines_with_raw_ids(self) -> list[str]:
        """The lines that name a runner by their raw id."""
        ids = {str(i) for i in self.runner_ids if abs(i) >= _SMALLEST_CHECKED}
        return [
            line for line in self.lines if ids & set(_NUMBER.findall(_SOURCE_LINE.sub("", line)))
        ]


SCAN = LogScan()
