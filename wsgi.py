"""WSGI entry point for Gunicorn.

With GUNICORN_WORKER_CLASS=gevent the standard library is patched before anything else is
imported (PyMySQL and redis-py then yield to the hub instead of blocking the worker).
"""

import os

if os.environ.get("GUNICORN_WORKER_CLASS", "").strip() == "gevent":
    from gevent import monkey

    monkey.patch_all()

from zerowaste.bootstrap import create_app  # noqa: E402

app = create_app()
