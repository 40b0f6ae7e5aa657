"""Settings.from_env: defaults, *_FILE secrets, typed values and the production rules."""

from __future__ import annotations

import stat
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import make_settings
from zerowaste.config import ConfigError, Settings
from zerowaste.infrastructure.reference import datapack

pytestmark = pytest.mark.unit

STRONG = "k" * 48
REPO_DATA = Path(__file__).resolve().parents[2] / "data"  # the repository's own pack


def env(tmp_path: Path, **values: str) -> dict[str, str]:
    origins = (
        {"CORS_ORIGINS": "https://app.example"} if values.get("ZW_ENV") == "production" else {}
    )
    return {"ZW_VAR_DIR": str(tmp_path / "var"), **origins, **values}


def test_embedded_defaults(tmp_path):
    settings = Settings.from_env(env(tmp_path))

    assert settings.env == "development"
    assert settings.database_url == f"sqlite:///{(tmp_path / 'var').resolve() / 'zerowaste.db'}"
    assert settings.redis_url is None and settings.celery_broker_url is None
    assert settings.jwt_access_ttl == timedelta(minutes=30)
    assert settings.jwt_refresh_ttl == timedelta(days=30)
    assert (settings.ratelimit_auth, settings.ratelimit_refresh) == ("5/minute", "10/minute")
    assert settings.max_content_length == 10 * 1024 * 1024
    assert settings.cors_origins == ("*",)


def test_embedded_secret_is_generated_once_under_var_and_reused(tmp_path):
    first = Settings.from_env(env(tmp_path))
    second = Settings.from_env(env(tmp_path))

    secret_file = tmp_path / "var" / "jwt_secret"
    assert len(first.jwt_secret_key) >= 32
    assert second.jwt_secret_key == first.jwt_secret_key
    assert secret_file.read_text().strip() == first.jwt_secret_key
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert Settings.from_env(env(tmp_path / "other")).jwt_secret_key != first.jwt_secret_key


def test_an_unusable_embedded_secret_file_is_refused(tmp_path):
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "jwt_secret").write_text("\n")

    with pytest.raises(ConfigError, match="jwt_secret"):
        Settings.from_env(env(tmp_path))


def test_production_without_a_jwt_secret_refuses_to_start(tmp_path):
    with pytest.raises(ConfigError) as excinfo:
        Settings.from_env(env(tmp_path, ZW_ENV="production"))

    message = str(excinfo.value)
    assert "JWT_SECRET_KEY" in message and "production" in message
    assert not (tmp_path / "var" / "jwt_secret").exists()


def test_production_with_a_short_jwt_secret_refuses_to_start(tmp_path):
    with pytest.raises(ConfigError, match="at least 32 characters"):
        Settings.from_env(env(tmp_path, ZW_ENV="production", JWT_SECRET_KEY="short"))


def test_jwt_secret_is_read_from_a_file(tmp_path):
    secret = tmp_path / "jwt.txt"
    secret.write_text(STRONG + "\n")

    settings = Settings.from_env(
        env(tmp_path, ZW_ENV="production", JWT_SECRET_KEY_FILE=str(secret))
    )

    assert settings.jwt_secret_key == STRONG


def test_a_secret_file_wins_over_the_plain_variable(tmp_path):
    secret = tmp_path / "db_url"
    secret.write_text("mysql+pymysql://zw:from-file@db/zerowaste")

    settings = Settings.from_env(
        env(
            tmp_path,
            DATABASE_URL="mysql+pymysql://zw:plain@db/zerowaste",
            DATABASE_URL_FILE=str(secret),
        )
    )

    assert settings.database_url == "mysql+pymysql://zw:from-file@db/zerowaste"


