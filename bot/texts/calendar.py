"""The words inside the /calendar file: the calendar's name and each session's title and
description. The description's other lines come from `texts.plan` and `texts.programme`.
"""

from __future__ import annotations

CALENDAR_NAME = "Backstride"
EVENT_SUMMARY = "Backstride: {shape}"
EVENT_TOTAL = "About {minutes} min in all, {place}."
