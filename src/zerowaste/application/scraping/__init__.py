"""Scraping as infrastructure (issue #13): recipe import from a URL and market price sources,
both fetched by the polite fetcher in background jobs."""
