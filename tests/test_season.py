"""The season simulator: scripted runners over weeks of the real bot on a simulated clock.

The short form (three personas, six weeks) runs in every test run; the full season (every
persona, sixteen weeks) with SOAK=1 (`make soak`), or as `python -m bench.season`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.season import PERSONAS, SHORT_FORM, live_season

SOAK = os.environ.get("SOAK") == "1"


async def test_three_personas_live_six_weeks_as_expected(tmp_path: Path) -> None:
    personas = [persona for persona in PERSONAS if persona.name in SHORT_FORM]

    trajectories = await live_season(personas, 6, tmp_path)

    assert {t.persona.name: t.problems() for t in trajectories} == {name: [] for name in SHORT_FORM}
    assert all(len(t.weeks) == 6 for t in trajectories)
    # They all trained: every week has sessions, and the pain-free beginner moved up.
    assert all(week.sessions for t in trajectories for week in t.weeks)
    beginner = next(t for t in trajectories if t.persona.name == "pain-free beginner")
    assert beginner.level_at(4) >= 1


@pytest.mark.skipif(not SOAK, reason="the full season runs with SOAK=1 (make soak)")
async def test_every_persona_lives_sixteen_weeks_as_expected(tmp_path: Path) -> None:
    trajectories = await live_season(PERSONAS, 16, tmp_path)

    assert {t.persona.name: t.problems() for t in trajectories} == {
        persona.name: [] for persona in PERSONAS
    }
