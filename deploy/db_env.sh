# Shared by deploy/backup.sh and deploy/restore.sh (sourced, not run): the MariaDB/MySQL
# connection from DB_HOST, DB_PORT, DB_USER, DB_PASSWORD (or DB_PASSWORD_FILE) and DB_NAME.
# The defaults are `make stack`'s database: root without a password on 127.0.0.1:3306.
DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-3306}
DB_USER=${DB_USER:-root}
DB_NAME=${DB_NAME:-zerowaste}
if [ -z "${DB_PASSWORD:-}" ] && [ -n "${DB_PASSWORD_FILE:-}" ]; then
  DB_PASSWORD=$(cat "$DB_PASSWORD_FILE")
fi

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

case "$DB_NAME" in
  *[!A-Za-z0-9_]* | "") die "DB_NAME must be letters, digits and underscores (got '$DB_NAME')" ;;
esac

# The password goes through a 0600 option file, never the command line (visible in ps).
DB_OPTIONS=$(mktemp)
trap 'rm -f "$DB_OPTIONS"' EXIT
chmod 600 "$DB_OPTIONS"
{
  echo "[client]"
  echo "host=$DB_HOST"
  echo "port=$DB_PORT"
  echo "user=$DB_USER"
  if [ -n "${DB_PASSWORD:-}" ]; then echo "password=\"$DB_PASSWORD\""; fi
} >"$DB_OPTIONS"

# MariaDB's client names first, MySQL's (the mysql:8.4 image) as the fallback.
first_of() {
  local name
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  die "none of $* is installed (apt-get install mariadb-client)"
}
