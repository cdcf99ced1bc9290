"""Running the web app in a thread of the daemon's process (`moderator run --web`)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI


def start_in_thread(app: FastAPI, host: str, port: int) -> Callable[[], None]:
    """Serve ``app`` on host:port from a background thread; returns how to stop it."""
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning",
                                           server_header=False))
    thread = threading.Thread(target=server.run, name="web", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)

    return stop
