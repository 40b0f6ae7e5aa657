#!/usr/bin/env bash
# Load a deploy/backup.sh dump into a database:
#
#   make restore FILE=var/backups/zerowaste-20260101T030000Z.sql.gz            (into DB_NAME)
#   make restore FILE=... DB_NAME=zerowaste_check       (a side database, to inspect first)
#   bash deploy/restore.sh [--force] FILE
#
# The target database is created (utf8mb4) and must not exist yet; --force (FORCE=1 with make)
# drops and recreates it. Stop the api, worker and beat before replacing the live database,
# then run `zerowaste db-upgrade` (a no-op unless the dump is older than the code).
set -euo pipefail
# shellcheck source=deploy/db_env.sh
. "$(dirname "$0")/db_env.sh"

force=0
if [ "${1:-}" = "--force" ]; then force=1; shift; fi
[ $# -eq 1 ] || die "usage: deploy/restore.sh [--force] FILE.sql.gz"
file=$1
[ -f "$file" ] || die "no such backup: $file"
gzip -t "$file" || die "$file is not a complete gzip file"
CLIENT=$(first_of mariadb mysql)

sql() { "$CLIENT" --defaults-extra-file="$DB_OPTIONS" --batch --skip-column-names -e "$1"; }

exists=$(sql "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$DB_NAME'")
if [ "$exists" != 0 ]; then
  [ "$force" = 1 ] || die "database $DB_NAME exists; pass --force (FORCE=1) to replace it"
  echo "restore: dropping database $DB_NAME" >&2
  sql "DROP DATABASE \`$DB_NAME\`"
fi
sql "CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
gzip -dc "$file" | "$CLIENT" --defaults-extra-file="$DB_OPTIONS" --default-character-set=utf8mb4 \
  "$DB_NAME"
tables=$(sql "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$DB_NAME'")
echo "restore: $file -> $DB_NAME ($tables tables)" >&2
