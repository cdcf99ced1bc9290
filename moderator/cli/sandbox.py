"""`moderator sandbox`: the local fake platform, standalone, for trying a config against it."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from types import FrameType

import click

from moderator.cli import cli


@cli.command()
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (0: any free port, printed at start).")
@click.option("--corpus", type=click.Path(dir_okay=False, exists=True),
              help="Timeline to serve, in the demo corpus format (default: the demo corpus).")
@click.option("--cycle", default=1, show_default=True, type=click.IntRange(0, 10_000),
              help="Apply the corpus timeline up to this cycle before serving.")
@click.option("--dir", "folder", type=click.Path(file_okay=False),
              help="Write a moderator.toml and token files (mode 0600) pointing at the sandbox "
                   "into this folder.")
def sandbox(port: int, corpus: str | None, cycle: int, folder: str | None) -> None:
    """Serve the sandbox platform on 127.0.0.1 until Ctrl-C or SIGTERM.

    It speaks the parts of the Graph API (Facebook, Instagram) and X API v2 that moderator's
    connectors use, seeded with the demo pages and corpus; point a page's api_base_url at it.
    POST /_sandbox/advance {"cycle": N} plays the timeline on; GET /_sandbox lists the control
    API (comments, faults, tokens, state, request counts).

    Example:

        \b
        moderator sandbox --port 8765 --dir /tmp/sandbox-office

        moderator poll --once --config /tmp/sandbox-office/moderator.toml
    """
    from moderator.demo import load_corpus, seed_sandbox, write_config
    from moderator.sources.sandbox import Sandbox

    box = Sandbox(port=port)
    tokens = seed_sandbox(box, load_corpus(Path(corpus) if corpus else None))
    box.advance(cycle)
    box.start()
    stop = threading.Event()

    def handle(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        click.echo(f"Sandbox platform at {box.url} (control API: {box.url}/_sandbox)")
        if folder:
            config = write_config(Path(folder), box.url, tokens)
            click.echo(f"Config: {config}")
        click.echo("Press Ctrl-C to stop.")
        while not stop.wait(0.5):
            pass
    finally:
        box.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        click.echo("Sandbox stopped.")
