"""The layers of bot/ import downwards only (docs/ARCHITECTURE.md): a flow may use the runtime,
the domain, storage and texts; the runtime and storage never import a flow; the domain imports
nothing of ours but the domain, and neither Telegram nor a database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"

# What each layer may import of ours ("bot.config" is the settings, below every layer).
ALLOWED: dict[str, frozenset[str]] = {
    "domain": frozenset({"domain"}),
    "texts": frozenset({"texts", "domain"}),
    "storage": frozenset({"storage", "domain"}),
    "runtime": frozenset({"runtime", "storage", "domain", "texts", "config"}),
    "flows": frozenset({"flows", "runtime", "storage", "domain", "texts", "config"}),
}
# Outside packages the domain must never reach for.
DOMAIN_FORBIDDEN = ("telegram", "aiosqlite", "sqlite3", "apscheduler")


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "bot" else None


def _module_name(path: Path) -> str:
    relative = path.relative_to(BOT.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def imports_of(source: str, module: str) -> set[str]:
    """Every module `source` (the text of `module`) imports, relative imports resolved."""
    found: set[str] = set()
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
    return found


def upward_imports(module: str, imported: set[str]) -> list[str]:
    """The imports of `module` that break the layer rules."""
    layer = _layer(module)
    if layer not in ALLOWED:
        return []
    allowed = ALLOWED[layer]
    broken = [
        name
        for name in sorted(imported)
        if (target := _layer(name)) is not None and target not in allowed
    ]
    if layer == "domain":
        broken += [name for name in sorted(imported) if name.split(".")[0] in DOMAIN_FORBIDDEN]
    return broken


def _modules() -> list[Path]:
    return sorted(BOT.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(BOT)))
def test_each_module_imports_only_downwards(path: Path) -> None:
    module = _module_name(path)
    assert upward_imports(module, imports_of(path.read_text(), module)) == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("bot.runtime.delivery", "from bot.flows.live_session.cues import send_cue\n"),
        ("bot.storage.plans", "import bot.runtime.services\n"),
        ("bot.domain.pain", "from bot.texts import safety\n"),
        ("bot.domain.pain", "from telegram import Update\n"),
        ("bot.texts.plan", "from ..flows.plan import coaching\n"),
    ],
)
def test_an_upward_import_is_caught(module: str, source: str) -> None:
    assert upward_imports(module, imports_of(source, module)) != []
