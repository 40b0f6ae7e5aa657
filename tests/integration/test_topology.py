"""The production topology is consistent: compose services, Nginx, Gunicorn, MySQL config, worker.

docker-compose.yml is parsed and cross-checked (dependencies, shared connection settings,
mounts, secrets, health checks); the image carries the data pack where Settings look for it;
nginx.conf passes `nginx -t`; gunicorn.conf.py yields valid Gunicorn settings for every worker
class; my.cnf only holds options the server knows; the Celery worker consumes a real Redis queue.
"""

from __future__ import annotations

import os
import re
import runpy
import shutil
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml

from tests.conftest import service_missing
from zerowaste.config import DATA_DIR, PROJECT_ROOT, Settings
from zerowaste.entrypoints.worker import make_celery

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("api", "worker", "beat", "migrate")
SHARED_VARS = (
    "DATABASE_URL",
    "DATABASE_REPLICA_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "ZW_ENV",
    "JWT_SECRET_KEY_FILE",
)
UPSTREAM = re.compile(r"upstream\s+\w+\s*\{[^}]*?server\s+([\w.-]+):(\d+)", re.S)

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def env_of(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: "" if v is None else str(v) for k, v in env.items()}


def compose_default(value: str) -> str:
    """`${NAME:-default}` -> default, as compose resolves it when NAME is unset."""
    return re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", value)


