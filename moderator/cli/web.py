"""Commands of the web app and its accounts: serve, users."""

from __future__ import annotations

import click

from moderator import users
from moderator.archive import Archive
from moderator.cli import cli, config_option
from moderator.cli.records import by_option, plain
from moderator.config import load_config


@cli.command()
@config_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--proxy-headers/--no-proxy-headers", default=False, show_default=True,
              help="Trust X-Forwarded-Proto/For from a reverse proxy on this machine (for "
              "Secure cookies behind TLS).")
def serve(config_path: str, host: str, port: int, proxy_headers: bool) -> None:
    """Serve the review queue, records pages and JSON API.

    Example:

        \b
        moderator serve --config moderator.toml --port 8000
    """
    import uvicorn

    from moderator.web import create_app
    from moderator.web.server import check_address

    config = load_config(config_path)
    with Archive.open(config.archive, timeout=config.busy_timeout):
        pass
    app = create_app(config)
    check_address(host, port)
    click.echo(f"Serving on http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, proxy_headers=proxy_headers,
                forwarded_allow_ips="127.0.0.1", log_level="warning", server_header=False)


def _open(config_path: str) -> Archive:
    config = load_config(config_path)
    return Archive.open(config.archive, timeout=config.busy_timeout)


@cli.group(name="users")
def users_group() -> None:
    """Manage staff accounts: moderator, records and admin roles.

    Example:

        \b
        moderator users add alice --role moderator
    """


@users_group.command(name="add")
@config_option
@click.argument("username")
@click.option("--role", required=True, type=click.Choice(users.ROLES), help="What they may do.")
@click.option("--name", "display_name", default="", help="Display name.")
@click.password_option(envvar="MODERATOR_NEW_PASSWORD", help="Password (prompted; or "
                       "$MODERATOR_NEW_PASSWORD).")
@by_option
def users_add(config_path: str, username: str, role: str, display_name: str,
              password: str, actor: str) -> None:
    """Add a staff account.

    Example:

        \b
        moderator users add alice --role moderator --name "Alice Moreno"
    """
    with _open(config_path) as archive:
        user = users.add_user(archive, username, role, password, display_name=display_name,
                              by=actor)
    click.echo(f"added {user.username} ({user.role})")


@users_group.command(name="list")
@config_option
def users_list(config_path: str) -> None:
    """List staff accounts.

    Example:

        \b
        moderator users list
    """
    with _open(config_path) as archive:
        rows = users.list_users(archive)
    for row in rows:
        status = f"disabled {row['disabled_at']}" if row["disabled_at"] else "active"
        click.echo(f"{row['username']:<20} {row['role']:<10} {status:<32} "
                   f"{plain(row['display_name'] or '')}".rstrip())


@users_group.command(name="disable")
@config_option
@click.argument("username")
@by_option
def users_disable(config_path: str, username: str, actor: str) -> None:
    """Disable an account and end its sessions (its history stays).

    Example:

        \b
        moderator users disable alice
    """
    with _open(config_path) as archive:
        users.disable_user(archive, username, by=actor)
    click.echo(f"disabled {username}")


@users_group.command(name="enable")
@config_option
@click.argument("username")
@by_option
def users_enable(config_path: str, username: str, actor: str) -> None:
    """Let a disabled account log in again.

    Example:

        \b
        moderator users enable alice
    """
    with _open(config_path) as archive:
        users.enable_user(archive, username, by=actor)
    click.echo(f"enabled {username}")


@users_group.command(name="set-role")
@config_option
@click.argument("username")
@click.option("--role", required=True, type=click.Choice(users.ROLES), help="What they may do.")
@by_option
def users_set_role(config_path: str, username: str, role: str, actor: str) -> None:
    """Change an account's role and end its sessions.

    Example:

        \b
        moderator users set-role alice --role records
    """
    with _open(config_path) as archive:
        users.set_role(archive, username, role, by=actor)
    click.echo(f"{username} is now {role}")


@users_group.command(name="set-password")
@config_option
@click.argument("username")
@click.password_option(envvar="MODERATOR_NEW_PASSWORD", help="New password (prompted; or "
                       "$MODERATOR_NEW_PASSWORD).")
@by_option
def users_set_password(config_path: str, username: str, password: str, actor: str) -> None:
    """Change an account's password and end its sessions.

    Example:

        \b
        moderator users set-password alice
    """
    with _open(config_path) as archive:
        users.set_password(archive, username, password, by=actor)
    click.echo(f"password changed for {username}")
