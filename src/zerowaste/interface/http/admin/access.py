"""`admin_required`: a valid access token (else 401) of a user whose admin flag is set (else
403 `admin_only`); the check and the audit row of the call are one transaction."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import request

from zerowaste.interface.http.security import auth_required, current_user_id, services


def admin_required(action: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Admins only; stores who called `action` on which path (with its query) and when."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
            target = request.full_path.rstrip("?")
            services().admin_roles.authorize(current_user_id(), action, target)
            return view(*args, **kwargs)

        return auth_required()(checked)

    return decorator
