#!/usr/bin/env bash
# The docker-compose topology, natively on this machine, for load and fault tests:
#
#   Nginx 127.0.0.1:8080 -> Gunicorn 127.0.0.1:3000 -> MariaDB 127.0.0.1:3306 (database zerowaste)
#     (least_conn)       -> Gunicorn 127.0.0.1:3001 (STACK_INSTANCES=2)
#                                                   -> Redis 127.0.0.1:6379 (cache, limiter,
#                                                      blacklist db 0, broker db 1, results db 2)
#                           Celery worker ----------^
#
#   make stack        (bash deploy/stack.sh start)   make stack-stop   (bash deploy/stack.sh stop)
#   bash deploy/stack.sh status
#
# MariaDB must already run (the database is created when missing); Redis is started here only
# when nothing answers on its port, and then stopped here too. Pid files and logs: var/stack/.
# Override with STACK_DATABASE_URL, STACK_REDIS, GUNICORN_WORKER_CLASS (gevent by default, as
# STANDARDS.md names for this stack), GUNICORN_WORKERS, STACK_CELERY_CONCURRENCY.
# STACK_INSTANCES=2 runs a second Gunicorn on :3001 (N instances on 3000..3000+N-1), all in
# Nginx's least_conn upstream as compose's api replicas are. The default is 1: on a 2-core
# machine a second instance doubles the workers' memory (each keeps its warm catalog and
# indexes) without adding CPU; 2 is for rehearsing the replicated topology (failover, shared
# state). stop and status handle every instance whatever STACK_INSTANCES says then.
# Metrics (README "Observability"): Gunicorn's /metrics (via Nginx from this host), the worker's
# on 127.0.0.1:${STACK_WORKER_METRICS_PORT:-9808}; STACK_FLOWER=1 with FLOWER_BASIC_AUTH=user:pass
# also starts Flower on 127.0.0.1:5555.
# STACK_REPLICA=1: a private MariaDB primary (3316) and GTID replica (3317) instead of 3306, reads
# on the replica (README "Read replica"; deploy/stack_replica.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUN="$ROOT/var/stack"
BIN="$ROOT/.venv/bin"
REDIS_HOSTPORT=${STACK_REDIS:-127.0.0.1:6379}
APP_PORT=3000
EDGE_PORT=8080

