"""What reading replies in three languages costs: imports, first use, and each reply.

    python -m bench.reading [--rounds 20]

Run in a fresh process, so the first lines are cold. Printed:

    import: ...     importing the readers (Babel, number-parser and rapidfuzz included)
    first use: ...  per language, the first reply (its word lists and CLDR names built),
                    and the first typed time zone (every zone's city in that language)
    replies: ...    per language, the mean time to read one reply of the parser tables,
                    with triage, over --rounds rounds
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence

IMPORT_STARTED = time.perf_counter()

from bot.domain.log_reading import parse_log_reply  # noqa: E402
from bot.domain.log_reading.triage import triage  # noqa: E402
from bot.domain.onboarding.timezones import parse_zone  # noqa: E402
from bot.domain.profile import Units  # noqa: E402

IMPORTED = time.perf_counter()

REPLIES: dict[str, tuple[str, ...]] = {
    "en": (
        "7/10, knee a bit sore 2, avg hr 148, 1.2 km, windy",
        "effort 6 pain 0",
        "felt like a seven, calves tight",
        "my knee hurts",
        "a bit breathless but fine",
    ),
    "es": (
        "esfuerzo 6, rodilla 2",
        "7 de 10, me duele un poco la rodilla 2, pulso 148, 1,2 km, hacía viento",
        "esfuerzo seis, sin dolor",
        "me duele la rodilla",
        "un poco sin aliento pero bien",
    ),
    "ru": (
        "усилие 6, колено 2",
        "7 из 10, колено немного ноет 2, пульс 148, 1,2 км, было ветрено",
        "усилие шесть, без боли",
        "болит колено",
        "немного одышка, но нормально",
    ),
}
CITIES = {"en": "New York", "es": "Nueva York", "ru": "Нью-Йорк"}


def _milliseconds(action: Callable[..., object], *arguments: object) -> float:
    started = time.perf_counter()
    action(*arguments)
    return (time.perf_counter() - started) * 1000


def _read_all(language: str, replies: Sequence[str]) -> None:
    for reply in replies:
        parse_log_reply(reply, Units.KM, language)
        triage(reply, language)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    print(f"import: {(IMPORTED - IMPORT_STARTED) * 1000:.0f} ms")
    for language, replies in REPLIES.items():
        first_reply = _milliseconds(_read_all, language, replies[:1])
        first_zone = _milliseconds(parse_zone, CITIES[language], language)
        print(f"first use ({language}): reply {first_reply:.0f} ms, time zone {first_zone:.0f} ms")
    for language, replies in REPLIES.items():
        times = [_milliseconds(_read_all, language, replies) / len(replies) for _ in range(rounds)]
        print(
            f"replies ({language}): {statistics.mean(times):.2f} ms per reply with triage "
            f"(best {min(times):.2f} ms, {rounds} rounds of {len(replies)})"
        )


if __name__ == "__main__":
    main()
