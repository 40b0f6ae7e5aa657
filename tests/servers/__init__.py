"""Private servers the tests start themselves (their own ports and datadirs, never the shared
ones on 3306/6379): fault drills and replication need to stop, kill and start them at will."""
