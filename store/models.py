"""The tables. Every table is a SQLModel; migrations in store/migrations mirror these definitions."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import BigInteger, Boolean, Column, DateTime, Index, LargeBinary, Text, UniqueConstraint, false
from sqlalchemy.types import JSON, TypeDecorator
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on both SQLite (which forgets the zone) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _ts(nullable: bool = True, index: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), nullable=nullable, index=index)


class Chat(SQLModel, table=True):
    """A Telegram chat that talked to the bot, with its settings."""

    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    thread_id: int | None = None  # forum topic where /start was sent
    type: str = "private"
    title: str = ""
    lang: str = "en"
    tz: str = "UTC"
    active: bool = True
    deactivated_reason: str | None = None
    themes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    digest_mode: str = "daily"  # daily | weekly | off
    digest_time: str = "08:00"
    digest_day: int = 0  # 0 = Monday, for weekly digests
    last_digest_at: datetime | None = Field(default=None, sa_column=_ts())  # end of the last digest's window
    digest_slot_done: datetime | None = Field(default=None, sa_column=_ts())  # last scheduled slot handled
    notify_news: str = "on"  # on | silent | off
    notify_filings: str = "on"
    notify_alerts: str = "on"
    mute_until: datetime | None = Field(default=None, sa_column=_ts())
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    notify_deals: str = "on"  # AI/HPC deal alerts: on | silent | off
    #: the weekly digest carries a chart of the watchlist's week (/digest charts on)
    digest_charts: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))


class Watch(SQLModel, table=True):
    """A chat follows a miner."""

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    ticker: str = Field(primary_key=True, max_length=12)


class Source(SQLModel, table=True):
    """A polled source (feed URL, SEC endpoint, price API) with its HTTP validators and health."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(index=True)  # feed | sec | prices | network
    key: str = Field(sa_column=Column(Text, nullable=False, unique=True))  # URL or logical name
    name: str = ""
    etag: str | None = None
    last_modified: str | None = None
    baseline_done: bool = False
    failures: int = 0
    last_error: str | None = None
    failing_since: datetime | None = Field(default=None, sa_column=_ts())
    next_poll_at: datetime | None = Field(default=None, sa_column=_ts())
    last_ok_at: datetime | None = Field(default=None, sa_column=_ts())


class NewsEvent(SQLModel, table=True):
    """One story, however many feeds carried it."""

    id: int | None = Field(default=None, primary_key=True)
    story_key: str = Field(index=True, max_length=64)
    title: str = Field(sa_column=Column(Text, nullable=False))
    lede: str = Field(default="", sa_column=Column(Text, nullable=False))
    link: str = Field(default="", sa_column=Column(Text, nullable=False))
    published_at: datetime | None = Field(default=None, sa_column=_ts())
    tickers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    themes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    scores: dict[str, float] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    source_names: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    first_seen_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False, index=True))
    classified: bool = False
    alerted: bool = False
    quiet: bool = False  # a feed's baseline or an old item: stored, never alerted, not in digests


class NewsItem(SQLModel, table=True):
    """One feed entry; identity is unique per source (guid → link → title+date)."""

    __table_args__ = (UniqueConstraint("source_id", "identity", name="uq_news_item_identity"),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True)
    identity: str = Field(max_length=64)
    event_id: int | None = Field(default=None, foreign_key="newsevent.id", index=True)
    title: str = Field(sa_column=Column(Text, nullable=False))
    link: str = Field(default="", sa_column=Column(Text, nullable=False))
    published_at: datetime | None = Field(default=None, sa_column=_ts())
    seen_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    baseline: bool = False


class Filing(SQLModel, table=True):
    """An SEC filing of a watched issuer."""

    id: int | None = Field(default=None, primary_key=True)
    accession: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    cik: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    ticker: str = Field(index=True, max_length=12)
    form: str
    items: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    title: str = Field(default="", sa_column=Column(Text, nullable=False))
    filed: date | None = None
    accepted_at: datetime | None = Field(default=None, sa_column=_ts())
    primary_doc_url: str | None = Field(default=None, sa_column=Column(Text))
    index_url: str = Field(default="", sa_column=Column(Text, nullable=False))
    themes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    first_seen_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False, index=True))
    baseline: bool = False


class ConvertibleNote(SQLModel, table=True):
    """A convertible (or exchangeable) note of a watched issuer, from its press-release exhibit."""

    id: int | None = Field(default=None, primary_key=True)
    ticker: str = Field(index=True, max_length=12)
    cik: int | None = Field(default=None, sa_column=Column(BigInteger))
    accession: str | None = Field(default=None, sa_column=Column(Text))
    status: str = "announced"  # announced (launch) | priced | closed
    exchangeable: bool = False  # exchangeable notes (e.g. of a subsidiary) rather than convertible ones
    upsized: bool = False  # the priced size is larger than the launched one
    principal_usd: float | None = None
    option_usd: float | None = None
    coupon_pct: float | None = None
    maturity: date | None = None
    maturity_year: int | None = None
    conversion_rate: float | None = None
    conversion_price_usd: float | None = None
    premium_pct: float | None = None
    reference_price_usd: float | None = None
    cap_price_usd: float | None = None
    use_of_proceeds: str | None = Field(default=None, sa_column=Column(Text))
    currency: str | None = Field(default=None, max_length=3)  # ISO code of the amounts: a euro deal's stay in EUR
    #: Per term, the release that stated it last: {"coupon_pct": {"stage": "pricing", "filed": "2025-11-19",
    #: "url": "..."}} (a later release that restates or changes a term takes it over).
    term_sources: dict[str, dict[str, str]] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    source_url: str | None = Field(default=None, sa_column=Column(Text))
    announced_on: date | None = None
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class SharesOutstanding(SQLModel, table=True):
    """Latest dei:EntityCommonStockSharesOutstanding per issuer."""

    ticker: str = Field(primary_key=True, max_length=12)
    shares: float
    as_of: date | None = None
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))


