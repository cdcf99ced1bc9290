"""The `moderator` command: a thin layer that parses options, calls the library, prints.

Commands live in modules by area (core, model, web, records); each registers on :data:`cli`.
A :class:`~moderator.errors.ModeratorError` becomes one line on stderr and exit status 2.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from moderator import __version__
from moderator.config import redact
from moderator.errors import ModeratorError

F = TypeVar("F", bound=Callable[..., Any])


class TextFormatter(logging.Formatter):
    """Human-readable lines; any known secret that slipped into a message is blanked out."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log shippers; secrets blanked out as above."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), "level": record.levelname,
                 "logger": record.name, "message": record.getMessage()}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return redact(json.dumps(entry, ensure_ascii=False))


def setup_logging(level: str = "INFO", fmt: str = "text") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else
                         TextFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Libraries below log request URLs, and Graph API URLs carry the page token.
    for noisy in ("urllib3", "requests_oauthlib", "oauthlib", "tweepy", "apscheduler",
                  "httpx", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


class Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ModeratorError as error:
            click.echo(redact(f"Error: {error}"), err=True)
            ctx.exit(error.exit_code)
        except BrokenPipeError:
            # the reader went away (`moderator records show 1 | head`): nothing is wrong
            try:  # and the interpreter must not complain when it flushes stdout at exit
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError):
                pass
            ctx.exit(0)
        except OSError as error:
            # a full disk, a read-only folder, a file that vanished: one line, not a traceback
            where = f"{error.filename}: " if error.filename else ""
            click.echo(redact(f"Error: {where}{error.strerror or error}; check the path, its "
                              "permissions and free disk space"), err=True)
            ctx.exit(2)
        except sqlite3.OperationalError as error:
            hint = ("another moderator process is writing to the archive; try again, or raise "
                    "busy_timeout in moderator.toml" if "locked" in str(error) or "busy" in
                    str(error) else "check the archive with `moderator verify`")
            click.echo(redact(f"Error: the archive: {error}; {hint}"), err=True)
            ctx.exit(2)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="moderator")
@click.option("--log-level", default="INFO", show_default=True,
              type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
              help="Least severe log messages to show.")
@click.option("--log-format", default="text", show_default=True,
              type=click.Choice(["text", "json"]), help="Human-readable lines or JSON lines.")
def cli(log_level: str, log_format: str) -> None:
    """Moderate and archive citizen comments on an agency's social-media pages.

    Only conduct named in the agency's published rules is acted on; hiding is reversible and
    every comment, version, score and decision is kept in the archive.

    Example:

        \b
        moderator demo --cycles 2 --no-web
    """
    setup_logging(log_level.upper(), log_format)


def config_option(func: F) -> F:
    """The shared --config option (also $MODERATOR_CONFIG)."""
    return click.option(
        "-c", "--config", "config_path", envvar="MODERATOR_CONFIG", default="moderator.toml",
        show_default=True, type=click.Path(dir_okay=False),
        help="moderator.toml to use (or set MODERATOR_CONFIG).")(func)


def _register() -> None:
    """Import every command module of this package; each adds its commands to :data:`cli`."""
    import importlib
    import pkgutil

    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}")


_register()
