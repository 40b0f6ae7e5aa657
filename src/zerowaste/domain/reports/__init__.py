"""Reports (issue #11 part 4): PDFs and table exports of what the other features store."""
