"""Analytics for the user (issue #11 §2): windows and buckets, waste rates and the tables and
charts of each report, computed from what other features store (journal, cooks, plans, food
log, savings), never from a second bookkeeping."""
