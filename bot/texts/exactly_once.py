"""What the runner reads when a message or tap is not applied again."""

from bot.texts.translation import localize

EDIT_NOT_APPLIED = (
    "✏️ Edits don't reach me, so that change wasn't recorded. Please send it as a new "
    "message instead. To change an answer from set-up (the health questions too), use "
    "/profile once we're done."
)
OFFER_ALREADY_ANSWERED = "✅ Already taken care of: that choice was made earlier."


localize(__name__)
