"""The shape of bot/ (STYLE.md "The shape", issue 10): three wings whose dependencies run one way.

Imports are read with `ast` (nothing is imported), so a forbidden import anywhere in a module counts, also one
inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"
#: No module passes this many lines (STYLE.md: past ~400 a module is doing two jobs).
MAX_MODULE_LINES = 400


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports (absolute names; `from x import y` gives x and x.y)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import"
            module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def modules_of(wing: str) -> list[Path]:
    return sorted((BOT / wing).glob("*.py"))


def imports_any(names: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(name for name in names if any(name == p or name.startswith(p + ".") for p in packages))


def test_the_three_wings_and_the_transport_are_all_there_is() -> None:
    assert {path.name for path in BOT.glob("*.py")} == {"__init__.py", "app.py", "sender.py", "deps.py"}
    assert {path.name for path in BOT.iterdir() if path.is_dir() and path.name != "__pycache__"} == {
        "handlers",
        "messages",
        "alerts",
    }


@pytest.mark.parametrize("wing", ["messages", "alerts"])
def test_messages_and_alerts_do_not_import_telegram(wing: str) -> None:
    offenders = {
        path.name: found for path in modules_of(wing) if (found := imports_any(imported_modules(path), ("telegram",)))
    }
    assert offenders == {}


def test_messages_import_neither_the_store_nor_the_alerts_nor_the_handlers() -> None:
    forbidden = ("store", "bot.alerts", "bot.handlers", "bot.app", "bot.sender", "bot.deps", "sqlmodel", "sqlalchemy")
    offenders = {
        path.name: found for path in modules_of("messages") if (found := imports_any(imported_modules(path), forbidden))
    }
    assert offenders == {}


def test_alerts_do_not_reach_back_into_the_handlers_or_the_transport() -> None:
    forbidden = ("bot.handlers", "bot.app", "bot.sender", "bot.deps")
    offenders = {
        path.name: found for path in modules_of("alerts") if (found := imports_any(imported_modules(path), forbidden))
    }
    assert offenders == {}


def test_no_module_of_bot_is_over_the_size_limit() -> None:
    sizes = {
        str(path.relative_to(BOT)): len(path.read_text(encoding="utf-8").splitlines()) for path in BOT.rglob("*.py")
    }
    assert {name: lines for name, lines in sizes.items() if lines > MAX_MODULE_LINES} == {}
