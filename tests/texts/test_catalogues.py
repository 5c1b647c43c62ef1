"""The catalogue check (docs/TRANSLATING.md): the template holds every sentence of bot/texts,
and every language translates all of it, with the same placeholders and every plural form."""

from __future__ import annotations

import importlib
import pkgutil
import string
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

import bot.texts
from bot.texts.extraction import is_sentence, module_messages
from bot.texts.translation import (
    ENGLISH,
    LANGUAGES,
    LOCALES_DIR,
    LazyText,
    Plural,
    is_localized,
)

TEXTS_DIR = Path(bot.texts.__file__).parent
# The machinery of bot/texts, not sentences.
NOT_SENTENCES = {"__init__", "translation", "extraction"}
TRANSLATED = [language for language in LANGUAGES if language != ENGLISH]


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as po_file:
        return read_po(po_file, locale=locale)


def _template() -> Catalog:
    return _read(LOCALES_DIR / "messages.pot")


def _catalogue(language: str) -> Catalog:
    return _read(LOCALES_DIR / language / "LC_MESSAGES" / "messages.po", language)


def _messages(catalog: Catalog) -> list[Message]:
    return [message for message in catalog if message.id]


def text_modules() -> list[ModuleType]:
    """Every module of bot/texts that holds sentences."""
    names = [info.name for info in pkgutil.iter_modules([str(TEXTS_DIR)])]
    return [
        importlib.import_module(f"bot.texts.{name}") for name in names if name not in NOT_SENTENCES
    ]


def placeholders(text: str) -> set[str]:
    """The names of a template's {placeholders}."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_texts_module_is_localized() -> None:
    assert [module.__name__ for module in text_modules() if not is_localized(module)] == []


def test_the_template_is_up_to_date_with_bot_texts() -> None:
    """`make messages` regenerates it; this fails when a sentence changed without that."""
    extracted: set[Any] = set()
    for path in sorted(TEXTS_DIR.glob("*.py")):
        extracted.update(module_messages(path.read_text()))
    in_template = {message.id for message in _messages(_template())}
    assert sorted(map(str, extracted - in_template)) == [], "run `make messages`"
    assert sorted(map(str, in_template - extracted)) == [], "run `make messages`"


def _lazy_values(value: object) -> Iterator[LazyText | Plural]:
    if isinstance(value, LazyText | Plural):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _lazy_values(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _lazy_values(item)


def test_every_sentence_the_modules_hold_at_run_time_is_in_the_template() -> None:
    """A constant computed at import (joined, formatted) is no message id, so it would stay
    English: write it as a literal, or format it where it is used."""
    in_template = {message.id for message in _messages(_template())}
    missing = []
    for module in text_modules():
        for name, value in vars(module).items():
            for text in _lazy_values(value):
                key = (
                    (text.singular, text.plural) if isinstance(text, Plural) else str.__str__(text)
                )
                if (isinstance(key, tuple) or is_sentence(key)) and key not in in_template:
                    missing.append(f"{module.__name__}.{name}: {key!r}")
    assert missing == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogue_translates_every_message(language: str) -> None:
    catalogue = _catalogue(language)
    problems = []
    for wanted in _messages(_template()):
        message = catalogue.get(wanted.id)
        if message is None:
            problems.append(f"missing: {wanted.id!r}")
        elif message.fuzzy:
            problems.append(f"fuzzy (check it, then drop the mark): {wanted.id!r}")
        elif not all(message.string if isinstance(message.string, tuple) else [message.string]):
            problems.append(f"untranslated: {wanted.id!r}")
    assert problems == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_the_placeholders(language: str) -> None:
    catalogue = _catalogue(language)
    problems = []
    for message in _messages(catalogue):
        if message.fuzzy:
            continue  # an old translation kept as a hint; the check above reports it
        english = message.id[-1] if isinstance(message.id, tuple) else message.id
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            if form and placeholders(form) != placeholders(english):
                problems.append(f"{english!r} -> {form!r}")
    assert problems == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_plural_messages_have_every_form_of_the_language(language: str) -> None:
    catalogue = _catalogue(language)
    forms = get_plural(language).num_plurals
    assert catalogue.num_plurals == forms
    wrong = [
        message.id
        for message in _messages(catalogue)
        if message.pluralizable
        and (not isinstance(message.string, tuple) or len(message.string) != forms)
    ]
    assert wrong == []
