"""The web review queue, records pages and JSON API (FastAPI, Jinja2, a little JavaScript)."""

from moderator.web.app import create_app

__all__ = ["create_app"]
