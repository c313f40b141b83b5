"""Composition root: builds the parts from the settings and runs the roles (bot, watchers, sender)."""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime, timedelta

import httpx
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.engine import Engine
from telegram.error import InvalidToken, NetworkError, TimedOut
from telegram.ext import Application

from bot.app import ConsoleTransport, TelegramTransport
from bot.deps import BotDeps, MinerInfo
from bot.sender import Sender
from classifiers.base import THEMES, Classifier
from minerwatch.config import Settings
from minerwatch.defaults import DEFAULT_WATCHLIST
from minerwatch.jobs.digest import DigestJob
from minerwatch.jobs.news import NewsJob
from store import queries
from store.db import make_engine, migrate, off_loop, session_scope
from store.leader import LeaderLock
from watchers.http import make_client

log = logging.getLogger(__name__)

ROLES = ("bot", "watchers", "sender")
#: The pseudo-chat that receives everything in console mode (Telegram never uses id 0).
CONSOLE_CHAT_ID = 0
#: Upper bound on how long a due source waits for the scheduler's next tick.
MAX_TICK = timedelta(seconds=15)
#: How often digest slots are checked.
DIGEST_TICK = timedelta(seconds=30)
#: Sources named in the start-up line about sources still failing.
MAX_SOURCES_NAMED = 10
#: Waits between attempts to reach the Bot API at start: doubling from the first, capped at the last.
TELEGRAM_RETRY_FIRST_S = 1.0
TELEGRAM_RETRY_CAP_S = 60.0
#: While Telegram stays unreachable for the same reason, a reminder is logged this often (the retries in between are
#: logged at debug level): the first failure is one line, not one a minute.
TELEGRAM_RETRY_REPORT_S = 600.0


class BotTokenRejected(Exception):
    """The Bot API refused the token (401/404): retrying cannot help. The message never contains the token."""

    def __init__(self) -> None:
        super().__init__(
            "Telegram rejected the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN / telegram.token — "
            "@BotFather's /token shows it, e.g. 123456789:AAE…"
        )


def parse_roles(value: str) -> tuple[str, ...]:
    roles = tuple(dict.fromkeys(r.strip() for r in value.split(",") if r.strip()))
    unknown = [r for r in roles if r not in ROLES]
    if unknown or not roles:
        raise ValueError(f"--roles takes a comma-separated subset of {','.join(ROLES)}, e.g. --roles bot,sender")
    return roles


def load_classifier(kind: str) -> Classifier:
    from classifiers import load_classifier as load

    return load(kind)


def default_tickers(settings: Settings) -> tuple[str, ...]:
    seeds = tuple(t for t in DEFAULT_WATCHLIST if t in settings.tickers)
    return seeds or tuple(settings.tickers[:4])


def bot_deps(settings: Settings, engine: Engine) -> BotDeps:
    universe = {m.ticker: MinerInfo(m.ticker, m.name, tuple(m.aliases)) for m in settings.miners}
    return BotDeps(
        engine=engine,
        universe=universe,
        admins=frozenset(settings.telegram.admins),
        default_tickers=default_tickers(settings),
    )


