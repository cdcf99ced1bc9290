"""Staff accounts, roles, sessions and login throttling.

Passwords are stored as argon2id hashes. Sessions live in the archive as the SHA-256 of a random
token (the cookie holds the token; the archive never does), with their own CSRF token. Logging in
always starts a new session, so a session id planted before login is worthless.

Roles: ``moderator`` works the review queue, ``records`` searches and exports the archive,
``admin`` does both and manages users.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlite_utils import Database, Migrations

from moderator import audit
from moderator.archive import Archive
from moderator.comments import to_iso, utcnow
from moderator.errors import DataError, NotFound

ROLES = ("moderator", "records", "admin")
MIN_PASSWORD = 12
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_ADDRESS = 20
THROTTLE_MINUTES = 15
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a real password, only for constant-time checks")

migrations = Migrations("moderator.users")


@migrations()
def m001_users(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            display_name TEXT,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            password_changed_at TEXT NOT NULL,
            disabled_at TEXT
        );
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            user INTEGER NOT NULL REFERENCES users(id),
            csrf TEXT NOT NULL,
            created_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE INDEX sessions_user ON sessions(user);
        CREATE TABLE login_attempts (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL,
            address TEXT,
            at TEXT NOT NULL,
            ok INTEGER NOT NULL
        );
        CREATE INDEX login_attempts_username ON login_attempts(username, at);
        CREATE INDEX login_attempts_address ON login_attempts(address, at);
        """
    )


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    display_name: str = ""
    disabled: bool = False

    def can(self, *roles: str) -> bool:
        return not self.disabled and (self.role in roles or self.role == "admin")


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str
    expires_at: str


class LoginThrottled(Exception):
    def __init__(self, minutes: int) -> None:
        super().__init__(f"too many failed logins; try again in {minutes} minutes")
        self.minutes = minutes


def _user(row: dict) -> User:
    return User(row["id"], row["username"], row["role"], row["display_name"] or "",
                bool(row["disabled_at"]))


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise DataError(f"password too short: use at least {MIN_PASSWORD} characters")
    if len(password) > 1024:
        raise DataError("password too long: use at most 1024 characters")


#: Actors the archive writes for the system: an account with such a name would pass its hides
#: off as the daemon's automatic actions, and its audit entries as the system's.
RESERVED = frozenset({"system", "cli", "demo", "unknown"})
RESERVED_PREFIXES = ("system", "conduct-", "keywords-")


def add_user(archive: Archive, username: str, role: str, password: str, *,
             display_name: str = "", by: str = "cli") -> User:
    """Create an account; raises DataError for a bad name, role, password or a taken name."""
    if not _USERNAME.match(username):
        raise DataError(f"user name {username!r}: use 2-64 lower-case letters, digits, . _ -")
    if username in RESERVED or username.startswith(RESERVED_PREFIXES):
        raise DataError(f"user name {username!r} is how the archive names the system itself "
                        "(the daemon, the command line, a model version); choose another")
    if role not in ROLES:
        raise DataError(f"role {role!r}: use one of {', '.join(ROLES)}")
    _check_password(password)
    now = utcnow()
    with archive.write() as db:
        if db.execute("SELECT 1 FROM users WHERE username = ?", [username]).fetchone():
            raise DataError(f"user {username!r} already exists; use set-password to change it")
        cursor = db.execute(
            "INSERT INTO users (username, display_name, role, password_hash, created_at, "
            "password_changed_at) VALUES (?, ?, ?, ?, ?, ?)",
            [username, display_name[:200], role, _hasher.hash(password), now, now])
        audit.append(archive, by, "user.add", f"user:{username}", {"role": role}, at=now)
    return User(int(cursor.lastrowid or 0), username, role, display_name)


def get_user(archive: Archive, username: str) -> User:
    row = archive.one("SELECT * FROM users WHERE username = ?", [username])
    if row is None:
        raise NotFound(f"no user named {username!r}; `moderator users list` shows them")
    return _user(row)


def list_users(archive: Archive) -> list[dict]:
    return archive.query("SELECT id, username, display_name, role, created_at, disabled_at "
                         "FROM users ORDER BY username")


def disable_user(archive: Archive, username: str, *, by: str = "cli") -> None:
    """Disable an account and end its sessions; the account and its history stay. The last
    active admin cannot be disabled: nobody could then manage accounts from the web."""
    user = get_user(archive, username)
    row = archive.one("SELECT disabled_at FROM users WHERE id = ?", [user.id])
    if row and row["disabled_at"]:
        raise DataError(f"user {username!r} is already disabled (since {row['disabled_at']})")
    if user.role == "admin":
        _keep_an_admin(archive, user)
    with archive.write() as db:
        db.execute("UPDATE users SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL",
                   [utcnow(), user.id])
        db.execute("DELETE FROM sessions WHERE user = ?", [user.id])
        audit.append(archive, by, "user.disable", f"user:{username}", {})