def test_an_unreadable_secret_file_names_the_variable(tmp_path):
    with pytest.raises(ConfigError, match="JWT_SECRET_KEY_FILE"):
        Settings.from_env(env(tmp_path, JWT_SECRET_KEY_FILE=str(tmp_path / "missing")))


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("DB_POOL_SIZE", "ten", "DB_POOL_SIZE must be an integer"),
        ("DB_POOL_SIZE", "0", "DB_POOL_SIZE must be >= 1"),
        ("JWT_ACCESS_TTL_SECONDS", "1.5", "JWT_ACCESS_TTL_SECONDS must be an integer"),
        ("MAX_CONTENT_LENGTH", "10", "MAX_CONTENT_LENGTH must be >= 1024"),
        ("RATELIMIT_ENABLED", "maybe", "RATELIMIT_ENABLED must be a boolean"),
        ("LOG_JSON", "2", "LOG_JSON must be a boolean"),
        ("ZW_ENV", "staging", "ZW_ENV must be one of"),
        ("DATABASE_URL", "postgresql://db/zerowaste", "DATABASE_URL must be"),
        ("AI_PROVIDER", "openai", "AI_PROVIDER must be one of local, gemini"),
        ("AI_PROVIDER", "gemini", "AI_PROVIDER=gemini needs GEMINI_API_KEY"),
        ("GEMINI_TIMEOUT_SECONDS", "0", "GEMINI_TIMEOUT_SECONDS must be >= 1"),
        ("GEMINI_RETRY_ATTEMPTS", "many", "GEMINI_RETRY_ATTEMPTS must be an integer"),
    ],
)
def test_bad_values_raise_a_clear_config_error(tmp_path, name, value, expected):
    with pytest.raises(ConfigError, match=expected):
        Settings.from_env(env(tmp_path, **{name: value}))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("TRUE", True), ("on", True), ("0", False), ("false", False), ("no", False)],
)
def test_booleans_accept_the_usual_spellings(tmp_path, raw, expected):
    assert Settings.from_env(env(tmp_path, RATELIMIT_ENABLED=raw)).ratelimit_enabled is expected


def test_typed_values_are_read(tmp_path):
    settings = Settings.from_env(
        env(
            tmp_path,
            JWT_ACCESS_TTL_SECONDS="900",
            DB_POOL_SIZE="4",
            DB_POOL_PRE_PING="0",
            RATELIMIT_AUTH="7/minute",
            LOG_LEVEL="debug",
            REDIS_URL="redis://127.0.0.1:6379/0",
        )
    )

    assert settings.jwt_access_ttl == timedelta(seconds=900)
    assert settings.db_pool_size == 4
    assert settings.db_pool_pre_ping is False
    assert settings.ratelimit_auth == "7/minute"
    assert settings.log_level == "DEBUG"
    assert settings.redis_url == "redis://127.0.0.1:6379/0"


def test_cors_origins_are_split_and_trimmed(tmp_path):
    settings = Settings.from_env(
        env(tmp_path, CORS_ORIGINS="https://a.example, https://b.example , ")
    )

    assert settings.cors_origins == ("https://a.example", "https://b.example")


def test_firebase_emulator_is_refused_in_production(tmp_path):
    with pytest.raises(ConfigError, match="FIREBASE_AUTH_EMULATOR_HOST"):
        Settings.from_env(
            env(
                tmp_path,
                ZW_ENV="production",
                JWT_SECRET_KEY=STRONG,
                FIREBASE_AUTH_EMULATOR_HOST="127.0.0.1:9099",
            )
        )


def test_firebase_emulator_is_allowed_outside_production(tmp_path):
    settings = Settings.from_env(
        env(tmp_path, FIREBASE_AUTH_EMULATOR_HOST="127.0.0.1:9099", FIREBASE_PROJECT_ID="demo-zw")
    )

    assert settings.firebase_auth_emulator_host == "127.0.0.1:9099"
    assert settings.firebase_project_id == "demo-zw"


def test_the_data_pack_defaults_to_the_repository_copy(tmp_path):
    settings = Settings.from_env(env(tmp_path))

    assert settings.data_dir == REPO_DATA == Settings().data_dir
    datapack.check_files(settings.data_dir)  # every imported file is in the repository


@pytest.mark.parametrize("value", ["", None])
def test_an_empty_or_missing_zw_data_dir_means_the_default(tmp_path, value):
    values = {} if value is None else {"ZW_DATA_DIR": value}

    assert Settings.from_env(env(tmp_path, **values)).data_dir == REPO_DATA


def test_zw_data_dir_overrides_the_data_pack(tmp_path):
    settings = Settings.from_env(env(tmp_path, ZW_DATA_DIR=str(tmp_path / "pack")))

    assert settings.data_dir == tmp_path / "pack"


def test_test_settings_read_the_data_pack_from_zw_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ZW_DATA_DIR", str(tmp_path / "other-pack"))

    assert make_settings(tmp_path).data_dir == tmp_path / "other-pack"
    assert make_settings(tmp_path, data_dir=tmp_path / "x").data_dir == tmp_path / "x"


def test_test_settings_use_the_repository_pack_without_zw_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("ZW_DATA_DIR", raising=False)

    assert make_settings(tmp_path).data_dir == REPO_DATA


