"""How the sentences of bot/texts reach a runner in their language.

The English sentences stay where they are, as module-level constants; the English text is
the gettext message id. A texts module ends with `localize(__name__)`, which

- wraps each of its constants (strings, and the strings inside its dicts, tuples and lists;
  never dict keys) in `LazyText`, a `str` that translates itself when it is used: `.format`,
  f-strings, `+`, `%`, `str()` and the other string methods read the translation;
- makes the module hand out plain, translated copies when a constant is read from outside
  (`texts.SKIPPED`, `texts.QUESTIONS[step]`), so flows get ordinary strings in the current
  language, whatever they do with them.

The current language is a context variable: set per update (a handler that runs before the
others), per job (the job knows its runner), and with `speaking(...)` around words written
to somebody else. Catalogues are the standard gettext `.po` files under bot/locales, compiled
in memory the first time a language is needed, so a fresh install needs no build step.
Plurals go through `plural(...)` (gettext's ngettext, with each language's CLDR plural rule);
dates, weekdays and months through Babel's CLDR data.
"""

from __future__ import annotations

import ast
import gettext as gnu_gettext
import io
import sys
import types
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from datetime import date
from enum import Enum
from functools import cache, wraps
from pathlib import Path
from typing import Any, Literal, ParamSpec, TypeVar

from babel import Locale
from babel.dates import format_date, get_day_names, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

ENGLISH = "en"
# Every language the coach speaks, English (the message ids) first.
LANGUAGES: tuple[str, ...] = (ENGLISH, "es", "ru")
LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
DOMAIN = "messages"

P = ParamSpec("P")
R = TypeVar("R")

_current: ContextVar[str] = ContextVar("backstride_language", default=ENGLISH)


def current_language() -> str:
    """The language the words being written now are in."""
    return _current.get()


def use_language(language: str) -> Token[str]:
    """Speak `language` from now on in this task (an update's handlers, a job)."""
    return _current.set(language if language in LANGUAGES else ENGLISH)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak `language` inside the block: words for somebody else (a spotter, a group)."""
    token = use_language(language)
    try:
        yield
    finally:
        _current.reset(token)


def language_from_code(code: str | None) -> str:
    """The language to speak to someone whose Telegram client says `code` ("es", "ru-RU",
    "pt-br"): theirs if we have it, else English."""
    base = (code or "").replace("_", "-").split("-", 1)[0].lower()
    return base if base in LANGUAGES else ENGLISH


def language_name(language: str) -> str:
    """A language's name in that language ("Español", "Русский"), for the language menu."""
    name = Locale.parse(language).get_display_name(language) or language
    return name[:1].upper() + name[1:]


@cache
def catalogue(language: str) -> gnu_gettext.NullTranslations:
    """The compiled catalogue of `language` (English: none, the ids are the English text).

    Read from its `.po` and compiled in memory (Babel's compiler; fuzzy entries left out),
    so what is translated is always what the `.po` says."""
    path = LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == ENGLISH or not path.exists():
        return gnu_gettext.NullTranslations()
    with path.open("rb") as po_file:
        compiled = io.BytesIO()
        write_mo(compiled, read_po(po_file, locale=language, domain=DOMAIN))
    compiled.seek(0)
    return gnu_gettext.GNUTranslations(compiled)


def cache_per_language(function: Callable[P, R]) -> Callable[P, R]:
    """`functools.cache` for words built once and reused (a keyboard), one per language."""
    built: dict[Hashable, R] = {}

    @wraps(function)
    def in_current_language(*args: P.args, **kwargs: P.kwargs) -> R:
        key = (_current.get(), args, tuple(sorted(kwargs.items())))
        if key not in built:
            built[key] = function(*args, **kwargs)
        return built[key]

    return in_current_language


def translate(text: str) -> str:
    """`text` (an English message id) in the current language."""
    language = _current.get()
    english = str.__str__(text)
    if language == ENGLISH:
        return english
    return catalogue(language).gettext(english)


def _translated(method: str) -> Callable[..., Any]:
    str_method = getattr(str, method)

    def call(self: str, *args: Any, **kwargs: Any) -> Any:
        return str_method(translate(self), *args, **kwargs)

    call.__name__ = method
    return call


class LazyText(str):
    """An English sentence that reads as its translation in the current language.

    Its `str` value stays the English message id (so equality and hashing are stable, and a
    copy that escapes untranslated is still a sentence); every way of using it as text
    translates it first.
    """

    __slots__ = ()

    def __str__(self) -> str:
        return translate(self)

    def __repr__(self) -> str:
        return f"LazyText({str.__repr__(self)})"

    def __format__(self, spec: str) -> str:
        return format(translate(self), spec)

    def __add__(self, other: str) -> str:
        return translate(self) + str(other)

    def __radd__(self, other: str) -> str:
        return str(other) + translate(self)

    def __mod__(self, values: Any) -> str:
        return str.__mod__(translate(self), values)


for _method in (
    "format",
    "format_map",
    "__len__",
    "__getitem__",
    "__iter__",
    "__contains__",
    "__mul__",
    "capitalize",
    "casefold",
    "center",
    "count",
    "encode",
    "endswith",
    "expandtabs",
    "find",
    "index",
    "join",
    "ljust",
    "lower",
    "lstrip",
    "partition",
    "removeprefix",
    "removesuffix",
    "replace",
    "rfind",
    "rindex",
    "rjust",
    "rpartition",
    "rsplit",
    "rstrip",
    "split",
    "splitlines",
    "startswith",
    "strip",
    "swapcase",
    "title",
    "upper",
    "zfill",
):
    setattr(LazyText, _method, _translated(_method))


