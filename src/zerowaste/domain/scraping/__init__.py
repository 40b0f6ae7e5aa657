"""Scraping rules (issue #13): which URLs may be fetched, polite waits, and market offers."""