@pytest.mark.parametrize("origins", [None, "*", "https://a.example,*", " , "])
def test_production_refuses_a_wildcard_or_missing_cors_origin(tmp_path, origins):
    values = env(tmp_path, ZW_ENV="production", JWT_SECRET_KEY=STRONG)
    values.pop("CORS_ORIGINS")
    if origins is not None:
        values["CORS_ORIGINS"] = origins

    with pytest.raises(ConfigError, match="CORS_ORIGINS"):
        Settings.from_env(values)


def test_a_wildcard_cors_origin_is_fine_outside_production(tmp_path):
    assert Settings.from_env(env(tmp_path, CORS_ORIGINS="*")).cors_origins == ("*",)


def test_ai_settings_default_to_the_local_provider(tmp_path):
    settings = Settings.from_env(env(tmp_path))

    assert settings.ai_provider == "local" and settings.gemini_api_key is None
    assert (settings.gemini_model, settings.gemini_image_model) == (
        "gemini-2.5-flash",
        "gemini-2.5-flash-image",
    )
    assert (settings.gemini_timeout_seconds, settings.gemini_retry_attempts) == (45, 3)


def test_gemini_settings_are_read_and_the_key_may_come_from_a_file(tmp_path):
    key_file = tmp_path / "gemini_key"
    key_file.write_text("AIza-from-file\n")
    settings = Settings.from_env(
        env(
            tmp_path,
            AI_PROVIDER=" Gemini ",
            GEMINI_API_KEY_FILE=str(key_file),
            GEMINI_MODEL="gemini-2.5-pro",
            GEMINI_IMAGE_MODEL="imagen-x",
            GEMINI_TIMEOUT_SECONDS="20",
            GEMINI_RETRY_ATTEMPTS="1",
        )
    )

    assert settings.ai_provider == "gemini" and settings.gemini_api_key == "AIza-from-file"
    assert (settings.gemini_model, settings.gemini_image_model) == ("gemini-2.5-pro", "imagen-x")
    assert (settings.gemini_timeout_seconds, settings.gemini_retry_attempts) == (20, 1)


def test_the_gemini_key_never_shows_in_the_settings_repr(tmp_path):
    settings = Settings.from_env(env(tmp_path, GEMINI_API_KEY="AIza-very-secret"))

    assert "AIza-very-secret" not in repr(settings)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", None),
        ("/protected-uploads/", "/protected-uploads/"),
        ("/protected-uploads", "/protected-uploads/"),
        (" /a/b_c/ ", "/a/b_c/"),
    ],
)
def test_the_accel_redirect_prefix_is_an_absolute_path_ending_with_a_slash(tmp_path, raw, expected):
    settings = Settings.from_env(env(tmp_path, ZW_ACCEL_REDIRECT_PREFIX=raw))

    assert settings.accel_redirect_prefix == expected


@pytest.mark.parametrize("raw", ["protected", "/../etc/", "http://x/", "/a b/", "//"])
def test_a_malformed_accel_redirect_prefix_is_refused(tmp_path, raw):
    with pytest.raises(ConfigError, match="ZW_ACCEL_REDIRECT_PREFIX must be a path"):
        Settings.from_env(env(tmp_path, ZW_ACCEL_REDIRECT_PREFIX=raw))


def test_the_household_ai_cap_is_three_personal_budgets_unless_set(tmp_path):
    assert Settings.from_env(env(tmp_path)).ai_budget_household_usd is None
    assert Settings.from_env(
        env(tmp_path, AI_BUDGET_HOUSEHOLD_USD="2.5")
    ).ai_budget_household_usd == Decimal("2.5")
    with pytest.raises(ConfigError):
        Settings.from_env(env(tmp_path, AI_BUDGET_HOUSEHOLD_USD="-1"))


@pytest.mark.parametrize(("raw", "found"), [(None, 10), ("0", 0), ("19", 19)])
def test_the_workers_cpu_priority_is_a_nice_level(tmp_path, raw, found):
    values = {} if raw is None else {"WORKER_NICE": raw}
    assert Settings.from_env(env(tmp_path, **values)).worker_nice == found


@pytest.mark.parametrize("raw", ["20", "-1", "low"])
def test_a_nice_level_outside_0_to_19_is_refused(tmp_path, raw):
    with pytest.raises(ConfigError, match="WORKER_NICE"):
        Settings.from_env(env(tmp_path, WORKER_NICE=raw))
