"""Process entry points (CLI, Celery worker) that build the app through the composition root."""
