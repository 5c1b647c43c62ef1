"""Texts of /history, /export and /delete."""

from __future__ import annotations

HISTORY_EMPTY = "No sessions logged yet. After your first one, they'll all be here."
HISTORY_HEADER = "Your sessions, newest first ({first}–{last} of {total}):"
HISTORY_LINE = "{day} · {what} · {reverse} backwards{details}"
HISTORY_DETAIL = " · {detail}"
HISTORY_STOPPED = " · stopped early"
HISTORY_HEART_RATE = " · HR {heart_rate}"
HISTORY_NOTE = "\n   {at} “{note}”"
HISTORY_MANUAL = "logged by hand"
HISTORY_WATCH = "from a watch"
BUTTON_NEWER = "◀ Newer"
BUTTON_OLDER = "Older ▶"

EXPORT_CAPTION_CSV = "Your sessions, one row each (opens in any spreadsheet)."
EXPORT_CAPTION_JSON = "Everything I keep about you: profile, plan, logs and reminders."
NOTHING_TO_EXPORT = "I don't have any data about you yet."

DELETE_QUESTION = (
    "Delete everything I know about you: profile, plan, every logged session and your "
    "reminders? This can't be undone. (/export first if you want a copy.)"
)
BUTTON_DELETE = "🗑 Yes, delete everything"
BUTTON_KEEP = "Keep my data"
DELETED = "Done: everything about you is deleted and your reminders are off. /start begins afresh."
KEPT = "Nothing deleted."