def _keep_an_admin(archive: Archive, user: User) -> None:
    if not archive.scalar("SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS "
                          "NULL AND id != ?", [user.id]):
        raise DataError(f"user {user.username!r} is the last active admin; add or enable another "
                        "admin first")


def enable_user(archive: Archive, username: str, *, by: str = "cli") -> None:
    """Let a disabled account log in again (with its old password; set a new one too)."""
    user = get_user(archive, username)
    with archive.write() as db:
        db.execute("UPDATE users SET disabled_at = NULL WHERE id = ?", [user.id])
        audit.append(archive, by, "user.enable", f"user:{username}", {})


def set_role(archive: Archive, username: str, role: str, *, by: str = "cli") -> None:
    """Change what an account may do; its sessions end, so the new role applies at once."""
    if role not in ROLES:
        raise DataError(f"role {role!r}: use one of {', '.join(ROLES)}")
    user = get_user(archive, username)
    if user.role == "admin" and role != "admin":
        _keep_an_admin(archive, user)
    with archive.write() as db:
        db.execute("UPDATE users SET role = ? WHERE id = ?", [role, user.id])
        db.execute("DELETE FROM sessions WHERE user = ?", [user.id])
        audit.append(archive, by, "user.set_role", f"user:{username}",
                     {"from": user.role, "to": role})


def set_password(archive: Archive, username: str, password: str, *, by: str = "cli") -> None:
    """Change a password and end the account's sessions."""
    _check_password(password)
    user = get_user(archive, username)
    with archive.write() as db:
        db.execute("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
                   [_hasher.hash(password), utcnow(), user.id])
        db.execute("DELETE FROM sessions WHERE user = ?", [user.id])
        audit.append(archive, by, "user.set_password", f"user:{username}", {})


def _failures_since(archive: Archive, column: str, value: str, since: str) -> int:
    return int(archive.scalar(
        f"SELECT count(*) FROM login_attempts WHERE {column} = ? AND at >= ? AND ok = 0",  # noqa: S608
        [value, since]))


def authenticate(archive: Archive, username: str, password: str, address: str | None = None
                 ) -> User | None:
    """The user if the password is right; None otherwise; raises LoginThrottled after too many
    recent failures for this name or address (checked before the password, so a throttled
    attacker learns nothing)."""
    username = username.strip().lower()[:64]
    since = to_iso(datetime.now(UTC) - timedelta(minutes=THROTTLE_MINUTES))
    # The attempt is counted as a failure before the password is checked, in the same write
    # transaction as the count: guesses sent in parallel each see the ones before them (counted
    # after the check, 40 at once had 36 checked against a limit of 5).
    with archive.write() as db:
        if (_failures_since(archive, "username", username, since) >= MAX_FAILURES_PER_USER or
                (address and _failures_since(archive, "address", address, since)
                 >= MAX_FAILURES_PER_ADDRESS)):
            raise LoginThrottled(THROTTLE_MINUTES)
        attempt = db.execute(
            "INSERT INTO login_attempts (username, address, at, ok) VALUES (?, ?, ?, 0)",
            [username, address, utcnow()]).lastrowid
    row = archive.one("SELECT * FROM users WHERE username = ?", [username])
    try:
        _hasher.verify(row["password_hash"] if row else _DUMMY_HASH, password[:1024])
        ok = row is not None and not row["disabled_at"]
    except (VerificationError, InvalidHashError):
        ok = False
    if ok:
        with archive.write() as db:
            db.execute("UPDATE login_attempts SET ok = 1 WHERE id = ?", [attempt])
    return _user(row) if ok and row else None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(archive: Archive, user: User, hours: float = 12) -> str:
    """A new session for ``user``; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with archive.write() as db:
        db.execute("DELETE FROM sessions WHERE expires_at < ?", [to_iso(now)])
        db.execute(
            "INSERT INTO sessions (token_hash, user, csrf, created_at, last_seen_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [_token_hash(token), user.id, secrets.token_urlsafe(32), to_iso(now), to_iso(now),
             to_iso(now + timedelta(hours=hours))])
        audit.append(archive, user.username, "user.login", f"user:{user.username}", {})
    return token


def session(archive: Archive, token: str | None) -> Session | None:
    """The live session for a cookie token, or None (expired, ended, or user disabled)."""
    if not token or len(token) > 200:
        return None
    row = archive.one(
        "SELECT s.csrf, s.expires_at, u.* FROM sessions s JOIN users u ON u.id = s.user "
        "WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL",
        [_token_hash(token), utcnow()])
    return Session(_user(row), row["csrf"], row["expires_at"]) if row else None


def end_session(archive: Archive, token: str | None) -> None:
    if token:
        with archive.write() as db:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", [_token_hash(token)])
