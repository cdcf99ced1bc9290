"""The records tables: holds, the disposition log, and the full-text index over every version.

Why a new full-text index: the core ``comments_fts`` (FTS5, unicode61) splits text into words,
so it cannot find a word inside Chinese or Japanese text (no spaces), nor an emoji (unicode61
treats emoji as separators), and it indexes only a comment's current text, so a phrase that was
edited away could not be found for a public-records request. ``records_fts`` uses FTS5's trigram
tokenizer over the text of *every version* (plus the author's name): any substring of three or
more characters, in any script, is found, case-insensitively. Shorter terms fall back to LIKE.
``comments_fts`` stays as it is, for SQLite tools that search it (``sqlite-utils search``,
Datasette); both are kept in step by triggers and both are cleared by disposition.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

migrations = Migrations("moderator.records")


@migrations()
def m001_records(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE holds (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('legal', 'request')),
            reference TEXT NOT NULL,
            reason TEXT NOT NULL,
            page_key TEXT,
            platform TEXT,
            post_id TEXT,
            author TEXT,
            since TEXT,
            until TEXT,
            query TEXT,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            released_by TEXT,
            released_at TEXT,
            release_note TEXT
        );
        CREATE INDEX holds_active ON holds(released_at);

        CREATE TABLE disposition_log (
            id INTEGER PRIMARY KEY,
            comment INTEGER NOT NULL REFERENCES comments(id),
            platform TEXT NOT NULL,
            comment_id TEXT NOT NULL,
            page_key TEXT NOT NULL,
            post_id TEXT NOT NULL,
            created_at TEXT,
            captured_at TEXT NOT NULL,
            last_version INTEGER NOT NULL,
            series TEXT NOT NULL,
            disposition TEXT NOT NULL CHECK (disposition IN ('destroy', 'transfer')),
            basis TEXT NOT NULL,
            basis_at TEXT NOT NULL,
            period TEXT NOT NULL,
            due_at TEXT NOT NULL,
            disposed_at TEXT NOT NULL,
            actor TEXT NOT NULL,
            removed_sha256 TEXT NOT NULL,
            versions TEXT NOT NULL,
            package TEXT,
            package_sha256 TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX disposition_log_comment ON disposition_log(comment, last_version);
        CREATE TRIGGER disposition_log_no_update BEFORE UPDATE ON disposition_log
            BEGIN SELECT RAISE(ABORT, 'disposition_log is append-only'); END;
        CREATE TRIGGER disposition_log_no_delete BEFORE DELETE ON disposition_log
            BEGIN SELECT RAISE(ABORT, 'disposition_log is append-only'); END;

        CREATE INDEX audit_log_subject ON audit_log(subject);
        CREATE INDEX comments_author_id ON comments(author_id);
        CREATE INDEX comments_author_name ON comments(author_name COLLATE NOCASE);
        CREATE INDEX review_items_comment ON review_items(comment);
        CREATE INDEX decisions_rule ON decisions(rule, comment);
        CREATE INDEX actions_rule ON actions(rule, comment);
        CREATE INDEX scores_cited ON scores(rule, comment)
            WHERE evidence IS NOT NULL AND evidence != '[]';
        CREATE INDEX comment_versions_seen ON comment_versions(comment, seen_at);

        CREATE VIRTUAL TABLE records_fts USING fts5(text, author_name, tokenize = 'trigram');
        CREATE TRIGGER records_fts_version_insert AFTER INSERT ON comment_versions BEGIN
            INSERT INTO records_fts (rowid, text, author_name) VALUES
                (NEW.id, NEW.text, (SELECT author_name FROM comments WHERE id = NEW.comment));
        END;
        CREATE TRIGGER records_fts_version_text AFTER UPDATE OF text ON comment_versions BEGIN
            UPDATE records_fts SET text = NEW.text WHERE rowid = NEW.id;
        END;
        CREATE TRIGGER records_fts_version_delete AFTER DELETE ON comment_versions BEGIN
            DELETE FROM records_fts WHERE rowid = OLD.id;
        END;
        CREATE TRIGGER records_fts_author AFTER UPDATE OF author_name ON comments BEGIN
            UPDATE records_fts SET author_name = NEW.author_name
                WHERE rowid IN (SELECT id FROM comment_versions WHERE comment = NEW.id);
        END;
        INSERT INTO records_fts (rowid, text, author_name)
            SELECT v.id, v.text, c.author_name FROM comment_versions v
            JOIN comments c ON c.id = v.comment;
        """
    )
