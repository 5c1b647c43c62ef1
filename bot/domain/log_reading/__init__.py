"""Reading what a runner tells us after a session, without Telegram: the free-text log
reply, the next-morning check-in answer and the arguments of /log.
"""

from __future__ import annotations

from bot.domain.log_reading.manual import ManualLog, ManualLogProblem, parse_manual_log
from bot.domain.log_reading.morning import parse_morning_answer, parse_sore_or_joint
from bot.domain.log_reading.red_flags import red_flags_in
from bot.domain.log_reading.reply import Doubt, LogReply, parse_log_reply
from bot.domain.log_reading.scales import EffortBand, effort_band
from bot.domain.log_reading.signs import BodyPart, RedFlag

__all__ = [
    "BodyPart",
    "Doubt",
    "EffortBand",
    "LogReply",
    "ManualLog",
    "ManualLogProblem",
    "RedFlag",
    "effort_band",
    "parse_log_reply",
    "parse_manual_log",
    "parse_morning_answer",
    "parse_sore_or_joint",
    "red_flags_in",
]