class PricePoint(SQLModel, table=True):
    """A quote in the price time series (tickers and BTC)."""

    __table_args__ = (Index("ix_pricepoint_symbol_at", "symbol", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    symbol: str = Field(max_length=16)
    price: float
    previous_close: float | None = None
    change_pct: float | None = None
    source: str = ""
    at: datetime = Field(sa_column=_ts(nullable=False))


class NetworkStat(SQLModel, table=True):
    """A Bitcoin network snapshot with the derived hashprice."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=_ts(nullable=False, index=True))
    difficulty: float | None = None
    hashrate_ph_s: float | None = None
    btc_mined_144: float | None = None
    btc_usd: float | None = None
    hashprice_usd_per_ph_day: float | None = None
    difficulty_change_pct: float | None = None
    next_retarget_at: datetime | None = Field(default=None, sa_column=_ts())


class AlertRule(SQLModel, table=True):
    """A chat's threshold rule and its evaluation state."""

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    number: int  # the id the chat sees (/delalert 3), scoped to the chat
    text: str = Field(sa_column=Column(Text, nullable=False))
    subject: str = Field(max_length=16)
    metric: str = Field(max_length=16)
    op: str = Field(max_length=8)
    value: float
    cooldown_s: int | None = None
    once: bool = False
    until: date | None = None
    state: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))

    __table_args__ = (UniqueConstraint("chat_id", "number", name="uq_alertrule_chat_number"),)


class FiredAlert(SQLModel, table=True):
    """A rule that fired, kept for the digest."""

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    text: str = Field(sa_column=Column(Text, nullable=False))
    fired_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False, index=True))


#: A claimed row waits in its worker's pacing and has not left the process; a "sending" row's request may
#: have reached Telegram.
IN_FLIGHT = ("claimed", "sending")


class Outbox(SQLModel, table=True):
    """Every outgoing message, exactly once per idempotency key."""

    __table_args__ = (Index("ix_outbox_status_next", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    idempotency_key: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    thread_id: int | None = None
    kind: str = "news"  # news | filing | alert | digest | broadcast | notice
    text: str = Field(sa_column=Column(Text, nullable=False))
    disable_notification: bool = False
    disable_preview: bool = False
    status: str = "pending"  # pending | sending | sent | failed | dropped | unknown
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
    claimed_by: str | None = None
    claimed_at: datetime | None = Field(default=None, sa_column=_ts())
    sent_at: datetime | None = Field(default=None, sa_column=_ts())
    telegram_message_id: int | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    #: Inline keyboard as plain rows of [label, callback_data] (bot/messages/keyboards.py); None: no buttons.
    reply_markup: list[list[list[str]]] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    #: a PNG sent as a photo, `text` being its caption (a digest's chart)
    photo: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))


class ChatPace(SQLModel, table=True):
    """When a chat may get its next message: per-chat pacing shared by every sender process."""

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    next_send_at: datetime = Field(sa_column=_ts(nullable=False))


class SendBudget(SQLModel, table=True):
    """The bot token's overall send rate, shared by every process of a deployment: the time of the next free
    send slot (a row per token; PostgreSQL senders book slots from it under a row lock)."""

    key: str = Field(primary_key=True)
    next_slot_at: datetime = Field(sa_column=_ts(nullable=False))


class MinerMute(SQLModel, table=True):
    """A chat silenced one miner's instant alerts until `until` (the digest still lists them)."""

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    ticker: str = Field(primary_key=True, max_length=12)
    until: datetime = Field(sa_column=_ts(nullable=False))


class Deal(SQLModel, table=True):
    """One AI/HPC deal of a watched miner, however many wires, rewrites and 8-Ks told it (SPEC section 6a).

    The terms are the extractor's (watchers/deals), as first stated, later filled in or changed by a source;
    `sources` lists every source ({"name", "url", "at"}, and "quiet" when it was a quietly stored story: a feed's
    first poll or an old item, dated when it was published), `history` every change ({"at", "source", "change":
    "filled" | "changed" | "expansion", "fields": {name: [old, new]}} — an expansion's fields are its added
    figures as stated, [null, added]). Kind `non_binding` (LOI / MOU) is recorded, never counted in a roll-up.
    """

    id: int | None = Field(default=None, primary_key=True)
    ticker: str = Field(index=True, max_length=12)
    kind: str = Field(max_length=16)  # lease | cloud | hardware | acquisition | partnership | non_binding
    counterparty: str | None = Field(default=None, sa_column=Column(Text))
    counterparty_phrase: str | None = Field(default=None, sa_column=Column(Text))
    backstop: str | None = Field(default=None, sa_column=Column(Text))
    mw: float | None = None
    mw_gross: float | None = None
    contract_value_usd: float | None = None
    term_years: int | None = None
    site: str | None = Field(default=None, sa_column=Column(Text))
    gpu_count: int | None = None
    gpu_model: str | None = Field(default=None, sa_column=Column(Text))
    title: str = Field(default="", sa_column=Column(Text, nullable=False))  # the first source's headline
    link: str = Field(default="", sa_column=Column(Text, nullable=False))
    sources: list[dict[str, str]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    history: list[dict[str, object]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    announced_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False, index=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_ts(nullable=False))
