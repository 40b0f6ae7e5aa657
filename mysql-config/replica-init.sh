# Sourced by the mysql image's entrypoint on the replica's first start (an empty datadir),
# after it created the database and the app user: the app user may read the replication lag
# (SHOW REPLICA STATUS), the source is `mysql` by GTID auto-position, and the server is read
# only from its next start on (the real start, which also starts replicating by itself).
docker_process_sql <<-EOSQL
	GRANT REPLICATION CLIENT ON *.* TO '${MYSQL_USER}'@'%';
	RESET BINARY LOGS AND GTIDS;
	CHANGE REPLICATION SOURCE TO SOURCE_HOST='mysql', SOURCE_PORT=3306,
	  SOURCE_USER='replicator', SOURCE_PASSWORD='${MYSQL_REPLICATION_PASSWORD}',
	  SOURCE_AUTO_POSITION=1, GET_SOURCE_PUBLIC_KEY=1, SOURCE_CONNECT_RETRY=5;
	SET PERSIST read_only = ON;
	SET PERSIST super_read_only = ON;
EOSQL
