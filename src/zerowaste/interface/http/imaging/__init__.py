"""Image service routes (issue #13): /api/images/*."""
