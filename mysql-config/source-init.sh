# Sourced by the mysql image's entrypoint on the source's first start (an empty datadir): the
# account `mysql-replica` replicates with. The binary log then starts empty: the image's own
# database and user creation is not replayed on the replica, which creates its own (so the
# replica starts with the same empty state whether or not the entrypoint logged them).
docker_process_sql <<-EOSQL
	CREATE USER IF NOT EXISTS 'replicator'@'%' IDENTIFIED BY '${MYSQL_REPLICATION_PASSWORD}';
	GRANT REPLICATION SLAVE ON *.* TO 'replicator'@'%';
	RESET BINARY LOGS AND GTIDS;
EOSQL
