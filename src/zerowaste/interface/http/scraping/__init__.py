"""Recipe import from a URL (issue #13): start a job, poll it."""
