"""What the handlers need, handed over through `application.bot_data["deps"]` (no globals)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine


@dataclass(frozen=True)
class MinerInfo:
    ticker: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass
class BotDeps:
    engine: Engine
    universe: dict[str, MinerInfo]
    admins: frozenset[int]
    default_tickers: tuple[str, ...]
    extras: dict[str, Any] = field(default_factory=dict)
