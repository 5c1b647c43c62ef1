"""Triage of what Spanish and Russian runners type: the safety issue's phrases in each
language, with the class each must get (the same classes as the English table)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.log_reading import parse_morning_answer, parse_sore_or_joint, red_flags_in
from bot.domain.log_reading.triage import Triage, triage
from bot.domain.session_logs import MorningAfter
from tests.domain.test_triage import B, C, F, J, N, P, R, S, U

SPANISH: list[tuple[str, Triage]] = [
    # Cardiac or neurological signs.
    ("me duele el pecho", C),
    ("dolor en el pecho", C),
    ("opresión en el pecho", C),
    ("presión en el pecho y sudando", C),
    ("me duele la mandíbula", C),
    ("me duele el brazo izquierdo", C),
    ("casi me desmayo", C),
    ("me desmayé", C),
    ("perdí el conocimiento un momento", C),
    ("palpitaciones", C),
    ("el corazón me iba a mil y no bajaba", C),
    ("latidos irregulares", C),
    ("no puedo respirar", C),
    ("me ahogo", C),
    ("debilidad repentina en la pierna", C),
    ("brazo entumecido", C),
    ("hormigueo en el brazo", C),
    ("visión borrosa", C),
    ("veía doble", C),
    ("sudor frío", C),
    ("DOLOR EN EL PECHO!!", C),
    ("dolor en el pcho", C),
    ("sin dolor de rodilla pero el pecho apretado", C),
    # Falls and near-falls.
    ("me caí", F),
    ("me caí de espaldas", F),
    ("tropecé con la alfombra", F),
    ("me resbalé en el césped mojado", F),
    ("casi me caigo", F),
    ("perdí el equilibrio", F),
    ("una caída al final", F),
    # Joint warning signs.
    ("se me dobló la rodilla", J),
    ("la rodilla cedió", J),
    ("rodilla hinchada", J),
    ("el tobillo está inflamado", J),
    ("dolor punzante en la rodilla", J),
    ("pinchazo en la cadera", J),
    ("sentí un chasquido en la rodilla", J),
    ("dolor de rodilla 7", J),
    ("dolor 8", J),
    ("cadera 6/10", J),
    # Unclear: one question decides.
    ("mareado", U),
    ("un poco mareada", U),
    ("vértigo", U),
    ("náuseas", U),
    ("ganas de vomitar", U),
    ("sin aliento", U),
    ("falta de aire", U),
    ("vomité", U),
    # Stop.
    ("parar", S),
    ("PARAR", S),
    ("quiero parar", S),
    ("basta", S),
    ("terminar la sesión", S),
    ("me rindo", S),
    # Pain, how bad unknown.
    ("me duele la rodilla", P),
    ("rodilla dolorida", P),
    ("me duele la cadera", P),
    ("dolor de tobillo", P),
    ("dolor en el talón", P),
    ("molestia en el pie", P),
    ("me duele la espalda", P),
    ("mi rodilla", P),
    # Pain with its number, 0-5.
    ("dolor de rodilla 3", B),
    ("dolor 2", B),
    ("rodilla 4/10", B),
    ("dolor 0", B),
    # Reassurance.
    ("un poco sin aliento", R),
    ("algo de falta de aire", R),
    ("gemelos cargados", R),
    ("piernas cansadas", R),
    ("agujetas de ayer", R),
    ("agotado", R),
    ("jadeando", R),
    # Harmless.
    ("sin dolor en el pecho", N),
    ("no me duele el pecho", N),
    ("sin dolor", N),
    ("no estoy mareado", N),
    ("no me caí", N),
    ("la cinta de pecho se murió", N),
    ("hacía viento", N),
    ("hola entrenador", N),
    ("qué divertido", N),
    ("corrí de espaldas por el pasillo", N),
    ("miré por encima del hombro", N),
    ("caí en la cuenta de que era tarde", N),
    ("comí pasta antes", N),
    ("👍", N),
    ("", N),
]

RUSSIAN: list[tuple[str, Triage]] = [
    # Cardiac or neurological signs.
    ("болит в груди", C),
    ("боль в груди", C),
    ("давит в груди", C),
    ("жжение в груди и пот", C),
    ("болит челюсть", C),
    ("болит левая рука", C),
    ("чуть не потерял сознание", C),
    ("упала в обморок", C),
    ("потемнело в глазах", C),
    ("сердцебиение", C),
    ("сердце колотится и не успокаивается", C),
    ("перебои в сердце", C),
    ("не могу дышать", C),
    ("не могла отдышаться", C),
    ("внезапная слабость в ноге", C),
    ("онемела рука", C),
    ("покалывание в руке", C),
    ("двоится в глазах", C),
    ("в холодном поту", C),
    ("БОЛЬ В ГРУДИ!!", C),
    ("боль в грди", C),
    ("колено не болит но давит в груди", C),
    # Falls and near-falls.
    ("упал", F),
    ("я упала назад", F),
    ("споткнулся о ковёр", F),
    ("поскользнулась на мокрой траве", F),
    ("чуть не упал", F),
    ("потерял равновесие", F),
    ("падение в конце", F),
    # Joint warning signs.
    ("колено подкосилось", J),
    ("подвернул ногу", J),
    ("колено опухло", J),
    ("отёк голеностопа", J),
    ("резкая боль в колене", J),
    ("кольнуло в бедре", J),
    ("что-то хрустнуло в колене", J),
    ("колено болит 7", J),
    ("боль 8", J),
    ("бедро 6/10", J),
    # Unclear: one question decides.
    ("кружится голова", U),
    ("немного кружится голова", U),
    ("шатает", U),
    ("тошнит", U),
    ("подташнивает", U),
    ("одышка", U),
    ("тяжело дышать", U),
    ("вырвало", U),
    # Stop.
    ("стоп", S),
    ("СТОП", S),
    ("хочу остановиться", S),
    ("хватит", S),
    ("на сегодня всё", S),
    ("сдаюсь", S),
    # Pain, how bad unknown.
    ("болит колено", P),
    ("колено ноет", P),
    ("болит бедро", P),
    ("боль в голеностопе", P),
    ("болит пятка", P),
    ("дискомфорт в стопе", P),
    ("болит спина", P),
    ("моё колено", P),
    # Pain with its number, 0-5.
    ("колено болит на 3", B),
    ("боль 2", B),
    ("колено 4/10", B),
    ("боль 0", B),
    # Reassurance.
    ("немного одышка", R),
    ("слегка задыхаюсь", R),
    ("икры забиты", R),
    ("ноги устали", R),
    ("крепатура со вчера", R),
    ("выдохся", R),
    ("запыхалась", R),
    # Harmless.
    ("в груди ничего не болит", N),
    ("грудь не болит", N),
    ("без боли", N),
    ("голова не кружится", N),
    ("не упал", N),
    ("пульс упал до 120", N),
    ("нагрудный датчик сел", N),
    ("было ветрено", N),
    ("привет тренер", N),
    ("было весело", N),
    ("бежал спиной вперёд по коридору", N),
    ("оглядывался через плечо", N),
    ("👍", N),
    ("", N),
]


def test_the_tables_are_big_enough_and_cover_every_class() -> None:
    for table in (SPANISH, RUSSIAN):
        assert len(table) >= 80
        assert {kind for _, kind in table} == set(Triage)


@pytest.mark.parametrize(("text", "expected"), SPANISH, ids=[text for text, _ in SPANISH])
def test_each_spanish_phrase_gets_its_class(text: str, expected: Triage) -> None:
    assert triage(text, "es").triage is expected


@pytest.mark.parametrize(("text", "expected"), RUSSIAN, ids=[text for text, _ in RUSSIAN])
def test_each_russian_phrase_gets_its_class(text: str, expected: Triage) -> None:
    assert triage(text, "ru").triage is expected


@pytest.mark.parametrize(
    ("text", "language"),
    [("sin dolor en el pecho", "es"), ("un poco sin aliento", "es"), ("пульс упал", "ru")],
)
def test_the_harmless_phrases_raise_no_red_flag_in_a_log_reply_either(
    text: str, language: str
) -> None:
    assert red_flags_in(text, language) == frozenset()


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("mejor", "es", MorningAfter.BETTER),
        ("un poco mejor 🙂", "es", MorningAfter.BETTER),
        ("igual", "es", MorningAfter.SAME),
        ("no mejor", "es", MorningAfter.SAME),
        ("peor", "es", MorningAfter.WORSE),
        ("mucho peor", "es", MorningAfter.WORSE),
        ("лучше", "ru", MorningAfter.BETTER),
        ("намного лучше", "ru", MorningAfter.BETTER),
        ("так же", "ru", MorningAfter.SAME),
        ("не лучше", "ru", MorningAfter.SAME),
        ("хуже", "ru", MorningAfter.WORSE),
        ("стало хуже", "ru", MorningAfter.WORSE),
    ],
)
def test_the_morning_answer_is_read(text: str, language: str, expected: MorningAfter) -> None:
    assert parse_morning_answer(text, language) is expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("agujetas en los gemelos", "es", MorningAfter.SORE),
        ("la rodilla", "es", MorningAfter.WORSE),
        ("мышцы", "ru", MorningAfter.SORE),
        ("сустав, колено", "ru", MorningAfter.WORSE),
    ],
)
def test_sore_or_joint_is_read(text: str, language: str, expected: MorningAfter) -> None:
    assert parse_sore_or_joint(text, language) is expected


@settings(max_examples=200)
@given(text=st.text(max_size=400), language=st.sampled_from(["en", "es", "ru", "de", ""]))
def test_any_text_in_any_language_gets_a_class(text: str, language: str) -> None:
    assert triage(text, language).triage in set(Triage)
    parse_morning_answer(text, language)
