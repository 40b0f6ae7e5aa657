"""Settings from environment variables, validated once at start.

Every variable is documented in README.md ("Configuration"). A variable ``NAME`` can also be
given as ``NAME_FILE`` pointing at a file that holds the value (Docker/Kubernetes secrets).
Nothing here touches the network; ``Settings.from_env`` only reads and checks values.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# The reference data pack ships with the project (data/, see its README) so a clone runs alone.
DATA_DIR = PROJECT_ROOT / "data"
ENVIRONMENTS = ("development", "production", "testing")
AI_PROVIDERS = ("local", "gemini")
JOB_RETRY_BACKOFF_CAP = 300  # seconds: the longest wait before a job's retry


class ConfigError(ValueError):
    """A configuration value is missing or malformed; the message says which and how to fix it."""


@dataclass(frozen=True)
class Settings:
    env: str = "development"
    database_url: str = ""
    # Read replica (README "Read replica"): reads that tolerate a little lag go there while it
    # answers and lags at most replica_max_lag_s; a household that wrote reads the primary for
    # replica_ryw_window_s. None: everything on DATABASE_URL, as without a replica.
    database_replica_url: str | None = None
    replica_max_lag_s: int = 2
    replica_ryw_window_s: int = 5
    replica_retry_s: int = 5  # a replica that failed to answer is tried again after this
    redis_url: str | None = None
    celery_broker_url: str | None = None
    celery_result_backend: str | None = None
    # acks_late: a message not acknowledged this many seconds after delivery goes back to the
    # queue (its worker died); it must outlast a job's time limit plus its longest retry wait.
    celery_visibility_timeout: int = 3600
    job_max_retries: int = 4  # retries after the first attempt, for transient failures
    job_retry_backoff: int = 2  # seconds before the first retry; doubles each time (jittered)
    job_soft_time_limit: int = 120  # the handler is interrupted; the job fails "timed out"
    job_time_limit: int = 150  # the worker process running it is killed
    test_job_handlers: str | None = None  # a module registering test-only job handlers
    test_beat_seconds: int | None = None  # tests: every beat entry runs this often instead
    jwt_secret_key: str = ""
    # The key being rotated out: tokens it signed still verify until they expire (README Runbook).
    jwt_secret_key_previous: str = ""
    jwt_access_ttl: timedelta = timedelta(minutes=30)
    jwt_refresh_ttl: timedelta = timedelta(days=30)
    firebase_project_id: str | None = None
    firebase_credentials: str | None = None
    firebase_auth_emulator_host: str | None = None
    firebase_storage_bucket: str | None = None
    cors_origins: tuple[str, ...] = ("*",)
    data_dir: Path = DATA_DIR
    var_dir: Path = PROJECT_ROOT / "var"
    db_pool_size: int = 10
    db_max_overflow: int = 20
    db_pool_recycle: int = 1800
    db_pool_timeout: int = 10
    db_pool_pre_ping: bool = True  # ping a pooled connection idle for longer than:
    db_pool_ping_idle_seconds: int = 10
    ratelimit_enabled: bool = True
    ratelimit_default: str = "600/minute"
    ratelimit_auth: str = "5/minute"
    ratelimit_refresh: str = "10/minute"
    ratelimit_ai_recognition: str = "5/minute"
    ratelimit_ai_generation: str = "8/minute"
    ratelimit_images: str = "30/minute"  # image transforms per user (CPU in the web process)
    ai_budget_user_usd: Decimal = Decimal("1.00")  # per user and calendar month (UTC)
    ai_budget_deployment_usd: Decimal = Decimal("100.00")  # for everyone, per month
    # the sum of a household's members' spend, per month; None: 3 x the user budget
    ai_budget_household_usd: Decimal | None = None
    cache_ttl_seconds: int = 3600
    max_content_length: int = 10 * 1024 * 1024
    log_level: str = "INFO"
    log_json: bool = True
    warm_up: bool = False  # load reference data and models as the app starts (Gunicorn: on)
    # Bearer token /metrics asks for (README "Observability"); unset: open outside production,
    # not served in production.
    metrics_token: str | None = field(default=None, repr=False)
    worker_metrics_port: int = 0  # the Celery worker's own /metrics port (0: not served)
    worker_metrics_address: str = "127.0.0.1"  # compose: 0.0.0.0 (its internal network)
    worker_nice: int = 10  # the Celery worker's CPU priority below the web tier's (0: as is)
    redis_socket_timeout: float = 1.0
    proxy_hops: int = 0  # reverse proxies in front whose X-Forwarded-* headers are trusted
    # Nginx's internal location of var/files: signed file URLs answer X-Accel-Redirect to it.
    accel_redirect_prefix: str | None = None
    ai_provider: str = "local"  # local | gemini
    gemini_api_key: str | None = field(default=None, repr=False)
    gemini_model: str = "gemini-2.5-flash"
    gemini_image_model: str = "gemini-2.5-flash-image"
    # 3 attempts of 45 s at most, plus backoff: under the client's 3-minute wait for AI calls.
    gemini_timeout_seconds: int = 45
    gemini_retry_attempts: int = 3  # including the first request
    # Scraping (issue #13; README "Scraping and recipe import"): the polite fetcher's rules.
    scrape_contact_url: str = ""  # who runs the bot; the User-Agent names it (set it!)
    scrape_host_interval_ms: int = 2000  # one request per host this often (robots may ask more)
    scrape_timeout_seconds: int = 10
    scrape_max_bytes: int = 2 * 1024 * 1024
    scrape_max_retries: int = 2
    scrape_allow_loopback: bool = False  # tests only: pages served from 127.0.0.1
    recipe_import_enabled: bool = True
    price_sources: tuple[str, ...] = ()  # none unless a deployment enables them
    price_seed_file: Path | None = None  # JSON {source: [product URLs]}

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def is_testing(self) -> bool:
        return self.env == "testing"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read and validate settings; raise ConfigError with a clear message on bad values."""
        env = _Env(os.environ if environ is None else environ)
        mode = env.get("ZW_ENV", "development")
        if mode not in ENVIRONMENTS:
            raise ConfigError(f"ZW_ENV must be one of {', '.join(ENVIRONMENTS)}, got {mode!r}")
        var_dir = Path(env.get("ZW_VAR_DIR", str(PROJECT_ROOT / "var"))).resolve()
        settings = cls(
            env=mode,
            database_url=env.get("DATABASE_URL", f"sqlite:///{var_dir / 'zerowaste.db'}"),
            database_replica_url=env.get("DATABASE_REPLICA_URL").strip() or None,
            replica_max_lag_s=env.int("REPLICA_MAX_LAG_S", 2, 0),
            replica_ryw_window_s=env.int("REPLICA_RYW_WINDOW_S", 5, 1),
            replica_retry_s=env.int("REPLICA_RETRY_S", 5, 1),
            redis_url=env.get("REDIS_URL") or None,
            celery_broker_url=env.get("CELERY_BROKER_URL") or None,
            celery_result_backend=env.get("CELERY_RESULT_BACKEND") or None,
            celery_visibility_timeout=env.int("CELERY_VISIBILITY_TIMEOUT", 3600, 1),
            job_max_retries=env.int("JOB_MAX_RETRIES", 4, 0),
            job_retry_backoff=env.int("JOB_RETRY_BACKOFF", 2, 1),
            job_soft_time_limit=env.int("JOB_SOFT_TIME_LIMIT", 120, 1),
            job_time_limit=env.int("JOB_TIME_LIMIT", 150, 2),
            test_job_handlers=env.get("ZW_TEST_JOB_HANDLERS") or None,
            test_beat_seconds=env.int("ZW_TEST_BEAT_SECONDS", 0, 0) or None,
            jwt_secret_key=env.get("JWT_SECRET_KEY", ""),
            jwt_secret_key_previous=env.get("JWT_SECRET_KEY_PREVIOUS", ""),
            jwt_access_ttl=timedelta(seconds=env.int("JWT_ACCESS_TTL_SECONDS", 1800, 60)),
            jwt_refresh_ttl=timedelta(seconds=env.int("JWT_REFRESH_TTL_SECONDS", 2592000, 300)),
            firebase_project_id=env.get("FIREBASE_PROJECT_ID") or None,
            firebase_credentials=env.get("FIREBASE_CREDENTIALS") or None,
            firebase_auth_emulator_host=env.get("FIREBASE_AUTH_EMULATOR_HOST") or None,
            firebase_storage_bucket=env.get("FIREBASE_STORAGE_BUCKET") or None,
            cors_origins=tuple(
                o.strip() for o in env.get("CORS_ORIGINS", "*").split(",") if o.strip()
            ),
            data_dir=Path(env.get("ZW_DATA_DIR") or DATA_DIR),
            var_dir=var_dir,
            db_pool_size=env.int("DB_POOL_SIZE", 10, 1),
            db_max_overflow=env.int("DB_MAX_OVERFLOW", 20, 0),
            db_pool_recycle=env.int("DB_POOL_RECYCLE", 1800, 1),
            db_pool_timeout=env.int("DB_POOL_TIMEOUT", 10, 1),
            db_pool_pre_ping=env.bool("DB_POOL_PRE_PING", True),
            db_pool_ping_idle_seconds=env.int("DB_POOL_PING_IDLE_SECONDS", 10, 0),
            ratelimit_enabled=env.bool("RATELIMIT_ENABLED", True),
            ratelimit_default=env.get("RATELIMIT_DEFAULT", "600/minute"),
            ratelimit_auth=env.get("RATELIMIT_AUTH", "5/minute"),
            ratelimit_refresh=env.get("RATELIMIT_REFRESH", "10/minute"),
            ratelimit_ai_recognition=env.get("RATELIMIT_AI_RECOGNITION", "5/minute"),
            ratelimit_ai_generation=env.get("RATELIMIT_AI_GENERATION", "8/minute"),
            ratelimit_images=env.get("RATELIMIT_IMAGES", "30/minute"),
            ai_budget_user_usd=env.decimal("AI_BUDGET_USER_USD", "1.00"),
            ai_budget_deployment_usd=env.decimal("AI_BUDGET_DEPLOYMENT_USD", "100.00"),
            ai_budget_household_usd=(
                env.decimal("AI_BUDGET_HOUSEHOLD_USD", "0")
                if env.get("AI_BUDGET_HOUSEHOLD_USD", "").strip()
                else None
            ),
            cache_ttl_seconds=env.int("CACHE_TTL_SECONDS", 3600, 1),
            max_content_length=env.int("MAX_CONTENT_LENGTH", 10 * 1024 * 1024, 1024),
            log_level=env.get("LOG_LEVEL", "INFO").upper(),
            proxy_hops=env.int("ZW_PROXY_HOPS", 0, 0),
            accel_redirect_prefix=_accel_prefix(env.get("ZW_ACCEL_REDIRECT_PREFIX")),
            log_json=env.bool("LOG_JSON", True),
            warm_up=env.bool("WARM_UP", False),
            metrics_token=env.get("METRICS_TOKEN").strip() or None,
            worker_metrics_port=env.int("WORKER_METRICS_PORT", 0, 0),
            worker_metrics_address=env.get("WORKER_METRICS_ADDRESS", "127.0.0.1").strip(),
            worker_nice=env.int("WORKER_NICE", 10, 0),
            ai_provider=env.get("AI_PROVIDER", "local").strip().lower(),
            gemini_api_key=env.get("GEMINI_API_KEY") or None,
            gemini_model=env.get("GEMINI_MODEL") or "gemini-2.5-flash",
            gemini_image_model=env.get("GEMINI_IMAGE_MODEL") or "gemini-2.5-flash-image",
            gemini_timeout_seconds=env.int("GEMINI_TIMEOUT_SECONDS", 45, 1),
            gemini_retry_attempts=env.int("GEMINI_RETRY_ATTEMPTS", 3, 1),
            scrape_contact_url=env.get("SCRAPE_CONTACT_URL").strip(),
            scrape_host_interval_ms=env.int("SCRAPE_HOST_INTERVAL_MS", 2000, 100),
            scrape_timeout_seconds=env.int("SCRAPE_TIMEOUT_SECONDS", 10, 1),
            scrape_max_bytes=env.int("SCRAPE_MAX_BYTES", 2 * 1024 * 1024, 1024),
            scrape_max_retries=env.int("SCRAPE_MAX_RETRIES", 2, 0),
            scrape_allow_loopback=env.bool("ZW_TEST_SCRAPE_ALLOW_LOOPBACK", False),
            recipe_import_enabled=env.bool("RECIPE_IMPORT_ENABLED", True),
            price_sources=tuple(
                s.strip().lower() for s in env.get("PRICE_SOURCES").split(",") if s.strip()
            ),
            price_seed_file=Path(env.get("PRICE_SEED_FILE"))
            if env.get("PRICE_SEED_FILE")
            else None,
        )
        return settings.validated()

    def validated(self) -> Settings:
        """Check cross-field rules; fill the embedded JWT secret outside production."""
        if not self.database_url.startswith(("sqlite", "mysql")):
            raise ConfigError(
                "DATABASE_URL must be sqlite:///… or mysql+pymysql://… / mysql+mysqldb://…"
            )
        self._check_replica()
        if self.ai_provider not in AI_PROVIDERS:
            raise ConfigError(
                f"AI_PROVIDER must be one of {', '.join(AI_PROVIDERS)}, got {self.ai_provider!r}"
            )
        if self.ai_provider == "gemini" and not self.gemini_api_key:
            raise ConfigError("AI_PROVIDER=gemini needs GEMINI_API_KEY (or GEMINI_API_KEY_FILE)")
        if self.firebase_auth_emulator_host and self.is_production:
            raise ConfigError(
                "FIREBASE_AUTH_EMULATOR_HOST skips signature checks; refusing in production"
            )
        self._check_jobs()
        if self.is_production and (not self.cors_origins or "*" in self.cors_origins):
            raise ConfigError(
                "CORS_ORIGINS must list the allowed browser origins in production "
                "(e.g. https://app.example.com); '*' would let any site call the API"
            )
        self._check_previous_jwt_key()
        if self.jwt_secret_key:
            if self.is_production and len(self.jwt_secret_key) < 32:
                raise ConfigError("JWT_SECRET_KEY must be at least 32 characters in production")
            return self
        if self.is_production:
            raise ConfigError(
                "JWT_SECRET_KEY (or JWT_SECRET_KEY_FILE) is required when ZW_ENV=production"
            )
        return replace(self, jwt_secret_key=_embedded_secret(self.var_dir))

    def _check_replica(self) -> None:
        if self.database_replica_url is None:
            return
        if not self.database_replica_url.startswith("mysql") or not self.database_url.startswith(
            "mysql"
        ):
            raise ConfigError(
                "DATABASE_REPLICA_URL must be a mysql+pymysql://… URL beside a MySQL DATABASE_URL"
            )
        # The lag is known to the second and checked every second: a household that wrote reads
        # the primary until the replica, however far behind it may be while used, has the write.
        if self.replica_ryw_window_s < self.replica_max_lag_s + 2:
            raise ConfigError(
                "REPLICA_RYW_WINDOW_S must be at least REPLICA_MAX_LAG_S + 2 "
                f"({self.replica_max_lag_s + 2}), or a household may miss its own write"
            )

    def _check_previous_jwt_key(self) -> None:
        if self.jwt_secret_key_previous == self.jwt_secret_key and self.jwt_secret_key:
            raise ConfigError("JWT_SECRET_KEY_PREVIOUS must differ from JWT_SECRET_KEY")
        if self.is_production and 0 < len(self.jwt_secret_key_previous) < 32:
            raise ConfigError("JWT_SECRET_KEY_PREVIOUS must be at least 32 characters")

    def _check_jobs(self) -> None:
        if self.worker_nice > 19:
            raise ConfigError(f"WORKER_NICE must be 0-19, got {self.worker_nice}")
        if self.job_time_limit <= self.job_soft_time_limit:
            raise ConfigError("JOB_TIME_LIMIT must be greater than JOB_SOFT_TIME_LIMIT")
        if self.test_job_handlers and not self.is_testing:
            raise ConfigError("ZW_TEST_JOB_HANDLERS registers test code; only with ZW_ENV=testing")
        if self.scrape_allow_loopback and not self.is_testing:
            raise ConfigError(
                "ZW_TEST_SCRAPE_ALLOW_LOOPBACK opens 127.0.0.1; only with ZW_ENV=testing"
            )
        if self.test_beat_seconds and not self.is_testing:
            raise ConfigError(
                "ZW_TEST_BEAT_SECONDS rewrites the schedule; only with ZW_ENV=testing"
            )
        longest = self.job_time_limit + JOB_RETRY_BACKOFF_CAP
        if self.is_production and self.celery_visibility_timeout <= longest:
            raise ConfigError(
                f"CELERY_VISIBILITY_TIMEOUT must exceed JOB_TIME_LIMIT + {JOB_RETRY_BACKOFF_CAP} s "
                f"(the longest retry wait), {longest} s: a shorter one runs live jobs twice"
            )


