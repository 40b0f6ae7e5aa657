"""Scraping adapters (issue #13): the polite fetcher (guard, robots.txt, pace, cache), the
recipe reader (recipe-scrapers), the schema.org Product/Offer parser (extruct) and the
supermarket plugins over it."""
