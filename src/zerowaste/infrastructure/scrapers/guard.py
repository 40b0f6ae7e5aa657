"""SSRF guard: a host's addresses are resolved and checked right before connecting, and the
socket connects to the address checked, never to a second lookup's answer (a DNS rebinding
answer between check and connect cannot slip through).

urllib3's connections are subclassed so the check sits inside `_new_conn`, where the socket is
made: redirects, retries and keep-alive reconnections all pass through it. TLS still verifies
the certificate against the host name (urllib3 wraps the socket with `server_hostname`).
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

from urllib3 import HTTPConnectionPool, HTTPSConnectionPool, PoolManager
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.util import connection

from zerowaste.domain.scraping.urls import UrlRefused, address_allowed

Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (IPv4 and IPv6), in the resolver's order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class AddressGuard:
    def __init__(self, resolver: Resolver = system_resolver, *, allow_loopback: bool = False):
        self._resolve = resolver
        self.allow_loopback = allow_loopback

    def addresses(self, host: str, port: int) -> list[str]:
        """The host's addresses when every one is allowed; UrlRefused otherwise (one private
        answer among public ones is refused too: the client could be steered to it)."""
        try:
            found = self._resolve(host.strip("[]"), port)
        except (OSError, UnicodeError) as exc:
            raise UrlRefused("The URL's host could not be found", code="url_unresolvable") from exc
        if not found:
            raise UrlRefused("The URL's host could not be found", code="url_unresolvable")
        if not all(address_allowed(a, allow_loopback=self.allow_loopback) for a in found):
            raise UrlRefused("The URL points at a private address", code="url_private")
        return found


class _Guarded:
    guard: AddressGuard  # set on the subclass made by `guarded_pool_manager`
    host: str
    port: int
    timeout: Any
    source_address: Any
    socket_options: Any

    def _new_conn(self) -> socket.socket:
        last: OSError | None = None
        for address in self.guard.addresses(self.host, self.port):
            try:
                return connection.create_connection(
                    (address, self.port),
                    self.timeout,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except OSError as exc:  # the next address, as create_connection itself would
                last = exc
        assert last is not None
        raise last


def guarded_pool_manager(guard: AddressGuard, **kwargs: Any) -> PoolManager:
    """A PoolManager whose every connection goes through `guard`."""
    http_conn = type("GuardedHTTPConnection", (_Guarded, HTTPConnection), {"guard": guard})
    https_conn = type("GuardedHTTPSConnection", (_Guarded, HTTPSConnection), {"guard": guard})
    http_pool = type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn})
    https_pool = type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn})
    manager = PoolManager(**kwargs)
    manager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}
    return manager
