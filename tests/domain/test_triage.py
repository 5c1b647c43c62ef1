"""Triage of what runners type: real-looking phrases, each with the class it must get."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.log_reading import red_flags_in
from bot.domain.log_reading.triage import RESPONSES, Triage, after_pain, triage

C, F, J, U, S, P, B, R, N = (
    Triage.CARDIAC,
    Triage.FALL,
    Triage.JOINT,
    Triage.UNCLEAR,
    Triage.STOP,
    Triage.PAIN,
    Triage.BEARABLE_PAIN,
    Triage.REASSURE,
    Triage.NOTE,
)

PHRASES: list[tuple[str, Triage]] = [
    # Cardiac or neurological signs.
    ("chest feels tight", C),
    ("my chest hurts", C),
    ("chest pain", C),
    ("pain in my chest", C),
    ("tight chest and sweating", C),
    ("pressure in my chest", C),
    ("crushing feeling", C),
    ("my jaw aches", C),
    ("left arm hurts", C),
    ("pain in my arm and chest", C),
    ("I feel faint", C),
    ("feeling faint", C),
    ("nearly passed out", C),
    ("blacked out for a sec", C),
    ("I fainted", C),
    ("heart racing like crazy", C),
    ("my heart was racing and wouldn't slow", C),
    ("palpitations", C),
    ("heart skipping beats", C),
    ("irregular heartbeat", C),
    ("can't breathe", C),
    ("cant catch my breath", C),
    ("struggling to breathe", C),
    ("gasping for air", C),
    ("very breathless", C),
    ("really short of breath", C),
    ("sudden weakness in my leg", C),
    ("legs went weak", C),
    ("left arm is numb", C),
    ("tingling in my arm", C),
    ("face feels numb", C),
    ("blurred vision", C),
    ("seeing stars", C),
    ("speech feels slurred", C),
    ("cold sweat", C),
    ("clammy and weird", C),
    ("chest pian", C),
    ("CHEST PAIN!!", C),
    ("no knee pain but chest tight", C),
    ("angina", C),
    # Falls and near-falls.
    ("I fell", F),
    ("fell over backwards", F),
    ("just fell down", F),
    ("tripped on a rug", F),
    ("tripped over a cable", F),
    ("stumbled a bit", F),
    ("slipped on wet grass", F),
    ("almost fell", F),
    ("nearly fell", F),
    ("lost my balance", F),
    ("lost my footing on the turn", F),
    ("took a fall", F),
    ("I've fallen", F),
    ("near fall at the end", F),
    ("tripped", F),
    # Joint warning signs.
    ("my knee gave way", J),
    ("knee buckled", J),
    ("ankle gave out", J),
    ("knee is swollen", J),
    ("swelling in my ankle", J),
    ("sharp pain in my knee", J),
    ("sharp knee pain", J),
    ("stabbing pain in my hip", J),
    ("heard a pop in my knee", J),
    ("felt a pop", J),
    ("knee pain 7", J),
    ("pain 8", J),
    ("hip hurts 6/10", J),
    ("knee locked", J),
    ("knee felt sharp", J),
    ("shooting pain down my leg", J),
    # Unclear: one question decides.
    ("dizzy", U),
    ("a bit dizzy", U),
    ("feeling lightheaded", U),
    ("head spinning", U),
    ("woozy", U),
    ("feel sick", U),
    ("nauseous", U),
    ("breathless", U),
    ("short of breath", U),
    ("threw up", U),
    # Stop.
    ("stop", S),
    ("STOP", S),
    ("I want to stop", S),
    ("stop now please", S),
    ("can we stop", S),
    ("I'm done", S),
    ("had enough", S),
    ("quit", S),
    ("end the session", S),
    ("calling it a day", S),
    # Pain, how bad unknown.
    ("my knee hurts", P),
    ("knee hurts", P),
    ("hurts", P),
    ("sore knee", P),
    ("knee a bit sore", P),
    ("my hip aches", P),
    ("ankle pain", P),
    ("pain in my heel", P),
    ("achilles is tender", P),
    ("lower back hurts", P),
    ("neck pain from shoulder checks", P),
    ("shin hurts", P),
    ("some discomfort in my foot", P),
    ("twinge in my knee", P),
    ("my knee", P),
    # Pain with its number, 0-5.
    ("knee pain 3", B),
    ("pain 2", B),
    ("knee 4/10", B),
    ("hip pain 5", B),
    ("pain 1 in my ankle", B),
    ("pain 0", B),
    # Reassurance: soreness, ordinary breathlessness during effort.
    ("a bit breathless", R),
    ("slightly breathless", R),
    ("a little short of breath", R),
    ("out of breath", R),
    ("puffing a bit", R),
    ("calves sore", R),
    ("legs are sore", R),
    ("quads burning", R),
    ("tired legs", R),
    ("legs heavy", R),
    ("hamstrings tight", R),
    ("knackered", R),
    ("breathing hard", R),
    ("glutes a bit sore", R),
    ("DOMS from yesterday", R),
    # Harmless: kept as a note.
    ("fell into a good rhythm", N),
    ("fell into a nice groove today", N),
    ("it all fell into place", N),
    ("felt sharp", N),
    ("feeling sharp and focused", N),
    ("no chest pain", N),
    ("no pain", N),
    ("not dizzy at all", N),
    ("didn't fall", N),
    ("no dizziness, no pain", N),
    ("my chest strap died", N),
    ("chest strap works", N),
    ("windy today", N),
    ("hello coach", N),
    ("it was cold", N),
    ("this is fun", N),
    ("great session", N),
    ("love this", N),
    ("lovely weather", N),
    ("look sharp!", N),
    ("a sharp turn at the end of the hallway", N),
    ("don't stop me now", N),
    ("I'm back", N),
    ("came back home", N),
    ("over my shoulder a lot", N),
    ("chest is fine", N),
    ("fell asleep after", N),
    ("it slipped my mind", N),
    ("", N),
    ("👍", N),
    ("🙂🙂", N),
    ("12345", N),
    ("ok", N),
]


def test_the_table_is_big_enough_and_covers_every_class() -> None:
    assert len(PHRASES) >= 150
    assert {kind for _, kind in PHRASES} == set(Triage)


@pytest.mark.parametrize(("text", "expected"), PHRASES, ids=[text for text, _ in PHRASES])
def test_each_phrase_gets_its_class(text: str, expected: Triage) -> None:
    assert triage(text).triage is expected


@pytest.mark.parametrize(
    "text",
    [
        "fell into a good rhythm",
        "neck pain from shoulder checks",
        "felt sharp",
        "a bit breathless",
        "no chest pain",
    ],
)
def test_the_harmless_idioms_raise_no_red_flag_in_a_log_reply_either(text: str) -> None:
    assert red_flags_in(text) == frozenset()


def test_pain_says_its_number_and_site() -> None:
    reading = triage("knee pain 7")
    assert (reading.pain, str(reading.site)) == (7, "knee")


@pytest.mark.parametrize(("pain", "expected"), [(0, B), (3, B), (5, B), (6, J), (10, J)])
def test_after_saying_how_bad_above_5_stops(pain: int, expected: Triage) -> None:
    assert after_pain(pain) is expected
    assert RESPONSES[after_pain(pain)].stop == (pain > 5)


def test_the_responses_follow_coaching() -> None:
    cardiac, joint, fall = RESPONSES[C], RESPONSES[J], RESPONSES[F]
    assert cardiac.stop and cardiac.walk_only and cardiac.readiness_again and cardiac.follow_up
    assert joint.stop and joint.step_back and joint.morning_check and not joint.walk_only
    assert fall.stop and fall.ask_if_hurt and fall.place_advice
    assert RESPONSES[P].ask_how_bad and not RESPONSES[P].stop
    assert RESPONSES[U].ask_which and not RESPONSES[U].stop
    assert RESPONSES[R] == RESPONSES[N] and not RESPONSES[R].stop


@given(st.text(max_size=600))
def test_any_text_gets_a_class_and_never_an_error(text: str) -> None:
    assert triage(text).triage in set(Triage)
