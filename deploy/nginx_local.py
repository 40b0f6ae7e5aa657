"""Render nginx.conf (the compose edge) for one machine: `make stack` and `make bench`.

Only what differs outside the container changes: the listen address, the upstream (compose's
`api:3000` becomes one or more local Gunicorns, each with the production line's max_fails and
fail_timeout), pid, logs and temp files under a run directory, and
optionally the edge rate (the benchmark drives every request from one IP). Everything else,
buffering, keepalive, gzip, headers and JSON error pages, is the production file as written.

    python deploy/nginx_local.py --listen 127.0.0.1:8080 --upstream 127.0.0.1:3000 \
        --upstream 127.0.0.1:3001 --run-dir var/stack/nginx > var/stack/nginx/nginx.conf
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UPSTREAM = re.compile(r"^(\s*server\s+)api:3000\b([^;\n]*;)$", re.MULTILINE)
TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def _sub_once(pattern: str, replacement: str, text: str) -> str:
    result, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise ValueError(f"nginx.conf no longer matches {pattern!r}; update deploy/nginx_local.py")
    return result


def render(
    conf: str,
    listen: str,
    upstream: str | Sequence[str],
    run_dir: Path,
    edge_rate: str | None = None,
    files_dir: Path | None = None,
    edge_dir: Path | None = None,
) -> str:
    """The production nginx.conf adapted to run as a local process (see module docstring);
    `upstream`: one address or several (one `server` line each, same parameters);
    `files_dir`: the API's var/files, which the X-Accel-Redirect location serves; `edge_dir`:
    the edge snippets (deploy/nginx/http by default: plain HTTP)."""
    run_dir = run_dir.resolve()
    peers = [upstream] if isinstance(upstream, str) else list(upstream)
    if not peers:
        raise ValueError("at least one upstream address is needed")
    text = UPSTREAM.sub(
        lambda m: "\n".join(m.group(1) + peer + m.group(2) for peer in peers), conf, count=1
    )
    if text == conf:
        raise ValueError("nginx.conf has no `server api:3000` upstream line")
    text = _sub_once(r"^\s*listen\s+80\s+default_server;", f"        listen {listen};", text)
    text = _sub_once(r"^pid\s+\S+;", f"pid {run_dir / 'nginx.pid'};", text)
    text = _sub_once(r"^error_log\s+\S+", f"error_log {run_dir / 'error.log'}", text)
    text = _sub_once(r"access_log /dev/stdout", f"access_log {run_dir / 'access.log'}", text)
    if edge_rate:
        text = _sub_once(r"rate=\d+r/s", f"rate={edge_rate}", text)
    if files_dir is not None:
        text = _sub_once(r"alias /app/var/files/;", f"alias {files_dir.resolve()}/;", text)
    edge = (edge_dir or ROOT / "deploy" / "nginx" / "http").resolve()
    text = _sub_once(r"include /etc/nginx/edge\.d/\*\.conf;", f"include {edge}/*.conf;", text)
    temp = "".join(f"    {name}_temp_path {run_dir / 'tmp' / name};\n" for name in TEMP_PATHS)
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    text = text.replace("http {\n", "http {\n" + temp, 1)
    return user + text


def prepare_run_dir(run_dir: Path) -> None:
    """Temp directories the worker processes can write (they drop to `nobody` under root)."""
    for name in TEMP_PATHS:
        path = run_dir / "tmp" / name
        path.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            os.chown(path, 65534, 65534)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--listen", default="127.0.0.1:8080")
    parser.add_argument(
        "--upstream", action="append", help="host:port of a Gunicorn; repeat for several"
    )
    parser.add_argument("--run-dir", type=Path, required=True)
    parser.add_argument("--edge-rate", default=None, help="e.g. 100000r/s")
    parser.add_argument("--files-dir", type=Path, default=None, help="the API's var/files")
    parser.add_argument("--edge-dir", type=Path, default=None, help="deploy/nginx/<snippets>")
    args = parser.parse_args()
    prepare_run_dir(args.run_dir)
    conf = (ROOT / "nginx.conf").read_text()
    sys.stdout.write(
        render(
            conf,
            args.listen,
            args.upstream or ["127.0.0.1:3000"],
            args.run_dir,
            args.edge_rate,
            args.files_dir,
            args.edge_dir,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
