"""Texts of /progress: the summary under the chart, the chart's own words, and the one
sentence that says what the last weeks mean.

`INTERPRETATIONS` is keyed by the string values of `bot.domain.progress.Interpretation`.
"""

from __future__ import annotations

from bot.domain.progress import ProgressSummary

NO_DATA = (
    "No sessions logged in the last {weeks} weeks yet, so there's nothing to draw. "
    "Once you've done one, with /go or noted with /log, your weeks show up here. 🌱"
)

HEADLINE = "📈 Your progress · {level}"
MINUTES_LINE = (
    "Backwards: {this_week} this week, {last_week} last week, {total} over {weeks} weeks."
)
STREAK_ONE = "Streak: 1 week with a session."
STREAK_MANY = "Streak: {weeks} weeks in a row with a session. 🔥"
TREND_LINE = "Last two weeks: effort {effort}, pain {pain}."
MINUTES = "{minutes} min"
UNDER_A_MINUTE = "under 1 min"
SCORE = "{score}/10"
NOT_RATED = "not rated"

INTERPRETATIONS: dict[str, str] = {
    "early_days": "Early days: a few more sessions and the trend will show.",
    "quiet": "A quiet couple of weeks: one short session gets you going again.",
    "welcome_back": "Welcome back after a break: start gently and build up again.",
    "pain_high": (
        "Pain has been high lately: take it easier this week, and if it lingers, "
        "get it checked by a physio or doctor."
    ),
    "pain_rising": "Pain has been creeping up: take it easier this week.",
    "adapting": "Same effort for more minutes backwards than a month ago: you're adapting.",
    "easier": "The same work feels easier than a month ago: you're adapting.",
    "harder": "Sessions feel harder than a month ago: no rush, let this level settle.",
    "longer": "More reverse minutes per session than a month ago: steady growth.",
    "steady": "Steady weeks: regular sessions are what make backwards running stick.",
}

# The chart (the runner reads these in the picture).
CHART_MINUTES_TITLE = "Reverse minutes per week"
CHART_SCORES_TITLE = "Effort and pain (weekly average, 0-10)"
CHART_EFFORT = "Effort"
CHART_PAIN = "Pain"
CHART_WEEK = "{day} {month}"  # the Monday that starts the week
# Under the chart, the numbers it shows: "In the chart (week: reverse min, effort ●, pain ■):
# 16 Nov: 12 min, 5, 1 · 23 Nov: 15 min, 6, -".
CHART_CAPTION = "In the chart (week of: backwards, effort ●, pain ■): {weeks}."
CHART_CAPTION_WEEK = "{week}: {minutes} min, {effort}, {pain}"
CHART_CAPTION_JOIN = " · "
CHART_NO_ANSWER = "-"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def progress_message(summary: ProgressSummary, level: str) -> str:
    """The words sent with the chart: headline with the runner's level, reverse minutes,
    streak, the trend lately and the interpretation; the kind no-data message without data."""
    if not summary.has_data:
        return NO_DATA.format(weeks=len(summary.weeks))
    last_week, this_week = (week.stats for week in summary.weeks[-2:])
    lines = [
        HEADLINE.format(level=level),
        MINUTES_LINE.format(
            this_week=weekly_minutes(this_week.reverse_seconds),
            last_week=weekly_minutes(last_week.reverse_seconds),
            total=weekly_minutes(summary.reverse_seconds),
            weeks=len(summary.weeks),
        ),
    ]
    if summary.streak_weeks == 1:
        lines.append(STREAK_ONE)
    elif summary.streak_weeks > 1:
        lines.append(STREAK_MANY.format(weeks=summary.streak_weeks))
    if summary.recent.effort is not None or summary.recent.pain is not None:
        lines.append(
            TREND_LINE.format(
                effort=score_text(summary.recent.effort), pain=score_text(summary.recent.pain)
            )
        )
    lines.append(INTERPRETATIONS[summary.interpretation])
    return "\n".join(lines)


def score_text(value: float | None) -> str:
    """An average as "5/10" or "5.5/10"; "not rated" without answers."""
    if value is None:
        return NOT_RATED
    return SCORE.format(score=average_text(value))


def average_text(value: float) -> str:
    """An answer or an average of answers: "5", "5.5"."""
    return f"{value:.1f}".removesuffix(".0")


def weekly_minutes(seconds: int) -> str:
    """Reverse time in whole minutes, as weekly figures read best (here and in /plan's
    week, so the two read alike); "under 1 min" for a few seconds, so a short session never
    shows as nothing."""
    if 0 < seconds < 30:
        return UNDER_A_MINUTE
    return MINUTES.format(minutes=round(seconds / 60))
