#!/usr/bin/env bash
# A consistent logical backup of the ZeroWaste database, gzipped and timestamped, keeping the
# newest BACKUP_KEEP of them:
#
#   make backup                                   (bash deploy/backup.sh)
#   DB_NAME=zerowaste BACKUP_DIR=/srv/backups BACKUP_KEEP=14 bash deploy/backup.sh
#   docker compose --profile ops run --rm backup  (the compose one-shot `backup` service)
#
# --single-transaction reads every InnoDB table at one snapshot without locking the API out;
# routines and triggers come along. The dump names no database (no CREATE DATABASE / USE), so
# deploy/restore.sh can load it into any database. Connection: deploy/db_env.sh. The path of the
# new file is the last line printed; an unfinished dump never gets the final name.
set -euo pipefail
# shellcheck source=deploy/db_env.sh
. "$(dirname "$0")/db_env.sh"

BACKUP_DIR=${BACKUP_DIR:-var/backups}
BACKUP_KEEP=${BACKUP_KEEP:-7}
case "$BACKUP_KEEP" in
  '' | *[!0-9]* | 0) die "BACKUP_KEEP must be a positive number (got '$BACKUP_KEEP')" ;;
esac
DUMP=$(first_of mariadb-dump mysqldump)

mkdir -p "$BACKUP_DIR"
out="$BACKUP_DIR/$DB_NAME-$(date -u +%Y%m%dT%H%M%SZ).sql.gz"
while [ -e "$out" ]; do  # two backups in one second: the names must keep sorting by time
  sleep 1; out="$BACKUP_DIR/$DB_NAME-$(date -u +%Y%m%dT%H%M%SZ).sql.gz"
done
partial="$out.partial"
trap 'rm -f "$DB_OPTIONS" "$partial"' EXIT

(umask 077
 "$DUMP" --defaults-extra-file="$DB_OPTIONS" --single-transaction --routines --triggers \
   --hex-blob --no-tablespaces --default-character-set=utf8mb4 "$DB_NAME" | gzip -c >"$partial")
gzip -t "$partial"
mv "$partial" "$out"

# Keep the newest BACKUP_KEEP backups of this database (names sort by time).
find "$BACKUP_DIR" -maxdepth 1 -name "$DB_NAME-*.sql.gz" -type f | sort -r \
  | tail -n +"$((BACKUP_KEEP + 1))" | while IFS= read -r old; do rm -f -- "$old"; done

echo "backup: $DB_NAME -> $out ($(wc -c <"$out") bytes)" >&2
echo "$out"