class Plural:
    """A sentence with a number in it, in every plural form its language has.

    `SESSIONS = plural("{count} session", "{count} sessions", "count")`, then
    `SESSIONS.format(count=3)`: the form for 3 in the current language, formatted.
    """

    __slots__ = ("number", "plural", "singular")

    def __init__(self, singular: str, plural: str, number: str) -> None:
        self.singular = singular
        self.plural = plural
        self.number = number  # the name of the placeholder that holds the count

    def form(self, count: int) -> str:
        """The template for `count`, untranslated placeholders and all."""
        language = _current.get()
        if language == ENGLISH:
            return self.singular if count == 1 else self.plural
        return catalogue(language).ngettext(self.singular, self.plural, count)

    def format(self, **values: Any) -> str:
        """The sentence for `values[self.number]`, formatted with `values`."""
        return self.form(int(values[self.number])).format(**values)

    def __repr__(self) -> str:
        return f"plural({self.singular!r}, {self.plural!r}, {self.number!r})"


def plural(singular: str, plural_text: str, number: str) -> Plural:
    """A sentence with plural forms (extracted as an ngettext message): see `Plural`."""
    return Plural(singular, plural_text, number)


def _mapped(value: Any, leaf: Callable[[Any], Any]) -> Any:
    """`value` with `leaf` applied to everything in its dicts (values, not keys), tuples
    (not named ones) and lists."""
    if isinstance(value, dict):
        return type(value)((key, _mapped(item, leaf)) for key, item in value.items())
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_mapped(item, leaf) for item in value)
    if isinstance(value, list):
        return [_mapped(item, leaf) for item in value]
    return leaf(value)


def _lazy(value: Any) -> Any:
    """`value` with every string in it (not enum members) made a LazyText."""
    plain = isinstance(value, str) and not isinstance(value, LazyText | Enum)
    return LazyText(value) if plain else value


def _eager(value: Any) -> Any:
    """`value` translated into a plain string, if it is a LazyText."""
    return translate(value) if isinstance(value, LazyText) else value


_module_attribute = types.ModuleType.__getattribute__
_CONTAINERS = (dict, tuple, list)


class LocalizedModule(types.ModuleType):
    """A texts module whose constants, read from outside, come translated."""

    def __getattribute__(self, name: str) -> Any:
        value = _module_attribute(self, name)
        if type(value) is LazyText:
            return translate(value)
        if not isinstance(value, _CONTAINERS) or name.startswith("__"):
            return value
        key = (id(self), name, _current.get())
        cached = _READ_CACHE.get(key)
        if cached is not None and cached[0] is value:
            return cached[1]
        translated = _mapped(value, _eager)
        _READ_CACHE[key] = (value, translated)
        return translated


# (module, constant, language) -> (the constant, its translation): constants never change,
# and a constant replaced (a test's monkeypatch) is translated afresh.
_READ_CACHE: dict[tuple[int, str, str], tuple[Any, Any]] = {}


def localize(module_name: str) -> None:
    """Make the texts module `module_name` speak the current language (its last line)."""
    module = sys.modules[module_name]
    namespace = vars(module)
    for name in _assigned_names(module):
        value = namespace.get(name)
        if isinstance(value, str | dict | tuple | list):
            namespace[name] = _mapped(value, _lazy)
    module.__class__ = LocalizedModule


def _assigned_names(module: types.ModuleType) -> set[str]:
    """The names the module's own top level assigns (not those it imports): the same
    constants the extraction reads."""
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    names: set[str] = set()
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            names.update(t.id for t in statement.targets if isinstance(t, ast.Name))
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            names.add(statement.target.id)
    return names


def is_localized(module: types.ModuleType) -> bool:
    """True if `module` went through `localize`."""
    return isinstance(module, LocalizedModule)


# Dates and numbers, from CLDR through Babel.

Width = Literal["abbreviated", "wide"]


def weekday_name(weekday: int, width: Width = "wide") -> str:
    """The name of a weekday (0 = Monday) in the current language ("Mon", "lun", "пн")."""
    return str(get_day_names(width, context="stand-alone", locale=_babel_locale())[weekday])


def month_name(month: int, width: Width = "wide", *, standalone: bool = False) -> str:
    """The name of a month (1 = January) in the current language: as it stands in a date
    ("2 декабря"), or `standalone` as in a list of months ("декабрь")."""
    context: Literal["format", "stand-alone"] = "stand-alone" if standalone else "format"
    return str(get_month_names(width, context=context, locale=_babel_locale())[month])


def date_text(day: date, pattern: str) -> str:
    """A date in the current language, by a CLDR pattern ("EEE dd MMM": "Wed 02 Dec",
    "mié 02 dic", "ср 02 дек.")."""
    return format_date(day, pattern, locale=_babel_locale())


def decimal_text(value: float, places: int = 1, *, trailing_zeros: bool = False) -> str:
    """A number rounded to `places` decimals as the current language writes it ("1.5",
    "1,5"); "5" for 5.0, or "5.0" with `trailing_zeros`."""
    pattern = "0." + ("0" if trailing_zeros else "#") * places
    return str(format_decimal(round(value, places), pattern, locale=_babel_locale()))


def _babel_locale() -> str:
    return _current.get()
