"""Search API tests: the catalog's vectors (`catalog_vectors`, `indexed`) are fixtures of
tests/api/conftest.py, shared with the similar-recipes tests."""
