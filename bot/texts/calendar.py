"""The words inside the /calendar file: the calendar's name and each session's title and
description. The description's other lines come from `texts.plan` and `texts.programme`.
"""

from __future__ import annotations

from bot.texts.translation import localize

CALENDAR_NAME = "Backstride"
EVENT_SUMMARY = "Backstride: {shape}"
EVENT_TOTAL = "About {minutes} min in all, {place}."

# /calendar in the chat.
FEED_LINK = (
    "📅 To keep your calendar current, subscribe to this address in your calendar app "
    "(Google Calendar: Other calendars › From URL; Apple Calendar: File › New Calendar "
    "Subscription; Outlook: Add calendar › Subscribe from web):\n{url}\n\n"
    "It follows your plan as it adapts. Keep it to yourself: anyone with it sees your "
    "sessions. /calendar reset makes a new address and switches this one off."
)
FEED_RESET = "Done: the old address no longer works. Your new one:\n{url}"
NO_FEED = (
    "This coach runs without a public web address (polling mode), so it can't serve a "
    "calendar that updates itself. The file above is a snapshot: send /calendar again after "
    "your plan changes."
)
NO_FEED_TO_RESET = (
    "There is no calendar address to reset: this coach runs without a public web address "
    "(polling mode), so it only sends calendar files. /calendar sends a fresh one."
)


localize(__name__)
