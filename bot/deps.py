"""What the handlers need, handed over through `application.bot_data["deps"]` (no globals)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine

from bot.handlers.flood import CommandLimiter


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
    #: Per-chat command limits (in memory: one bot process answers a token's updates).
    limiter: CommandLimiter = field(default_factory=CommandLimiter)
