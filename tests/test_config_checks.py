"""Configuration values that would only fail later: database URLs, base URLs, mistyped environment variables."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from minerwatch.cli import main
from minerwatch.config import ConfigError, load_settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "MINERWATCH_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def load() -> object:
    return load_settings(None, use_default_path=False)


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///minerwatch.db",
        "sqlite:////var/lib/minerwatch/mw.db",
        "postgres://bob:pw@db:5432/mw",
        "postgresql://bob@db/mw",
        "postgresql+psycopg://bob@127.0.0.1:5432/mw",
        "postgresql:///mw",  # the local socket
    ],
)
def test_the_database_urls_minerwatch_can_open_are_accepted(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    assert load_settings(None, use_default_path=False).database.url == url


@pytest.mark.parametrize(
    "url",
    ["minerwatch.db", "mysql://bob:hunter2@db/mw", "postgresql+psycopg2://bob:hunter2@db/mw", "sqlite+aiosqlite:///x"],
)
def test_a_database_url_it_cannot_open_is_one_line_with_examples(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ConfigError) as error:
        load()
    message = str(error.value)
    assert message.startswith("invalid config: database.url: ") and "\n" not in message
    assert "sqlite:///minerwatch.db or postgresql+psycopg://user@host:5432/minerwatch" in message
    assert "hunter2" not in message


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("MINERWATCH_TELEGRAM__API_URL", "api.telegram.org/bot"),
        ("MINERWATCH_TELEGRAM__WEBHOOK_URL", "https://"),
        ("MINERWATCH_SEC__DATA_URL", "ftp://data.sec.gov"),
        ("MINERWATCH_PRICES__YAHOO_URL", "https://query1.finance.yahoo.com:port"),
        ("MINERWATCH_NETWORK__MEMPOOL_URL", "mempool.space"),
    ],
)
def test_a_base_url_without_scheme_or_host_names_its_key(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    key = variable.removeprefix("MINERWATCH_").lower().replace("__", ".")
    with pytest.raises(ConfigError, match=rf"{key}: expected an http:// or https:// URL with a host, like"):
        load()


def test_base_urls_on_loopback_and_an_empty_webhook_url_are_fine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINERWATCH_TELEGRAM__API_URL", "http://127.0.0.1:8081/bot")
    monkeypatch.setenv("MINERWATCH_TELEGRAM__WEBHOOK_URL", "")
    settings = load_settings(None, use_default_path=False)
    assert settings.telegram.api_url == "http://127.0.0.1:8081/bot" and settings.telegram.webhook_url == ""


@pytest.mark.parametrize(
    ("variable", "expected"),
    [
        ("MINERWATCH_TELEGRAM__TOKN", "names no key of [telegram]; known: MINERWATCH_TELEGRAM__TOKEN, "),
        ("MINERWATCH_NEWS_INTERVAL", "two underscores: MINERWATCH_NEWS__INTERVAL"),
        ("MINERWATCH_NEW__INTERVAL", "there is no section [new]"),
        ("MINERWATCH_MINERS__0__TICKER", "[[miners]] is set as one JSON list, e.g. MINERWATCH_MINERS='[{"),
        ("minerwatch_sec__useragent", "names no key of [sec]"),
    ],
)
def test_a_mistyped_environment_variable_stops_start_up(
    monkeypatch: pytest.MonkeyPatch, variable: str, expected: str
) -> None:
    monkeypatch.setenv(variable, "2m")
    with pytest.raises(ConfigError) as error:
        load()
    assert variable in str(error.value) and expected in str(error.value) and "\n" not in str(error.value)


def test_process_knobs_and_other_tools_variables_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MINERWATCH_TORCH_THREADS", "MINERWATCH_ENCODER_DTYPE", "MINERWATCH_HOME", "MINERWATCH_NEWS"):
        monkeypatch.setenv(name, "2" if name != "MINERWATCH_NEWS" else '{"interval": "2m"}')
    assert load_settings(None, use_default_path=False).news.interval.total_seconds() == 120


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_run_with_an_unreachable_database_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"postgresql+psycopg://bob:hunter2@127.0.0.1:{closed_port()}/mw")
    assert main(["run", "--roles", "watchers"]) == 1
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.startswith("minerwatch: cannot open the database postgresql+psycopg://bob:***@127.0.0.1:")
    assert "Check database.url (or DATABASE_URL), e.g. sqlite:///minerwatch.db" in err
    assert "\n" not in err and "Traceback" not in captured.out + captured.err and "hunter2" not in err


def test_status_with_a_database_it_cannot_create_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "not-a-folder").write_text("a file where the database folder should be", encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'not-a-folder' / 'db' / 'mw.db'}")
    assert main(["status", "MARA"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("minerwatch: cannot open the database sqlite:///") and "cannot create its folder" in err
    assert "\n" not in err


def test_status_with_an_unreachable_database_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"postgresql://bob@127.0.0.1:{closed_port()}/mw")
    assert main(["status", "MARA"]) == 1
    err = capsys.readouterr().err.strip()
    assert "cannot open the database postgresql+psycopg://bob@127.0.0.1:" in err and "\n" not in err


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://bob:hunter2@db:5432/mw", "postgresql+psycopg://bob:***@db:5432/mw"),
        ("postgresql://bob@127.0.0.1:1/mw?password=hunter2", "postgresql://bob@127.0.0.1:1/mw?password=***"),
        (
            "postgresql://bob@h/mw?sslmode=require&PASSWORD=hunter2",
            "postgresql://bob@h/mw?sslmode=require&PASSWORD=***",
        ),
        ("postgresql://bob:hun@ter2@127.0.0.1:1/mw", "postgresql://bob:***@127.0.0.1:1/mw"),  # an @ not encoded
        ("postgresql://bob:hun/ter2@h/mw", "postgresql://bob:***@h/mw"),
        ("sqlite:///minerwatch.db", "sqlite:///minerwatch.db"),
        ("postgresql:///mw", "postgresql:///mw"),
    ],
)
def test_a_database_password_is_masked_however_the_url_carries_it(url: str, shown: str) -> None:
    from store.db import mask_url

    assert mask_url(url) == shown


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://bob:hun@ter2@127.0.0.1:1/mw", "an @ in the password must be written %40 (percent-encoded)"),
        ("postgresql://bob:hunter2@h:port/mw", "got 'postgresql://bob:***@h:port/mw'"),
        ("mysql://bob@h/mw?password=hunter2", "got 'mysql://bob@h/mw?password=***'"),
    ],
)
def test_a_bad_database_url_never_echoes_its_password(monkeypatch: pytest.MonkeyPatch, url: str, expected: str) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ConfigError) as error:
        load()
    assert expected in str(error.value) and "hunter2" not in str(error.value) and "ter2" not in str(error.value)


def test_a_base_url_error_does_not_echo_a_pasted_bot_token(monkeypatch: pytest.MonkeyPatch) -> None:
    token = "123456789:AAEabcdefghijklmnopqrstuvwxyz012345"
    monkeypatch.setenv("MINERWATCH_TELEGRAM__API_URL", f"api.telegram.org/bot{token}")
    with pytest.raises(ConfigError) as error:
        load()
    assert "got 'api.telegram.org/bot<bot token>'" in str(error.value) and token.split(":")[1] not in str(error.value)


def test_a_single_underscore_typo_of_no_key_lists_the_keys_instead_of_a_wrong_fix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MINERWATCH_TELEGRAM_BOT_TOKEN", "123:abc")
    with pytest.raises(ConfigError) as error:
        load()
    message = str(error.value)
    assert "MINERWATCH_TELEGRAM_BOT_TOKEN names no key of [telegram]; known: MINERWATCH_TELEGRAM__TOKEN," in message
    assert "MINERWATCH_TELEGRAM__BOT_TOKEN" not in message


def test_status_on_a_file_that_is_not_a_database_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.db").write_text("these are my notes, not a database\n", encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'notes.db'}")
    assert main(["status", "MARA"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("minerwatch: cannot set up the database sqlite:///") and "file is not a database" in err
    assert "\n" not in err


@pytest.mark.postgres
def test_a_postgres_user_who_cannot_create_tables_is_told_what_to_grant(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uuid

    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from store.db import make_engine
    from tests.conftest import POSTGRES_URL

    if not POSTGRES_URL:
        pytest.skip("needs PostgreSQL: set MINERWATCH_TEST_POSTGRES_URL (.ci/run does)")
    name = f"mw_low_{uuid.uuid4().hex[:8]}"
    admin = make_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE ROLE "{name}" LOGIN'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))  # owned by the admin: PG 15 gives others no CREATE
    try:
        url = make_url(POSTGRES_URL).set(username=name, password=None, database=name)
        monkeypatch.setenv("DATABASE_URL", url.render_as_string(hide_password=False))
        assert main(["status", "MARA"]) == 1
        err = capsys.readouterr().err.strip()
        assert "permission denied for schema public" in err and "GRANT CREATE ON SCHEMA public TO it" in err
        assert "\n" not in err
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
        admin.dispose()
