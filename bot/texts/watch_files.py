"""Texts about a file sent from a watch: what was read from it, or why it couldn't be."""

from __future__ import annotations

READ = "Read from your watch: {details}."
READ_MINUTES = "{minutes} min"
READ_DISTANCE = "{distance:.1f} {unit}"
READ_HEART_RATE = "average heart rate {heart_rate}"
ATTACHED = "Added to your session of {day}."
NEW_LOG = (
    "Saved as a session on {day}. How much of it was backwards? Tell me with "
    "/log, e.g. /log {day} 10 min effort 5."
)
UNIT_NAMES: dict[str, str] = {"km": "km", "mi": "mi"}

# Keyed by WatchFileProblem values.
REFUSALS: dict[str, str] = {
    "too_large": (
        "That file is over {limit_mb} MB, more than one run needs. Could you export just "
        "this activity and send that?"
    ),
    "unknown_format": (
        "I can read GPX, TCX and FIT files from a watch, and this isn't one of them. Your "
        "watch's app usually has an Export option that makes one."
    ),
    "malformed": (
        "I couldn't read that file: it looks damaged or cut short. Try exporting it again, "
        'or just type the numbers, like "avg hr 140, 3 km".'
    ),
    "no_activity": (
        "That file opened fine but holds no recorded run (maybe a planned route?). Send the "
        "recording of the run itself."
    ),
}

# A document whose size Telegram did not say is never downloaded.
SIZE_UNKNOWN = (
    "I couldn't tell how big that file is, so I didn't open it. Could you send it again "
    "as a file from your watch's app?"
)
# Files are read a couple at a time; this one waits its turn.
ONE_MOMENT = "Got it, one moment: I'm still reading another file."