def _embedded_secret(var_dir: Path) -> str:
    """Generate once and keep a local signing secret so tokens survive restarts of `make run`.

    Several workers may start at once on a fresh var/: the secret is written to a private file
    and linked into place atomically, so every process reads the same complete value.
    """
    path = var_dir / "jwt_secret"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        draft = var_dir / f".jwt_secret.{os.getpid()}.tmp"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process won the race; use its secret
        finally:
            draft.unlink()
    value = path.read_text().strip()
    if len(value) < 32:
        raise ConfigError(f"{path} holds no usable JWT secret; delete it to generate a new one")
    return value


def _accel_prefix(raw: str) -> str | None:
    """`/protected-uploads/`-like: an absolute path of plain segments, ending with `/`."""
    text = raw.strip()
    if not text:
        return None
    if not re.fullmatch(r"(/[A-Za-z0-9_-]+)+/?", text):
        raise ConfigError(
            f"ZW_ACCEL_REDIRECT_PREFIX must be a path like /protected-uploads/, got {raw!r}"
        )
    return text.rstrip("/") + "/"


class _Env:
    """Environment lookup with `NAME_FILE` secrets and typed accessors."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = environ

    def get(self, name: str, default: str = "") -> str:
        file_path = self._environ.get(f"{name}_FILE")
        if file_path:
            try:
                return Path(file_path).read_text().strip()
            except OSError as exc:
                raise ConfigError(
                    f"{name}_FILE={file_path} cannot be read: {exc.strerror}"
                ) from exc
        return self._environ.get(name, default)

    def int(self, name: str, default: int, minimum: int) -> int:
        raw = self.get(name, str(default))
        try:
            value = int(raw)
        except ValueError as exc:
            raise ConfigError(f"{name} must be an integer, got {raw!r}") from exc
        if value < minimum:
            raise ConfigError(f"{name} must be >= {minimum}, got {value}")
        return value

    def bool(self, name: str, default: bool) -> bool:
        raw = self.get(name, "1" if default else "0").strip().lower()
        if raw in ("1", "true", "yes", "on"):
            return True
        if raw in ("0", "false", "no", "off", ""):
            return False
        raise ConfigError(f"{name} must be a boolean (1/0, true/false), got {raw!r}")

    def decimal(self, name: str, default: str) -> Decimal:
        raw = self.get(name, default)
        try:
            value = Decimal(raw)
        except InvalidOperation as exc:
            raise ConfigError(f"{name} must be a number, got {raw!r}") from exc
        if not value.is_finite() or value < 0:
            raise ConfigError(f"{name} must be a number >= 0, got {raw!r}")
        return value