export ZW_ENV=production
export CORS_ORIGINS="${CORS_ORIGINS:-http://127.0.0.1:8080}"
export DATABASE_URL=${STACK_DATABASE_URL:-mysql+pymysql://root@127.0.0.1:3306/zerowaste}
export REDIS_URL="redis://$REDIS_HOSTPORT/0"
export CELERY_BROKER_URL="redis://$REDIS_HOSTPORT/1"
export CELERY_RESULT_BACKEND="redis://$REDIS_HOSTPORT/2"
export JWT_SECRET_KEY_FILE="$RUN/jwt_secret_key"
export ZW_VAR_DIR="$RUN/var"
export ZW_PROXY_HOPS=1  # Nginx in front
# Opt in to Nginx sending stored images (X-Accel-Redirect): ZW_ACCEL_REDIRECT_PREFIX=/protected-uploads/
# (Nginx's workers must be able to read $ZW_VAR_DIR/files).
export ZW_ACCEL_REDIRECT_PREFIX=${ZW_ACCEL_REDIRECT_PREFIX:-}
export GUNICORN_WORKER_CLASS=${GUNICORN_WORKER_CLASS:-gevent}
STACK_INSTANCES=${STACK_INSTANCES:-1}

log() { echo "stack: $*"; }
die() { echo "stack: $*" >&2; exit 1; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
listening() { (: >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# shellcheck source=deploy/stack_replica.sh
source "$ROOT/deploy/stack_replica.sh"

ready_or_dead() {  # ready_or_dead <pid> <url>: true once the URL answers 2xx or the pid is gone
  curl -fsS -o /dev/null "$2" || ! kill -0 "$1" 2>/dev/null
}

wait_for() {  # wait_for <seconds> <command...>
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
}

stop_pid() {  # stop_pid <name> <pidfile> [signal]
  local name=$1 pidfile=$2 sig=${3:-TERM}
  if alive "$pidfile"; then
    local pid; pid=$(cat "$pidfile")
    kill "-$sig" "$pid"
    if ! wait_for 40 bash -c "! kill -0 $pid"; then
      log "$name ($pid) did not stop in 40 s, killing"; kill -KILL "$pid" 2>/dev/null || true
    fi
    log "$name stopped"
  fi
  rm -f "$pidfile"
}

redis_answers() {
  "$BIN/python" -c "import redis,sys; redis.Redis.from_url(sys.argv[1], socket_timeout=1).ping()" \
    "$REDIS_URL" 2>/dev/null
}

ensure_redis() {
  redis_answers && return
  command -v redis-server >/dev/null || die "Redis is not answering on $REDIS_HOSTPORT and redis-server is not installed"
  log "starting redis-server on $REDIS_HOSTPORT"
  redis-server --daemonize yes --bind "${REDIS_HOSTPORT%:*}" --port "${REDIS_HOSTPORT#*:}" \
    --save "" --appendonly no --pidfile "$RUN/redis.pid" --logfile "$RUN/redis.log"
  wait_for 10 redis_answers || die "redis-server did not start (see $RUN/redis.log)"
}

ensure_database() {
  "$BIN/python" - <<'PY' || die "MariaDB is not reachable for DATABASE_URL=$DATABASE_URL (start it first)"
import os
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
url = make_url(os.environ["DATABASE_URL"])
if url.get_backend_name() == "mysql":
    server = create_engine(url.set(database=""), connect_args={"connect_timeout": 3})
    with server.connect() as conn:
        conn.execute(text(
            f"CREATE DATABASE IF NOT EXISTS `{url.database}` "
            "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        ))
    server.dispose()
PY
}

migrate() {
  "$BIN/zerowaste" db-upgrade
  if "$BIN/zerowaste" --help 2>&1 | grep -q "data-import"; then
    "$BIN/zerowaste" data-import
  else
    log "zerowaste data-import is not available yet; skipped"
  fi
}

app_ports() {  # the Gunicorn instances' ports: 3000, 3001, ... (STACK_INSTANCES of them)
  [[ "$STACK_INSTANCES" =~ ^[1-9][0-9]?$ ]] || die "STACK_INSTANCES must be 1..99, got $STACK_INSTANCES"
  seq "$APP_PORT" $((APP_PORT + STACK_INSTANCES - 1))
}

gunicorn_name() {  # gunicorn_name <port>: gunicorn for the first instance, gunicorn-<port> after
  if [ "$1" = "$APP_PORT" ]; then echo gunicorn; else echo "gunicorn-$1"; fi
}

start_gunicorn() {  # start_gunicorn <port>
  local port=$1 name; name=$(gunicorn_name "$1")
  alive "$RUN/$name.pid" && { log "$name already running"; return; }
  listening "$port" && die "127.0.0.1:$port is taken (is \`make run\` serving?)"
  log "starting gunicorn ($GUNICORN_WORKER_CLASS) on 127.0.0.1:$port"
  GUNICORN_BIND="127.0.0.1:$port" \
  nohup setsid "$BIN/gunicorn" -c gunicorn.conf.py --pid "$RUN/$name.pid" wsgi:app \
    >>"$RUN/$name.log" 2>&1 </dev/null &
  local pid=$!
  wait_for 30 ready_or_dead "$pid" "http://127.0.0.1:$port/healthz/ready" \
    && kill -0 "$pid" 2>/dev/null || die "gunicorn did not become ready (see $RUN/$name.log)"
}

start_gunicorns() {
  local port
  for port in $(app_ports); do start_gunicorn "$port"; done
}

gunicorn_pidfiles() {  # every instance's pid file, whatever STACK_INSTANCES says now
  local pidfile
  for pidfile in "$RUN"/gunicorn.pid "$RUN"/gunicorn-*.pid; do
    [ -f "$pidfile" ] && echo "$pidfile"
  done
  return 0
}

stop_gunicorns() {
  local pidfile
  for pidfile in $(gunicorn_pidfiles); do stop_pid "$(basename "$pidfile" .pid)" "$pidfile" TERM; done
}

nginx_upstreams() {  # --upstream 127.0.0.1:<port> for every instance
  local port
  for port in $(app_ports); do printf -- '--upstream\n127.0.0.1:%s\n' "$port"; done
}

start_worker() {
  alive "$RUN/celery.pid" && { log "celery worker already running"; return; }
  log "starting celery worker"
  rm -rf "$RUN/worker-metrics" && mkdir -p "$RUN/worker-metrics"  # an earlier run's files go
  PROMETHEUS_MULTIPROC_DIR="$RUN/worker-metrics" \
  WORKER_METRICS_PORT="${STACK_WORKER_METRICS_PORT:-9808}" \
  nohup setsid "$BIN/celery" -A zerowaste.entrypoints.worker worker --loglevel=INFO \
    --concurrency="${STACK_CELERY_CONCURRENCY:-2}" --hostname="zerowaste@%h" \
    --without-gossip --without-mingle --pidfile="$RUN/celery.pid" \
    >>"$RUN/celery.log" 2>&1 </dev/null &
  wait_for 30 "$BIN/python" -c \
    "from zerowaste.entrypoints.worker import ping; assert ping.delay().get(timeout=2) == 'pong'" \
    || die "the celery worker does not answer a ping task after 30 s (see $RUN/celery.log)"
}

start_flower() {
  [ "${STACK_FLOWER:-0}" = 1 ] || return 0
  [ -n "${FLOWER_BASIC_AUTH:-}" ] || die "STACK_FLOWER=1 needs FLOWER_BASIC_AUTH=user:password"
  alive "$RUN/flower.pid" && { log "flower already running"; return; }
  log "starting flower on 127.0.0.1:5555"
  nohup setsid "$BIN/celery" -A zerowaste.entrypoints.worker flower --address=127.0.0.1 \
    --port=5555 >>"$RUN/flower.log" 2>&1 </dev/null &
  echo $! >"$RUN/flower.pid"
}

start_nginx() {
  local conf="$RUN/nginx/nginx.conf"
  alive "$RUN/nginx/nginx.pid" && { log "nginx already running"; return; }
  listening $EDGE_PORT && die "127.0.0.1:$EDGE_PORT is taken"
  mkdir -p "$RUN/nginx"
  local -a upstreams
  mapfile -t upstreams < <(nginx_upstreams)
  "$BIN/python" deploy/nginx_local.py --listen "127.0.0.1:$EDGE_PORT" \
    "${upstreams[@]}" --run-dir "$RUN/nginx" \
    --files-dir "$ZW_VAR_DIR/files" >"$conf.new"
  mv "$conf.new" "$conf"
  nginx -t -q -c "$conf"
  log "starting nginx on 127.0.0.1:$EDGE_PORT"
  nginx -c "$conf"
  wait_for 10 curl -fsS "http://127.0.0.1:$EDGE_PORT/healthz/ready" \
    || die "nginx does not reach gunicorn (see $RUN/nginx/error.log)"
}

start() {
  command -v nginx >/dev/null || die "nginx is not installed (apt-get install nginx-light)"
  command -v curl >/dev/null || die "curl is not installed"
  mkdir -p "$RUN" "$ZW_VAR_DIR"
  if [ ! -s "$JWT_SECRET_KEY_FILE" ]; then
    (umask 077; "$BIN/python" -c "import secrets; print(secrets.token_urlsafe(48))" >"$JWT_SECRET_KEY_FILE")
  fi
  ensure_redis
  start_replica_pair
  ensure_database
  migrate
  start_gunicorns
  start_worker
  start_flower
  start_nginx
  log "up: http://127.0.0.1:$EDGE_PORT (Swagger UI /apidocs) -> gunicorn $GUNICORN_WORKER_CLASS" \
    "x $STACK_INSTANCES" \
    "-> ${DATABASE_URL%%://*} + redis $REDIS_HOSTPORT + celery; logs in var/stack/"
}

stop() {
  # Nginx first: it holds keep-alive connections that a gevent worker would otherwise wait on.
  stop_pid nginx "$RUN/nginx/nginx.pid" QUIT
  stop_pid flower "$RUN/flower.pid" TERM
  stop_pid "celery worker" "$RUN/celery.pid" TERM
  stop_gunicorns
  stop_pid "redis (started by the stack)" "$RUN/redis.pid" TERM
  stop_replica_pair
}

status() {
  local gunicorns=() pidfile
  for pidfile in $(gunicorn_pidfiles); do gunicorns+=("$(basename "$pidfile" .pid):$pidfile"); done
  [ ${#gunicorns[@]} -gt 0 ] || gunicorns=("gunicorn:$RUN/gunicorn.pid")
  for pair in "nginx:$RUN/nginx/nginx.pid" "${gunicorns[@]}" \
      "celery:$RUN/celery.pid" "flower:$RUN/flower.pid" "redis:$RUN/redis.pid"; do
    local name=${pair%%:*} pidfile=${pair#*:}
    if alive "$pidfile"; then
      echo "$name: running (pid $(cat "$pidfile"))"
    elif [ "$name" = redis ] && redis_answers; then
      echo "redis: not ours, answering on $REDIS_HOSTPORT"
    else
      echo "$name: not running"
    fi
  done
  replica_status
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  restart) stop; start ;;
  *) die "usage: deploy/stack.sh start|stop|status|restart" ;;
esac
