"""Configuration: one TOML file, overridden by MINERWATCH_<SECTION>__<KEY> environment variables.

Precedence (highest first): MINERWATCH_* variables, TELEGRAM_BOT_TOKEN / DATABASE_URL, the TOML file,
built-in defaults. `load_settings` turns every mistake into a `ConfigError` with one line naming the key.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)

from minerwatch.config_values import (
    DATABASE_URL_EXAMPLES,
    Duration,
    HttpUrl,
    OptionalHttpUrl,
    UserIds,
    masked_url,
    parse_duration,
)
from minerwatch.defaults import DEFAULT_MINERS, default_feeds

__all__ = ["ConfigError", "FeedConfig", "MinerConfig", "Settings", "load_settings", "masked_url", "parse_duration"]


class ConfigError(Exception):
    """Invalid configuration; the message is one line naming the key."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TelegramSettings(_Section):
    token: SecretStr = SecretStr("")
    api_url: HttpUrl = "https://api.telegram.org/bot"
    admins: UserIds = Field(default_factory=list)
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: OptionalHttpUrl = ""
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: SecretStr = SecretStr("")


class DatabaseSettings(_Section):
    url: str = Field(default="sqlite:///minerwatch.db", repr=False)

    @field_validator("url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        """SQLite or PostgreSQL through psycopg 3, the drivers MinerWatch installs; the password is never echoed."""
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        from store.db import normalise_url

        value = value.strip()
        if value.partition("://")[2].partition("?")[0].count("@") > 1:
            # SQLAlchemy would take the password's tail for the host; the URL is not echoed (it holds the password)
            raise ValueError("an @ in the password must be written %40 (percent-encoded), e.g. p%40ss for p@ss")
        try:
            parsed = make_url(normalise_url(value))
        except (ArgumentError, ValueError):
            raise ValueError(f"expected a URL like {DATABASE_URL_EXAMPLES}, got {masked_url(value)!r}") from None
        driver = (parsed.get_backend_name(), parsed.get_driver_name())
        if driver not in (("sqlite", "pysqlite"), ("postgresql", "psycopg")):
            raise ValueError(
                f"MinerWatch stores its data in SQLite or PostgreSQL (driver psycopg): expected a URL like "
                f"{DATABASE_URL_EXAMPLES}, got {masked_url(value)!r}"
            )
        return value

    def __repr_args__(self) -> Any:
        """Shown with the password masked: a Settings object printed in a log or a traceback leaks nothing."""
        yield "url", masked_url(self.url)


class SecSettings(_Section):
    user_agent: str = ""
    www_url: HttpUrl = "https://www.sec.gov"
    data_url: HttpUrl = "https://data.sec.gov"
    interval: Duration = timedelta(minutes=5)


class PricesSettings(_Section):
    yahoo_url: HttpUrl = "https://query1.finance.yahoo.com"
    stooq_url: HttpUrl = "https://stooq.com"
    coingecko_url: HttpUrl = "https://api.coingecko.com"
    interval: Duration = timedelta(minutes=1)


class NetworkSettings(_Section):
    mempool_url: HttpUrl = "https://mempool.space"
    interval: Duration = timedelta(minutes=10)


class NewsSettings(_Section):
    interval: Duration = timedelta(minutes=5)
    user_agent: str = "MinerWatch/0.1 (+https://github.com/minerwatch/minerwatch; self-hosted news alerts)"


class ClassifierSettings(_Section):
    kind: Literal["transformer", "keywords"] = "transformer"


class SenderSettings(_Section):
    interval: Duration = timedelta(seconds=1)
    batch: int = Field(default=30, ge=1, le=1000)


class MinerConfig(_Section):
    ticker: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    cik: int | None = None

    @field_validator("ticker")
    @classmethod
    def _upper_ticker(cls, value: str) -> str:
        value = value.strip().upper()
        if not re.fullmatch(r"[A-Z][A-Z0-9.\-]{0,9}", value):
            raise ValueError(f"ticker must be 1-10 letters/digits, got {value!r}")
        return value


class FeedConfig(_Section):
    url: HttpUrl
    name: str = ""
    miners: list[str] = Field(default_factory=list)

    @field_validator("miners")
    @classmethod
    def _upper_miners(cls, value: list[str]) -> list[str]:
        return [ticker.strip().upper() for ticker in value]


class _LegacyEnvSource(PydanticBaseSettingsSource):
    """TELEGRAM_BOT_TOKEN and DATABASE_URL, the names every deployment tool knows."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:  # pragma: no cover
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if token := os.environ.get("TELEGRAM_BOT_TOKEN"):
            values["telegram"] = {"token": token}
        if url := os.environ.get("DATABASE_URL"):
            values["database"] = {"url": url}
        return values


class _TomlSource(PydanticBaseSettingsSource):
    """The config file's contents (already parsed)."""

    def __init__(self, settings_cls: type[BaseSettings], data: dict[str, Any]) -> None:
        super().__init__(settings_cls)
        self._data = data

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:  # pragma: no cover
        return self._data.get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return self._data


class Settings(BaseSettings):
    """Everything MinerWatch can be told; see minerwatch.example.toml for each key."""

    model_config = SettingsConfigDict(
        env_prefix="MINERWATCH_", env_nested_delimiter="__", extra="forbid", case_sensitive=False
    )

    telegram: TelegramSettings = Field(default_factory=TelegramSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    sec: SecSettings = Field(default_factory=SecSettings)
    prices: PricesSettings = Field(default_factory=PricesSettings)
    network: NetworkSettings = Field(default_factory=NetworkSettings)
    news: NewsSettings = Field(default_factory=NewsSettings)
    classifier: ClassifierSettings = Field(default_factory=ClassifierSettings)
    sender: SenderSettings = Field(default_factory=SenderSettings)
    miners: list[MinerConfig] = Field(default_factory=lambda: [MinerConfig(**m) for m in DEFAULT_MINERS])  # type: ignore[arg-type]
    feeds: list[FeedConfig] = Field(default_factory=lambda: [FeedConfig(**f) for f in default_feeds()])  # type: ignore[arg-type]

    _toml_data: dict[str, Any] = {}

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (
            init_settings,
            env_settings,
            _LegacyEnvSource(settings_cls),
            _TomlSource(settings_cls, _PENDING_TOML.get("data", {})),
        )

    @property
    def tickers(self) -> list[str]:
        return [miner.ticker for miner in self.miners]

    @property
    def bot_token(self) -> str:
        return self.telegram.token.get_secret_value().strip()


_PENDING_TOML: dict[str, dict[str, Any]] = {}

#: MINERWATCH_* variables that are not config keys: the config path and the process knobs of the classifier and
#: the test suite.
PROCESS_VARIABLES = frozenset({"CONFIG", "ENCODER_DTYPE", "TORCH_THREADS", "TEST_POSTGRES_URL"})
_ENV_PREFIX = "MINERWATCH_"


def _check_environment(environ: dict[str, str] | os._Environ[str]) -> None:
    """A MINERWATCH_<SECTION>__<KEY> variable that names no key is a typo, not something to ignore quietly."""
    sections = Settings.model_fields
    for name in sorted(environ):
        upper = name.upper()
        if not upper.startswith(_ENV_PREFIX):
            continue
        rest = upper[len(_ENV_PREFIX) :]
        if rest in PROCESS_VARIABLES or rest.lower() in sections:
            continue
        section, sep, key = rest.partition("__")
        if sep:
            _check_section_variable(name, section, key)
            continue
        for candidate in sections:
            keys = _section_keys(candidate)
            if keys is None or not rest.lower().startswith(candidate + "_"):
                continue
            key = rest[len(candidate) + 1 :]
            if key.lower() in keys:
                fixed = f"{_ENV_PREFIX}{candidate.upper()}__{key}"
                raise ConfigError(
                    f"invalid config: environment variable {name}: section and key are separated by two "
                    f"underscores: {fixed}"
                )
            raise ConfigError(
                f"invalid config: environment variable {name} names no key of [{candidate}]; known: "
                f"{_known_variables(candidate.upper(), keys)}"
            )


def _check_section_variable(name: str, section: str, key: str) -> None:
    """MINERWATCH_<SECTION>__<KEY>: the section must be a table and the key one of its keys."""
    if section.lower() not in Settings.model_fields:
        raise ConfigError(
            f"invalid config: environment variable {name}: there is no section [{section.lower()}] "
            f"(sections: {', '.join(Settings.model_fields)}); example: {_ENV_PREFIX}NEWS__INTERVAL=2m"
        )
    keys = _section_keys(section.lower())
    if keys is None:
        example = '[{"ticker": "MARA", "name": "MARA Holdings"}]' if section == "MINERS" else '[{"url": "https://…"}]'
        raise ConfigError(
            f"invalid config: environment variable {name}: [[{section.lower()}]] is set as one JSON list, "
            f"e.g. {_ENV_PREFIX}{section}='{example}'"
        )
    if key.partition("__")[0].lower() not in keys:
        raise ConfigError(
            f"invalid config: environment variable {name} names no key of [{section.lower()}]; known: "
            f"{_known_variables(section, keys)}"
        )


def _section_keys(section: str) -> list[str] | None:
    """The keys of a [section] table; None for a list of tables ([[miners]], [[feeds]]) or no such section."""
    field = Settings.model_fields.get(section)
    model = field.annotation if field is not None else None
    return list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else None


def _known_variables(section: str, keys: list[str]) -> str:
    return ", ".join(f"{_ENV_PREFIX}{section.upper()}__{key.upper()}" for key in keys)


def config_path(explicit: str | None) -> Path | None:
    """--config, else $MINERWATCH_CONFIG, else ./minerwatch.toml if present, else None (built-in defaults)."""
    if explicit:
        return Path(explicit)
    if env := os.environ.get("MINERWATCH_CONFIG"):
        return Path(env)
    local = Path("minerwatch.toml")
    return local if local.exists() else None


def _error_line(error: ValidationError) -> str:
    """One line: every unknown key by name (a typo rarely comes alone), else the first error and how many more."""
    errors = error.errors()
    unknown = [".".join(str(part) for part in e["loc"]) for e in errors if e["type"] == "extra_forbidden"]
    if unknown and len(unknown) == len(errors):
        label = "unknown key" if len(unknown) == 1 else "unknown keys"
        return f"invalid config: {label}: {', '.join(unknown)} (minerwatch.example.toml lists every key)"
    first = next(e for e in errors if e["type"] != "extra_forbidden")
    key = ".".join(str(part) for part in first["loc"]) or "(top level)"
    message = first["msg"].removeprefix("Value error, ")
    others = len(errors) - 1 - len(unknown)
    extra = f" ({others} more)" if others else ""
    if unknown:
        extra += f"; unknown {'key' if len(unknown) == 1 else 'keys'}: {', '.join(unknown)}"
    return f"invalid config: {key}: {message}{extra}"


def load_settings(path: str | Path | None = None, *, use_default_path: bool = True) -> Settings:
    """Read and validate the configuration; raise ConfigError with one line naming the bad key."""
    resolved = Path(path) if path else (config_path(None) if use_default_path else None)
    data: dict[str, Any] = {}
    if resolved is not None:
        try:
            data = tomllib.loads(resolved.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {resolved}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid config file {resolved}: {exc}") from None
        except OSError as exc:
            raise ConfigError(f"cannot read config file {resolved}: {exc.strerror}") from None
    _check_environment(os.environ)
    _PENDING_TOML["data"] = data
    try:
        settings = Settings()
    except ValidationError as exc:
        raise ConfigError(_error_line(exc)) from None
    except SettingsError as exc:  # an environment value that should be JSON (a list or a table) is not
        raise ConfigError(f"invalid config: {exc}: lists and tables in MINERWATCH_* variables are JSON") from None
    finally:
        _PENDING_TOML.pop("data", None)
    _check_consistency(settings)
    return settings


def _check_consistency(settings: Settings) -> None:
    tickers = settings.tickers
    duplicates = {t for t in tickers if tickers.count(t) > 1}
    if duplicates:
        raise ConfigError(f"invalid config: miners: ticker {sorted(duplicates)[0]} is listed twice")
    for index, feed in enumerate(settings.feeds):
        unknown = [t for t in feed.miners if t not in tickers]
        if unknown:
            raise ConfigError(f"invalid config: feeds.{index}.miners: {unknown[0]} is not in [[miners]]")
    if settings.telegram.mode == "webhook" and settings.bot_token and not settings.telegram.webhook_url:
        raise ConfigError('invalid config: telegram.webhook_url: required when telegram.mode = "webhook"')