def load_gunicorn_conf(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    for name in ("GUNICORN_BIND", "GUNICORN_WORKERS", "GUNICORN_WORKER_CLASS", "HOST", "PORT"):
        monkeypatch.delenv(name, raising=False)
    # gunicorn.conf.py sets these for its workers: recorded here, so they are undone afterwards
    # (a WARM_UP=1 left behind would make every later app of this test process warm up).
    for name in ("PROMETHEUS_MULTIPROC_DIR", "WARM_UP"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_every_dependency_is_a_service_with_the_condition_it_needs(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name, service in services.items():
        for target, rule in (service.get("depends_on") or {}).items():
            assert target in services, f"{name} depends on unknown service {target}"
            condition = rule["condition"]
            if condition == "service_healthy":
                check = services[target].get("healthcheck") or {}
                assert check.get("test") and not check.get("disable"), (
                    f"{target} has no healthcheck"
                )
            elif condition == "service_completed_successfully":
                assert services[target].get("restart") == "no", f"{target} must be one-shot"
    assert services["api"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["nginx"]["depends_on"]["api"]["condition"] == "service_healthy"


def test_app_processes_share_database_redis_and_broker(compose: dict[str, Any]) -> None:
    envs = {name: env_of(compose["services"][name]) for name in APP_SERVICES}
    for var in SHARED_VARS:
        values = {name: env.get(var) for name, env in envs.items()}
        assert len(set(values.values())) == 1 and None not in values.values(), (var, values)
    api = envs["api"]
    assert (
        api["DATABASE_URL"].startswith("mysql+") and "@mysql:3306/zerowaste" in api["DATABASE_URL"]
    )
    assert api["REDIS_URL"].startswith("redis://redis:6379/")
    assert api["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
    assert api["ZW_ENV"] == "production"
    mysql_env = env_of(compose["services"]["mysql"])
    assert mysql_env["MYSQL_DATABASE"] == "zerowaste" and mysql_env["MYSQL_USER"] == "zerowaste"


def test_nginx_upstream_is_the_api_service_on_the_gunicorn_port(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    host, port = UPSTREAM.search((ROOT / "nginx.conf").read_text()).groups()  # type: ignore[union-attr]
    api = compose["services"][host]
    env = env_of(api)
    assert env["PORT"] == port and port in [str(p) for p in api["expose"]]
    conf = load_gunicorn_conf(monkeypatch, HOST=env["HOST"], PORT=env["PORT"])
    assert conf["bind"] == [f"0.0.0.0:{port}"]
    assert "nginx.conf" in compose["services"]["nginx"]["volumes"][0]


def test_compose_runs_three_api_replicas_that_nginx_balances_and_skips_when_failing(
    compose: dict[str, Any],
) -> None:
    api = compose["services"]["api"]
    assert compose_default(str(api["deploy"]["replicas"])) == "3"
    assert "container_name" not in api and "ports" not in api  # replicas cannot share either
    assert "/healthz/ready" in " ".join(api["healthcheck"]["test"])  # 503 while its DB is down
    upstream = re.search(r"upstream zerowaste_api \{([^}]*)\}", (ROOT / "nginx.conf").read_text())
    assert upstream is not None
    lines = [line.split("#")[0].strip() for line in upstream.group(1).splitlines()]
    directives = [line for line in lines if line]
    assert "least_conn;" in directives
    assert "server api:3000 max_fails=3 fail_timeout=10s;" in directives
    # No `resolver` + variable: it would bypass this upstream (no least_conn, no max_fails).
    code = [line.split("#")[0] for line in (ROOT / "nginx.conf").read_text().splitlines()]
    assert not any(line.strip().startswith("resolver") for line in code)


def test_compose_gives_the_worker_less_cpu_weight_than_the_api(compose: dict[str, Any]) -> None:
    """Containers are cgroups: the worker's WORKER_NICE orders nothing against the api
    replicas, so compose weighs them (entrypoints.priority)."""
    services = compose["services"]
    assert services["worker"]["cpu_shares"] < services["api"].get("cpu_shares", 1024)


def test_compose_default_worker_class_is_gunicorn_default(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    conf = load_gunicorn_conf(monkeypatch)
    chosen = compose_default(env_of(compose["services"]["api"])["GUNICORN_WORKER_CLASS"])
    assert chosen == conf["DEFAULT_WORKER_CLASS"] == conf["worker_class"]


def test_bind_mounts_exist_and_named_volumes_are_declared(compose: dict[str, Any]) -> None:
    declared = set(compose.get("volumes") or {})
    for name, service in compose["services"].items():
        for volume in service.get("volumes") or []:
            source = compose_default(volume).split(":", 1)[0]
            if source.startswith((".", "/")):
                assert (ROOT / source).exists(), f"{name} mounts missing {source}"
                # A clone alone runs the stack: nothing beside it (../shared) is mounted.
                assert (ROOT / source).resolve().is_relative_to(ROOT), f"{name} mounts {source}"
            else:
                assert source in declared, f"{name} uses undeclared volume {source}"
    mysql_mounts = compose["services"]["mysql"]["volumes"]
    assert "./mysql-config/my.cnf:/etc/mysql/conf.d/zerowaste.cnf:ro" in mysql_mounts


def test_the_image_carries_the_data_pack_where_settings_look_by_default(
    compose: dict[str, Any],
) -> None:
    lines = (ROOT / "Dockerfile").read_text().splitlines()
    instructions = "\n".join(line for line in lines if not line.startswith("#"))
    final_stage = instructions.rsplit("\nFROM ", 1)[1]
    workdir = PurePosixPath(re.findall(r"^WORKDIR\s+(\S+)", final_stage, re.M)[-1])
    copies = {
        str(workdir / dest): source
        for source, dest in re.findall(r"^COPY\s+(?!--)(\S+)\s+(\S+)$", final_stage, re.M)
    }
    # The editable install keeps the code in <workdir>/src, so PROJECT_ROOT is the workdir.
    assert copies[str(workdir / "src")] == "src"
    assert copies[str(workdir / DATA_DIR.relative_to(PROJECT_ROOT))] == "data"
    assert "ZW_DATA_DIR" not in final_stage
    for name in APP_SERVICES:
        assert "ZW_DATA_DIR" not in env_of(compose["services"][name]), name
    ignored = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()]
    patterns = [line for line in ignored if line and not line.startswith("#")]
    for path in ("data", "data/README.md", "data/foodkeeper/products.json"):
        assert not any(fnmatch(path, pattern) for pattern in patterns), path


def test_secrets_are_declared_and_read_through_file_variables(compose: dict[str, Any]) -> None:
    declared = compose["secrets"]
    for name, service in compose["services"].items():
        mounted = set(service.get("secrets") or [])
        assert mounted <= set(declared), f"{name} uses undeclared secrets {mounted - set(declared)}"
        for var, value in env_of(service).items():
            if var.endswith("_FILE") and value.startswith("/run/secrets/"):
                assert value.removeprefix("/run/secrets/") in mounted, (name, var)
    assert "JWT_SECRET_KEY" not in env_of(compose["services"]["api"])
    assert all("file" in spec or spec.get("external") for spec in declared.values())


@pytest.mark.parametrize("worker_class", ["gthread", "gevent", "sync"])
def test_gunicorn_conf_gives_valid_settings(
    worker_class: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gunicorn.config import Config

    conf = load_gunicorn_conf(monkeypatch, GUNICORN_WORKER_CLASS=worker_class, GUNICORN_WORKERS="3")
    gunicorn = Config()
    settings = {k: v for k, v in conf.items() if k in gunicorn.settings}
    for name, value in settings.items():
        gunicorn.set(name, value)  # Gunicorn's own validators
    assert gunicorn.worker_class_str == worker_class
    assert gunicorn.workers == 3 and gunicorn.bind == ["127.0.0.1:3000"]
    assert gunicorn.preload_app is False and gunicorn.accesslog is None
    assert gunicorn.threads == (8 if worker_class == "gthread" else 1)
    assert os.environ["GUNICORN_WORKER_CLASS"] == worker_class  # what wsgi.py reads
    typos = {k for k in conf if k.islower() and not k.startswith("_")} - set(gunicorn.settings)
    assert typos <= {"annotations", "os"}, f"not Gunicorn settings: {typos}"


def test_gunicorn_conf_refuses_an_unknown_worker_class(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit, match="GUNICORN_WORKER_CLASS must be one of"):
        load_gunicorn_conf(monkeypatch, GUNICORN_WORKER_CLASS="eventlet")


def _nginx_t(conf: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["nginx", "-t", "-c", str(conf)], capture_output=True, text=True)


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed (CI installs it)")
def test_gunicorn_conf_refuses_gevent_on_mysqlclient(monkeypatch: pytest.MonkeyPatch) -> None:
    """mysqlclient's waits block a gevent hub: gevent needs PyMySQL."""
    url = "mysql+mysqldb://u:p@db/zerowaste"
    with pytest.raises(SystemExit, match="gevent workers need PyMySQL"):
        load_gunicorn_conf(monkeypatch, GUNICORN_WORKER_CLASS="gevent", DATABASE_URL=url)
    conf = load_gunicorn_conf(monkeypatch, GUNICORN_WORKER_CLASS="gthread", DATABASE_URL=url)
    assert conf["worker_class"] == "gthread"


def test_compose_uses_mysqlclient_under_the_default_gthread_workers(
    compose: dict[str, Any],
) -> None:
    api = compose["services"]["api"]
    assert compose_default(api["environment"]["DATABASE_URL"]).startswith("mysql+mysqldb://")
    assert compose_default(str(api["build"]["args"]["WITH_MYSQLCLIENT"])) == "1"


def test_nginx_conf_passes_nginx_t(tmp_path: Path) -> None:
    text = (ROOT / "nginx.conf").read_text()
    assert "server api:3000" in text
    conf = tmp_path / "nginx.conf"
    conf.write_text(text.replace("server api:3000", "server 127.0.0.1:3000"))
    result = _nginx_t(conf.resolve())
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed (CI installs it)")
def test_local_rendering_for_make_stack_passes_nginx_t(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "deploy"))
    import nginx_local

    nginx_local.prepare_run_dir(tmp_path)
    peers = ["127.0.0.1:13000", "127.0.0.1:13001"]  # `make stack` with STACK_INSTANCES=2
    text = nginx_local.render((ROOT / "nginx.conf").read_text(), "127.0.0.1:18080", peers, tmp_path)
    for peer in peers:
        assert f"server {peer} max_fails=3 fail_timeout=10s;" in text
    assert "listen 127.0.0.1:18080;" in text and "server api:3000" not in text
    conf = tmp_path / "nginx.conf"
    conf.write_text(text)
    result = _nginx_t(conf)
    assert result.returncode == 0, result.stderr


def server_options(name: str) -> dict[str, str]:
    """The options mariadbd reads from mysql-config/<name>, after checking it knows each one
    (a `loose-` option may be unknown to MariaDB: it is MySQL's)."""
    cnf = ROOT / "mysql-config" / name
    result = subprocess.run(
        ["/usr/sbin/mariadbd", f"--defaults-file={cnf}", "--help", "--verbose"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    unknown = re.findall(r"unknown (?:variable|option) '([^']+)'", result.stderr)
    assert all(option.startswith("loose-") for option in unknown), unknown
    return dict(re.findall(r"^([a-z0-9-]+)\s+(.+)$", result.stdout, re.M))


@pytest.mark.skipif(not Path("/usr/sbin/mariadbd").exists(), reason="mariadbd is not installed")
def test_mysql_config_holds_only_options_the_server_knows() -> None:
    values = server_options("my.cnf")
    assert values["character-set-server"] == "utf8mb4"
    assert values["default-time-zone"] == "+00:00"
    assert int(values["max-connections"]) >= 120


@pytest.mark.parametrize("name", ["replication-source.cnf", "replication-replica.cnf"])
def test_replication_configs_hold_only_options_the_server_knows(name: str) -> None:
    values = server_options(name)
    assert values["server-id"] == ("1" if "source" in name else "2")


def test_the_api_reads_on_a_gtid_replica_of_the_database(compose: dict[str, Any]) -> None:
    services = compose["services"]
    api, replica = env_of(services["api"]), services["mysql-replica"]
    assert "@mysql-replica:3306/zerowaste" in api["DATABASE_REPLICA_URL"]
    # the same driver, user and database as DATABASE_URL: only the host differs
    assert api["DATABASE_REPLICA_URL"].replace("mysql-replica:", "mysql:") == api["DATABASE_URL"]
    Settings.from_env(
        {
            "DATABASE_URL": compose_default(api["DATABASE_URL"]),
            "DATABASE_REPLICA_URL": compose_default(api["DATABASE_REPLICA_URL"]),
            "REPLICA_MAX_LAG_S": compose_default(api["REPLICA_MAX_LAG_S"]),
            "REPLICA_RYW_WINDOW_S": compose_default(api["REPLICA_RYW_WINDOW_S"]),
            "JWT_SECRET_KEY": "k" * 40,
        }
    )
    # the API starts without it (a replica that is down is skipped), after the source is up
    assert services["api"]["depends_on"]["mysql-replica"]["condition"] == "service_started"
    assert replica["depends_on"]["mysql"]["condition"] == "service_healthy"
    assert replica["image"] == services["mysql"]["image"]
    source_env = env_of(services["mysql"])
    assert env_of(replica)["MYSQL_REPLICATION_PASSWORD"] == source_env["MYSQL_REPLICATION_PASSWORD"]
    mounts = {compose_default(v).split(":")[0]: v for v in replica["volumes"]}
    assert "./mysql-config/replica-init.sh" in mounts and "./mysql-config/my.cnf" in mounts
    init = (ROOT / "mysql-config" / "replica-init.sh").read_text()
    assert "SOURCE_HOST='mysql'" in init and "SOURCE_AUTO_POSITION=1" in init
    assert "GRANT REPLICATION CLIENT" in init  # the lag check's SHOW REPLICA STATUS
    source_mounts = [compose_default(v).split(":")[0] for v in services["mysql"]["volumes"]]
    assert "./mysql-config/source-init.sh" in source_mounts
    assert "./mysql-config/replication-source.cnf" in source_mounts


def test_celery_app_from_settings_is_eager_without_a_broker() -> None:
    celery = make_celery(Settings(env="testing", database_url="sqlite://", jwt_secret_key="x" * 40))
    conf = celery.conf
    assert conf.task_always_eager is True
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert conf.worker_prefetch_multiplier == 1 and conf.accept_content == ["json"]
    assert conf.broker_url == "memory://"


@pytest.mark.redis
@pytest.mark.slow
def test_celery_worker_consumes_the_redis_queue(tmp_path: Path) -> None:
    import redis

    broker = os.environ.get("ZW_TEST_CELERY_URL", "redis://127.0.0.1:6379/11")
    try:
        redis.Redis.from_url(broker, socket_connect_timeout=1).flushdb()
    except redis.RedisError as exc:
        service_missing("Redis", exc)
    env = {
        **os.environ,
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
        "ZW_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'w.db'}",
        "JWT_SECRET_KEY": "x" * 40,
    }
    command = [sys.executable, "-m", "celery", "-A", "zerowaste.entrypoints.worker", "worker"]
    command += ["-P", "solo", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    worker = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        client = make_celery(
            Settings(env="testing", database_url="sqlite://", jwt_secret_key="x" * 40,
                     celery_broker_url=broker, celery_result_backend=broker)
        )  # fmt: skip
        assert client.conf.task_always_eager is False
        assert client.send_task("zerowaste.ping").get(timeout=30) == "pong"
    finally:
        worker.terminate()
        worker.wait(timeout=20)


def test_workers_run_numpy_blas_on_one_thread_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.setenv(name, "")  # recorded, so the settings below are undone afterwards
        monkeypatch.delenv(name)
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    load_gunicorn_conf(monkeypatch)
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1" and os.environ["MKL_NUM_THREADS"] == "1"
    assert os.environ["OMP_NUM_THREADS"] == "4"  # an exported value wins


def test_flower_watches_the_workers_broker_behind_auth_and_off_the_public_ports(
    compose: dict[str, Any],
) -> None:
    flower = compose["services"]["flower"]
    env, worker_env = env_of(flower), env_of(compose["services"]["worker"])
    assert env["CELERY_BROKER_URL"] == worker_env["CELERY_BROKER_URL"]
    assert "flower" in flower["command"] and "--port=5555" in flower["command"]
    assert env["FLOWER_BASIC_AUTH"].startswith("${FLOWER_BASIC_AUTH:?")  # no default password
    assert all(str(port).startswith("127.0.0.1:") for port in flower["ports"])
    assert flower["depends_on"]["redis"]["condition"] == "service_healthy"


def test_metrics_are_scraped_with_a_token_and_summed_over_processes(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    api, worker = compose["services"]["api"], compose["services"]["worker"]
    assert env_of(api)["METRICS_TOKEN_FILE"] == "/run/secrets/metrics_token"
    assert "metrics_token" in api["secrets"]
    assert env_of(api)["PROMETHEUS_MULTIPROC_DIR"] and env_of(worker)["PROMETHEUS_MULTIPROC_DIR"]
    assert env_of(worker)["WORKER_METRICS_PORT"] in worker["expose"]
    assert "rm -rf" in " ".join(worker["command"])  # the worker's files are emptied first
    conf = load_gunicorn_conf(monkeypatch, ZW_VAR_DIR=str(tmp_path), PORT="3999")
    directory = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    assert directory == tmp_path / "prometheus-3999"
    directory.mkdir()
    (directory / "counter_1.db").write_bytes(b"old run")
    conf["on_starting"](None)
    assert list(directory.iterdir()) == []  # a previous run's files are not summed again
    assert callable(conf["child_exit"])


def test_nginx_answers_metrics_only_to_loopback() -> None:
    text = (ROOT / "nginx.conf").read_text()
    block = re.search(r"location = /metrics \{([^}]*)\}", text)
    assert block is not None
    rules = [line.strip() for line in block.group(1).splitlines() if line.strip()]
    assert rules[:3] == ["allow 127.0.0.1;", "allow ::1;", "deny all;"]
    assert "proxy_pass http://zerowaste_api;" in rules