class Runtime:
    """Everything one `minerwatch run` process owns."""

    def __init__(
        self,
        settings: Settings,
        roles: Iterable[str] = ROLES,
        *,
        engine: Engine | None = None,
        classifier: Classifier | None = None,
        http_client: httpx.AsyncClient | None = None,
        print_fn: Callable[[str], None] = print,
    ) -> None:
        self.settings = settings
        self.roles = tuple(roles)
        self.engine = engine or make_engine(settings.database.url)
        self.console = not settings.bot_token
        self.print = print_fn
        self._classifier = classifier
        self._client = http_client
        self.scheduler: AsyncIOScheduler | None = None
        self.application: Application | None = None  # type: ignore[type-arg]
        self.sender: Sender | None = None
        self.news_job: NewsJob | None = None
        self.leader = LeaderLock(self.engine)
        self.stopped = asyncio.Event()
        #: Set when the process should end with an error (the token rejected after a retry, say).
        self.fatal: BaseException | None = None
        self._connecting: asyncio.Task[None] | None = None
        self.telegram_connected = asyncio.Event()

    async def start(self) -> None:
        migrate(self.engine)
        if self.console:
            self.print(
                "No TELEGRAM_BOT_TOKEN set: running in console mode — every alert and digest is printed here "
                "as it would be sent to a chat that follows all miners."
            )
            self._ensure_console_chat()
        else:
            self._retire_console_chat()
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        client = self._client or make_client(self.settings.news.user_agent)
        self._client = client
        needs_telegram = not self.console and ("bot" in self.roles or "sender" in self.roles)
        if self.console and "sender" in self.roles:
            self._start_sender(ConsoleTransport(self.print))
        if needs_telegram:
            self.application = self._new_application()
            try:
                await self._connect_telegram()
            except (NetworkError, TimedOut) as exc:
                # A network blip, or a local Bot API server still starting: keep trying in the background; the
                # watchers run meanwhile and what they queue waits in the outbox.
                log.warning(
                    "Telegram unreachable (%s); retrying in %gs — the watchers keep running, alerts wait in the outbox",
                    _reason(exc),
                    TELEGRAM_RETRY_FIRST_S,
                )
                self._connecting = asyncio.get_running_loop().create_task(self._keep_connecting(_reason(exc)))
        if "watchers" in self.roles:
            await self._start_watchers(client)
        self.scheduler.start()

    def _new_application(self) -> Application:  # type: ignore[type-arg]
        from bot.app import build_application, install_token_redaction

        install_token_redaction(self.settings.bot_token)
        return build_application(
            self.settings.bot_token, self.settings.telegram.api_url, bot_deps(self.settings, self.engine)
        )

    async def _connect_telegram(self) -> None:
        """One attempt: getMe (PTB's initialize), then the sender and the bot. A rejected token raises
        BotTokenRejected; an unreachable Bot API raises PTB's NetworkError / TimedOut."""
        app = self.application
        assert app is not None
        try:
            await app.initialize()
        except InvalidToken:
            raise BotTokenRejected() from None  # PTB's message quotes the token
        log.info("connected to Telegram as @%s", app.bot.username)
        if "sender" in self.roles:  # one Bot, so one rate limiter for replies and alerts
            self._start_sender(TelegramTransport(app.bot))
            self.wake_sender()
        if "bot" in self.roles:
            await self._start_bot()
        self.telegram_connected.set()

    async def _keep_connecting(self, reported: str) -> None:
        """Retry the Bot API with doubling waits (capped) until it answers. `reported`: the failure start() logged.
        A failure is logged again when its reason changes and every TELEGRAM_RETRY_REPORT_S; the attempts in
        between at debug level."""
        wait = TELEGRAM_RETRY_FIRST_S
        loop = asyncio.get_running_loop()
        started = reported_at = loop.time()
        while True:
            await asyncio.sleep(wait)
            try:
                await self._connect_telegram()
                return
            except (NetworkError, TimedOut) as exc:
                wait, reason, now = min(wait * 2, TELEGRAM_RETRY_CAP_S), _reason(exc), loop.time()
                if reason != reported or now - reported_at >= TELEGRAM_RETRY_REPORT_S:
                    minutes = (now - started) / 60
                    log.warning(
                        "Telegram still unreachable after %.0f min (%s); retrying every %gs", minutes, reason, wait
                    )
                    reported, reported_at = reason, now
                else:
                    log.debug("Telegram still unreachable (%s); retrying in %gs", reason, wait)
            except BotTokenRejected as exc:
                log.error("%s", exc)
                self.fatal = exc
                self.stopped.set()
                return

    def _start_sender(self, transport: ConsoleTransport | TelegramTransport) -> None:
        self.sender = Sender(
            self.engine, transport, batch=self.settings.sender.batch, admins=self.settings.telegram.admins
        )
        self.sender.recover()
        self._every("sender", self.settings.sender.interval, self.sender.run_once)

    async def _start_watchers(self, client: httpx.AsyncClient) -> None:
        from minerwatch.jobs.history import HISTORY_INTERVAL, HistoryJob
        from minerwatch.jobs.market import NetworkJob, PricesJob
        from minerwatch.jobs.news import NewsJob

        if self._classifier is None:
            self._classifier = await asyncio.to_thread(load_classifier, self.settings.classifier.kind)
        classifier = self._classifier
        # load the model now, so the first alert does not wait for it (off the event loop)
        await asyncio.to_thread(classifier.classify_batch, ["MinerWatch warm-up"])
        self.news_job = NewsJob(self.engine, client, classifier, self.settings)
        self._every("news", min(self.settings.news.interval, MAX_TICK), self._as_leader(self._news_cycle))
        prices_job = PricesJob(self.engine, client, self.settings)
        network_job = NetworkJob(self.engine, client, self.settings)
        self._every("prices", self.settings.prices.interval, self._as_leader(self._wake_after(prices_job.run_once)))
        self._every("network", self.settings.network.interval, self._as_leader(self._wake_after(network_job.run_once)))
        history_job = HistoryJob(self.engine, client, self.settings)  # daily closes and hashprice for /chart

        async def backfill_history() -> None:
            await history_job.run_once()

        self._every("history", HISTORY_INTERVAL, self._as_leader(backfill_history))
        digests = DigestJob(self.engine)
        self._every("digest", DIGEST_TICK, self._as_leader(self._wake_after(digests.run_once)))
        self._start_sec(client, classifier)
        self._report_sources_still_failing()

    def _report_sources_still_failing(self) -> None:
        """One line at start for the sources that were failing when the last run ended: their "is failing" line
        was logged back then, and they log nothing more until they recover."""
        with session_scope(self.engine) as session:
            failing = [source for source in queries.source_health(session) if source.failures > 0]
        if not failing:
            return
        shown = [
            f"{source.name or source.key} (since {source.failing_since:%Y-%m-%d %H:%M} UTC: {source.last_error})"
            if source.failing_since
            else f"{source.name or source.key} ({source.last_error})"
            for source in failing[:MAX_SOURCES_NAMED]
        ]
        more = (
            f"; +{len(failing) - MAX_SOURCES_NAMED} more (/stats lists them)"
            if len(failing) > MAX_SOURCES_NAMED
            else ""
        )
        log.warning("%d source(s) still failing from before: %s%s", len(failing), "; ".join(shown), more)

    def _start_sec(self, client: httpx.AsyncClient, classifier: Classifier) -> None:
        """The SEC watcher; without a valid sec.user_agent only this watcher is skipped, with one line saying why."""
        from minerwatch.jobs.sec import SecJob
        from watchers.sec import SecConfigError

        try:
            job = SecJob(self.engine, client, classifier, self.settings, on_queued=self.wake_sender)
        except SecConfigError as exc:
            log.warning("SEC watcher not started: %s", exc)
            return
        self._every("sec", job.tick, self._as_leader(self._wake_after(job.run_once)))

    async def _news_cycle(self) -> None:
        assert self.news_job is not None
        report = await self.news_job.run_once()
        if report.queued:
            self.wake_sender()

    def _wake_after(self, job: Callable[[], Awaitable[int]]) -> Callable[[], Awaitable[None]]:
        """Run a job that queues messages, then wake the sender if it queued any."""

        async def run() -> None:
            if await job():
                self.wake_sender()

        return run

    def wake_sender(self) -> None:
        """Send queued messages now instead of at the sender's next tick (same process only)."""
        if self.sender is not None:
            asyncio.get_running_loop().create_task(self.sender.run_once())

    async def _start_bot(self) -> None:
        from bot.app import MENU_LANGUAGES, bot_commands

        app = self.application
        assert app is not None
        try:
            await app.bot.set_my_commands(bot_commands())
            for language in MENU_LANGUAGES:
                await app.bot.set_my_commands(bot_commands(language), language_code=language)
        except Exception as exc:  # noqa: BLE001 - the menu is a nicety
            log.warning("could not set the command menu: %s", exc)
        await app.start()
        assert app.updater is not None
        telegram = self.settings.telegram
        if telegram.mode == "webhook":
            secret = telegram.webhook_secret.get_secret_value()
            if not secret:
                # Never serve unsigned updates: without a secret anyone who finds the URL could post a forged
                # /broadcast "from" an admin. Telegram sends this one back in X-Telegram-Bot-Api-Secret-Token.
                secret = secrets.token_urlsafe(32)
                log.info("telegram.webhook_secret is not set: generated one for this run and registered it")
            await app.updater.start_webhook(
                listen=telegram.webhook_listen,
                port=telegram.webhook_port,
                url_path="telegram",
                webhook_url=telegram.webhook_url,
                secret_token=secret,
            )
        else:
            from bot.app import POLL_TIMEOUT_S

            await app.updater.start_polling(
                timeout=POLL_TIMEOUT_S,
                drop_pending_updates=False,
                error_callback=lambda exc: log.warning("polling: %s", exc),
            )
        me = app.bot.username
        log.info("bot @%s is answering in %s mode", me, telegram.mode)

    def _every(self, name: str, interval: timedelta, job: Callable[[], Awaitable[object]]) -> None:
        assert self.scheduler is not None

        async def guarded() -> None:
            try:
                await job()
            except asyncio.CancelledError:  # shutdown cut the job short; its transaction was rolled back
                log.info("job %s stopped by shutdown", name)
            except Exception:  # noqa: BLE001 - one failing job never stops the others
                log.exception("job %s failed; it runs again at its next interval", name)

        self.scheduler.add_job(
            guarded,
            "interval",
            seconds=interval.total_seconds(),
            id=name,
            next_run_time=datetime.now(UTC),
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )

    def _as_leader(self, job: Callable[[], Awaitable[None]]) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            if await off_loop(self.leader.acquire):
                await job()

        return run

    def _ensure_console_chat(self) -> None:
        with session_scope(self.engine) as session:
            chat, _ = queries.register_chat(
                session,
                CONSOLE_CHAT_ID,
                chat_type="console",
                title="console",
                thread_id=None,
                default_tickers=(),
                themes=THEMES,
            )
            queries.add_watches(session, CONSOLE_CHAT_ID, self.settings.tickers)

    def _retire_console_chat(self) -> None:
        with session_scope(self.engine) as session:
            queries.deactivate_chat(session, CONSOLE_CHAT_ID, "console mode ended")

    async def stop(self) -> None:
        if self._connecting is not None and not self._connecting.done():
            self._connecting.cancel()
            try:
                await self._connecting
            except asyncio.CancelledError:
                pass
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.pause()  # no new job runs; the one sending finishes its claimed messages
        if self.sender is not None:
            await self.sender.drain()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        if self.application is not None:
            app = self.application
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
            await app.shutdown()
            await app.bot.shutdown()  # its HTTP clients, also when getMe never succeeded (app not initialized)
        if self._client is not None:
            await self._client.aclose()
        await off_loop(self.leader.release)
        self.engine.dispose()

    async def run_forever(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self.stopped.set)
            except (NotImplementedError, RuntimeError):
                pass
        await self.start()
        try:
            await self.stopped.wait()
        finally:
            await self.stop()
        if self.fatal is not None:
            raise self.fatal


def _reason(exc: BaseException) -> str:
    """A short reason for a failed Bot API call (PTB's messages may carry a URL, hence the token)."""
    return f"{type(exc).__name__}: {exc}"[:200]
