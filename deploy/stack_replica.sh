# Sourced by deploy/stack.sh: the read replica of `STACK_REPLICA=1 make stack` (README "Read
# replica"). The shared MariaDB on 3306 has no binary log and is not reconfigured here, so the
# stack starts a private pair instead, with datadirs under var/stack/mariadb/:
#
#   primary 127.0.0.1:${STACK_PRIMARY_PORT:-3316}  (log-bin, ROW, GTID strict)   DATABASE_URL
#   replica 127.0.0.1:${STACK_REPLICA_PORT:-3317}  (read-only, GTID slave_pos)   DATABASE_REPLICA_URL
#
# Root over TCP from 127.0.0.1 without a password: both listen on 127.0.0.1 only, and the data
# is this stack's own. The first start installs both datadirs (~3 s each); later starts reuse
# them, and the replica resumes from its saved GTID position by itself.
# Needs: log, die, alive, listening, wait_for, stop_pid and $RUN from stack.sh.

STACK_PRIMARY_PORT=${STACK_PRIMARY_PORT:-3316}
STACK_REPLICA_PORT=${STACK_REPLICA_PORT:-3317}
MARIADB_RUN="$RUN/mariadb"

replica_enabled() { [ "${STACK_REPLICA:-0}" = 1 ]; }

mariadb_sql() {  # mariadb_sql <port> <sql>
  mariadb --no-defaults -uroot -h127.0.0.1 -P"$1" --connect-timeout=2 -N -B -e "$2"
}

mariadb_bin() {  # mariadbd lives in /usr/sbin, which a user's PATH may lack
  PATH="$PATH:/usr/sbin:/usr/local/sbin" command -v "$1" || die "$1 is not installed (apt-get install mariadb-server)"
}

mariadb_user_option() { [ "$(id -u)" = 0 ] && echo "--user=root" || true; }

start_private_mariadb() {  # start_private_mariadb <name> <port> <server-id> [options...]
  local name=$1 port=$2 id=$3; shift 3
  local dir="$MARIADB_RUN/$name" user; user=$(mariadb_user_option)
  alive "$dir/mariadbd.pid" && { log "mariadb $name already running on $port"; return; }
  listening "$port" && die "127.0.0.1:$port is taken (STACK_PRIMARY_PORT / STACK_REPLICA_PORT)"
  if [ ! -d "$dir/data/mysql" ]; then
    log "installing the mariadb $name datadir in $dir/data"
    mkdir -p "$dir"
    "$(mariadb_bin mariadb-install-db)" --no-defaults $user --datadir="$dir/data" \
      --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
      >"$dir/install.log" 2>&1 || die "mariadb-install-db failed (see $dir/install.log)"
  fi
  log "starting mariadb $name on 127.0.0.1:$port"
  nohup setsid "$(mariadb_bin mariadbd)" --no-defaults $user --datadir="$dir/data" \
    --port="$port" --bind-address=127.0.0.1 --socket="$dir/mariadbd.sock" \
    --pid-file="$dir/mariadbd.pid" --log-error="$dir/error.log" --server-id="$id" \
    --gtid-strict-mode=1 --skip-name-resolve --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci "$@" >/dev/null 2>&1 </dev/null &
  wait_for 30 mariadb_sql "$port" "SELECT 1" || die "mariadb $name did not start (see $dir/error.log)"
}

# Before the database is created and migrated: the pair runs, replication is set up once, and
# the app's URLs point at it.
start_replica_pair() {
  replica_enabled || return 0
  start_private_mariadb primary "$STACK_PRIMARY_PORT" 1 --log-bin=mariadb-bin --binlog-format=ROW
  start_private_mariadb replica "$STACK_REPLICA_PORT" 2 --read-only=1
  if [ -z "$(mariadb_sql "$STACK_REPLICA_PORT" "SHOW SLAVE STATUS")" ]; then
    log "replica: replicating from 127.0.0.1:$STACK_PRIMARY_PORT by GTID"
    mariadb_sql "$STACK_REPLICA_PORT" "CHANGE MASTER TO MASTER_HOST='127.0.0.1',
      MASTER_PORT=$STACK_PRIMARY_PORT, MASTER_USER='root', MASTER_PASSWORD='',
      MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1; START SLAVE;"
  fi
  export DATABASE_URL="mysql+pymysql://root@127.0.0.1:$STACK_PRIMARY_PORT/zerowaste"
  export DATABASE_REPLICA_URL="mysql+pymysql://root@127.0.0.1:$STACK_REPLICA_PORT/zerowaste"
}

stop_replica_pair() {  # after the app: the replica first, then the primary
  stop_pid "mariadb replica" "$MARIADB_RUN/replica/mariadbd.pid" TERM
  stop_pid "mariadb primary" "$MARIADB_RUN/primary/mariadbd.pid" TERM
}

replica_status() {
  local name
  for name in primary replica; do
    if alive "$MARIADB_RUN/$name/mariadbd.pid"; then
      echo "mariadb $name: running (pid $(cat "$MARIADB_RUN/$name/mariadbd.pid"))"
    elif replica_enabled; then
      echo "mariadb $name: not running"
    fi
  done
  if alive "$MARIADB_RUN/replica/mariadbd.pid"; then
    mariadb --no-defaults -uroot -h127.0.0.1 -P"$STACK_REPLICA_PORT" --connect-timeout=2 \
      -e "SHOW SLAVE STATUS\G" 2>/dev/null \
      | grep -E "Slave_(IO|SQL)_Running:|Seconds_Behind_Master|Gtid_IO_Pos" | sed 's/^ */  /' \
      || echo "  replication status unavailable"
  fi
}
