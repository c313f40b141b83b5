"""Configuration: TOML file, environment overrides, durations, one-line errors with exit code 2."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from minerwatch.cli import main
from minerwatch.config import ConfigError, load_settings, parse_duration


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "MINERWATCH_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no ./minerwatch.toml


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "minerwatch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file() -> None:
    settings = load_settings(None)
    assert settings.database.url == "sqlite:///minerwatch.db"
    assert settings.telegram.api_url == "https://api.telegram.org/bot"
    assert settings.sec.interval == timedelta(minutes=5) and settings.prices.interval == timedelta(minutes=1)
    assert {"MARA", "CIFR", "IREN", "WULF", "CORZ", "HUT", "RIOT", "CLSK", "BITF", "BTDR"} <= set(settings.tickers)
    assert len(settings.feeds) >= len(settings.miners)
    mara = next(m for m in settings.miners if m.ticker == "MARA")
    assert mara.cik == 1507605 and "Marathon Digital" in mara.aliases


def test_file_then_env_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(
        tmp_path,
        """
[telegram]
api_url = "http://127.0.0.1:9/bot"
admins = [42]
[news]
interval = "90s"
[[miners]]
ticker = "mara"
name = "MARA Holdings"
[[feeds]]
url = "http://127.0.0.1:9/feed.xml"
miners = ["MARA"]
""",
    )
    monkeypatch.setenv("MINERWATCH_NEWS__INTERVAL", "1s")
    monkeypatch.setenv("MINERWATCH_TELEGRAM__ADMINS", "[7, 8]")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:secret")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1/x")
    settings = load_settings(path)
    assert settings.news.interval == timedelta(seconds=1)
    assert settings.telegram.admins == [7, 8]
    assert settings.telegram.api_url == "http://127.0.0.1:9/bot"
    assert settings.bot_token == "123:secret" and "123:secret" not in repr(settings)
    assert settings.database.url.startswith("postgresql+psycopg://")
    assert settings.tickers == ["MARA"] and settings.feeds[0].miners == ["MARA"]


def test_config_path_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, '[sec]\nuser_agent = "Acme Research ops@example.com"\n')
    monkeypatch.setenv("MINERWATCH_CONFIG", str(path))
    assert load_settings(None).sec.user_agent == "Acme Research ops@example.com"


@pytest.mark.parametrize(("value", "seconds"), [("90s", 90), ("5m", 300), ("1h", 3600), ("1s", 1), (2, 2)])
def test_durations(value: object, seconds: int) -> None:
    assert parse_duration(value) == timedelta(seconds=seconds)


@pytest.mark.parametrize("value", ["0s", "soon", "-5m", "", "5 minutes", True])
def test_bad_durations(value: object) -> None:
    with pytest.raises(ValueError):
        parse_duration(value)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[news]\ninterval = "0.5s"\n', "news.interval"),
        ('[telegram]\nadmins = ["boss"]\n', "telegram.admins"),
        ("[sec]\nuser_agnet = 'x'\n", "sec.user_agnet"),
        ('[[feeds]]\nurl = "ftp://x"\n', "feeds.0.url"),
        ('[[miners]]\nticker = "MARA"\nname = "M"\n[[feeds]]\nurl = "http://x"\nminers = ["ZZZ"]\n', "feeds.0.miners"),
        ('[classifier]\nkind = "magic"\n', "classifier.kind"),
        ("[news\n", "minerwatch.toml"),
    ],
)
def test_invalid_config_names_the_key(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(write(tmp_path, text))
    assert key in str(error.value) and "\n" not in str(error.value)


def test_cli_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, '[news]\ninterval = "never"\n')
    assert main(["run", "--config", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "news.interval" in err
    assert main(["run", "--roles", "bot,cook", "--config", str(path)]) == 2


@pytest.mark.parametrize(
    ("value", "admins"),
    [("123", [123]), ("123,456", [123, 456]), ("123 456", [123, 456]), ("[123, 456]", [123, 456]), ("", [])],
)
def test_admins_from_the_environment_take_one_id_or_a_list(
    monkeypatch: pytest.MonkeyPatch, value: str, admins: list[int]
) -> None:
    monkeypatch.setenv("MINERWATCH_TELEGRAM__ADMINS", value)
    assert load_settings(None, use_default_path=False).telegram.admins == admins


def test_admins_that_are_not_ids_name_the_key_with_an_example(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINERWATCH_TELEGRAM__ADMINS", "alice")
    with pytest.raises(ConfigError, match=r"telegram\.admins: expected Telegram user ids like 123456789"):
        load_settings(None, use_default_path=False)


def test_every_unknown_key_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(write(tmp_path, '[telegram]\ntokn = "x"\nadmin = [1]\n[sec]\nuseragent = "a"\n'))
    message = str(error.value)
    assert "unknown keys: telegram.tokn, telegram.admin, sec.useragent" in message and "\n" not in message


def test_a_list_in_the_environment_that_is_not_json_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINERWATCH_MINERS", "MARA,CIFR")
    with pytest.raises(ConfigError, match=r"miners.*are JSON"):
        load_settings(None, use_default_path=False)


def test_the_database_password_never_shows_in_repr_or_str(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://bob:hunter2@db:5432/mw")
    settings = load_settings(None, use_default_path=False)
    assert settings.database.url == "postgresql+psycopg://bob:hunter2@db:5432/mw"  # the engine gets the real one
    for shown in (repr(settings), str(settings), repr(settings.database), f"{settings.database!s}"):
        assert "hunter2" not in shown and "bob:***@db:5432/mw" in shown
