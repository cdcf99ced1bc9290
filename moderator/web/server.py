"""Running the web app in a thread of the daemon's process (`moderator run --web`)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI

from moderator.errors import ConfigError


def check_address(host: str, port: int) -> None:
    """Raise ConfigError if nothing could listen on host:port now (taken, or not this
    machine's address): said before anything starts, not after "Serving on"."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as error:
        raise ConfigError(f"cannot serve on {host}:{port} ({error.strerror or error}); choose "
                          "another --port or --host, or stop what is using it") from None


def start_in_thread(app: FastAPI, host: str, port: int) -> Callable[[], None]:
    """Serve ``app`` on host:port from a background thread; returns how to stop it. Raises
    ConfigError if the server did not start (the daemon must not run on without its queue)."""
    check_address(host, port)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning",
                                           server_header=False))
    thread = threading.Thread(target=server.run, name="web", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    if not server.started:
        server.should_exit = True
        raise ConfigError(f"the review queue did not start on {host}:{port}; see the error "
                          "above, then choose another --port or --host")

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)

    return stop
