"""What the crash test and the fault storm share: an office whose pages point at a sandbox, a
driver that keeps the pages busy through the sandbox's control API, and the checks that compare
the archive with everything the sandbox ever held, showed and was asked to do.

The checks read the sandbox's journal (moderator/sources/sandbox/journal.py): every state each
comment had (a *revision*), which revisions each fetch served, and every hide request a
connector sent. A state must be in the archive when a fetch that served it was committed; a
fetch is known committed when the same daemon process started another fetch of the page after
it (cycles of one page never overlap), or when the daemon was stopped gracefully after it.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from moderator import audit  # noqa: E402
from moderator.archive import Archive  # noqa: E402

#: Agency rules matched by keywords: hides and reviews happen whatever model is shipped.
EXTRA_RULES = '''
[[rules]]
id = "advertising"
title = "Advertising"
wording = "Advertising and commercial offers may be hidden."
on_match = "hide"
keywords = ["zq-offer"]

[[rules]]
id = "needs_a_look"
title = "Claims to check"
wording = "Claims about figures may be checked by a moderator."
on_match = "review"
keywords = ["zq-check"]
'''
MODERATED = ("zq-offer cheap parking passes, call now", "zq-check the bridge cost figures",
             "Thanks for fixing the lights on Elm Street")
QUIET = ("When does the pool open on Sundays?", "The bus was late again this morning",
         "Lovely concert in the park last night")


def write_office(folder: Path, pages: list[dict[str, str]], *, dry_run: bool = False,
                 extra: str = "") -> Path:
    """A moderator.toml (and rules, token files) for ``pages``: key, platform, account, token,
    url, poll_interval."""
    folder.mkdir(parents=True, exist_ok=True)
    rules = (ROOT / "config" / "conduct-rules.toml").read_text(encoding="utf-8")
    (folder / "conduct-rules.toml").write_text(rules + EXTRA_RULES, encoding="utf-8")
    text = (f'agency = "City of Springfield"\narchive = "archive.db"\n'
            f'dry_run = {"true" if dry_run else "false"}\n{extra}\n')
    for page in pages:
        (folder / f"{page['key']}.token").write_text(page["token"], encoding="utf-8")
        text += (f'\n[[pages]]\nkey = "{page["key"]}"\nplatform = "{page["platform"]}"\n'
                 f'account_id = "{page["account"]}"\ntoken_file = "{page["key"]}.token"\n'
                 f'api_base_url = "{page["url"]}"\npoll_interval = {page["poll_interval"]}\n')
    path = folder / "moderator.toml"
    path.write_text(text, encoding="utf-8")
    return path


class Control:
    """The sandbox's HTTP control API, as a process other than the sandbox would use it."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/") + "/_sandbox"
        self.http = requests.Session()

    def post(self, path: str, **body: Any) -> dict[str, Any]:
        answer = self.http.post(f"{self.url}/{path}", json=body, timeout=10)
        answer.raise_for_status()
        result: dict[str, Any] = answer.json()
        return result

    def get(self, path: str) -> dict[str, Any]:
        answer = self.http.get(f"{self.url}/{path}", timeout=30)
        answer.raise_for_status()
        result: dict[str, Any] = answer.json()
        return result


class Driver(threading.Thread):
    """Residents and page staff at work: new posts and comments, edits, hides and unhides by
    staff, deletions, at random, until stopped. Comments are *moderated* (texts the rules may
    hide or queue; staff never hide them, so every hide on them is moderator's) or *quiet*
    (harmless texts that staff hide and unhide by hand)."""

    def __init__(self, control: Control, account: str, *, seed: int, every: float = 0.06,
                 most: int = 250, platform: str = "facebook") -> None:
        super().__init__(name="driver", daemon=True)
        self.control, self.account, self.every, self.most = control, account, every, most
        self.platform = platform
        self.rng = random.Random(seed)
        self.stopping = threading.Event()
        self.posts: list[str] = []
        self.live: dict[str, str] = {}  # comment id -> family
        self.family: dict[str, str] = {}
        self.post_of: dict[str, str] = {}
        self.replies: dict[str, list[str]] = defaultdict(list)
        self.counts: Counter[str] = Counter()
        self.number = 0
        self.error: BaseException | None = None

    def text(self, family: str) -> str:
        self.number += 1
        return f"{self.rng.choice(MODERATED if family == 'moderated' else QUIET)} #{self.number}"

    def run(self) -> None:
        try:
            while not self.stopping.wait(self.rng.uniform(0.3, 1.7) * self.every):
                self.step()
        except BaseException as error:  # reported by stop(): a dead driver is a failed run
            self.error = error

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=30)
        if self.error is not None:
            raise RuntimeError(f"the driver failed: {self.error!r}") from self.error

    def step(self) -> None:
        roll = self.rng.random()
        if len(self.posts) < 3 or roll < 0.01:
            self.new_post()
        elif roll < 0.013 and len(self.posts) > 3:
            self.delete_post()
        elif roll < 0.5 or not self.live:
            self.new_comment()
        elif roll < 0.7:
            self.edit()
        elif roll < 0.85 and self.platform != "x":
            self.toggle_hidden()
        elif roll < 0.95 or len(self.live) > self.most:
            self.delete()

    def new_post(self) -> None:
        made = self.control.post("posts", account=self.account,
                                 text=f"Announcement {len(self.posts) + 1}: road works")
        self.posts.append(made["id"])
        self.counts["posts"] += 1

    def delete_post(self) -> None:
        post = self.posts.pop(self.rng.randrange(len(self.posts)))
        self.control.post(f"posts/{post}/delete")
        self.live = {c: f for c, f in self.live.items() if self.post_of[c] != post}
        self.counts["posts deleted"] += 1

    def new_comment(self) -> None:
        family = "moderated" if self.rng.random() < 0.6 else "quiet"
        post = self.rng.choice(self.posts)
        same_post = sorted(c for c in self.live if self.post_of[c] == post)
        parent = None
        if same_post and self.platform != "x" and self.rng.random() < 0.2:
            parent = self.rng.choice(same_post)
        made = self.control.post("comments", post=post, text=self.text(family),
                                 author_id=f"u{self.rng.randrange(40)}",
                                 author_name=f"Resident {self.rng.randrange(40)}", parent=parent)
        self.live[made["id"]] = self.family[made["id"]] = family
        self.post_of[made["id"]] = post
        if parent:
            self.replies[parent].append(made["id"])
        self.counts["comments"] += 1

    def edit(self) -> None:
        comment = self.rng.choice(sorted(self.live))
        self.control.post(f"comments/{comment}/edit", text=self.text(self.live[comment]))
        self.counts["edits"] += 1

    def toggle_hidden(self) -> None:
        quiet = sorted(c for c, f in self.live.items() if f == "quiet")
        if quiet:
            comment = self.rng.choice(quiet)
            state = self.control.post(f"comments/{comment}/hide", hidden=self.rng.random() < 0.6)
            self.counts["staff hides" if state["hidden"] else "staff unhides"] += 1

    def delete(self) -> None:
        comment = self.rng.choice(sorted(self.live))
        self.control.post(f"comments/{comment}/delete")
        for gone in [comment, *self.replies.get(comment, [])]:  # replies go with it
            self.live.pop(gone, None)
        self.counts["deletions"] += 1


@dataclass
class Window:
    """One daemon process's life: [start, end] in time.time(), and whether it was killed."""

    start: float
    end: float = float("inf")
    killed: bool = True


def daemon(config: Path, log: Path, *, extra_env: dict[str, str] | None = None,
           preexec: Any = None) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODERATOR_")}
    env.update(extra_env or {})
    with open(log, "ab") as handle:
        return subprocess.Popen([sys.executable, "-m", "moderator", "run", "--config",
                                 str(config)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=handle, preexec_fn=preexec)


def stop_gracefully(process: subprocess.Popen[bytes], timeout: float = 30) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=timeout)


def committed_fetches(fetches: list[dict[str, Any]], windows: list[Window],
                      account: str) -> set[int]:
    """Fetches of ``account`` known to have been committed (see the module docstring); a
    fetch that met an error answer or a fault may have failed, so it is never counted."""
    mine = sorted((f for f in fetches if f["account"] == account), key=lambda f: f["n"])
    troubled = {f["n"] for f in mine if f.get("trouble")}

    def window(at: float) -> int:
        return next((i for i, w in enumerate(windows) if w.start <= at <= w.end), -1)

    done: set[int] = set()
    for fetch, following in zip(mine, [*mine[1:], None], strict=True):
        here = window(fetch["at"])
        if following is not None and window(following["at"]) == here:
            done.add(fetch["n"])
        elif following is None and here >= 0 and not windows[here].killed:
            done.add(fetch["n"])
    return done - troubled


@dataclass
class Findings:
    """The counts a run prints; ``problems`` lists every violation found, first ones first."""

    counts: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, key: str, message: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1
        if len(self.problems) < 50:
            self.problems.append(message)


def _visibility(hidden: bool) -> str:
    return "hidden" if hidden else "visible"


def check(archive_path: Path, state: dict[str, Any], log: dict[str, Any], windows: list[Window],
          account: str, *, untouched: set[str] | None = None,
          visibility_known: bool = True) -> Findings:
    """Compare the archive with the sandbox: every comment exactly once with every committed
    state, the final state exactly, no hide sent twice, no action or review item lost or
    doubled, consistent cursors and a verifiable archive.

    ``untouched``: comments staff never hid or unhid on the platform, so that any hide they
    carry at the end is moderator's (an act decision on one of them must have hidden it).
    ``visibility_known`` is False for X, whose API does not say whether a reply is hidden.
    """
    found = Findings()
    comments = {c["id"]: c for c in state["comments"] if c["account"] == account}
    committed = committed_fetches(log["fetches"], windows, account)
    served_ids = {item for item, _, _ in log["served"]}
    states = {(r["id"], r["rev"]): r for r in log["revisions"] if r["id"] in comments}
    owed: dict[str, list[int]] = defaultdict(list)  # comment -> revisions the archive owes
    for item, rev, fetches in log["served"]:
        if item in comments and committed.intersection(fetches):
            owed[item].append(rev)
    with Archive.open(archive_path, migrate=False) as archive:
        rows = {r["comment_id"]: r for r in archive.query(
            "SELECT * FROM comments WHERE page_id = ?", [account])}
        versions: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for row in archive.query("SELECT c.comment_id, v.text, v.visibility FROM "
                                 "comment_versions v JOIN comments c ON c.id = v.comment "
                                 "WHERE c.page_id = ? ORDER BY v.comment, v.version",
                                 [account]):
            versions[row["comment_id"]].append((row["text"], row["visibility"]))
        found.counts.update({
            "comments the sandbox ever held": len(comments),
            "served to a committed fetch": len(owed),
            "never served (created and deleted between polls)":
                sum(1 for c in comments if c not in served_ids),
            "archived": len(rows),
            "duplicated": int(archive.scalar("SELECT count(*) - count(DISTINCT platform || "
                                             "'/' || comment_id) FROM comments WHERE "
                                             "page_id = ?", [account])),
            "fetches": sum(1 for f in log["fetches"] if f["account"] == account),
            "committed fetches (known)": len(committed),
            "lost": 0, "versions missing": 0, "versions duplicated": 0,
            "final state differs": 0})
        _versions(found, comments, rows, versions, owed, states, visibility_known)
        _final(found, comments, rows, visibility_known)
        _actions(found, archive, account, comments, log, untouched)
        _review(found, archive, account)
        _cursors(found, archive)
        report = audit.verify(archive)
        found.counts["verify"] = (
            f"OK: {report.audit_entries} audit entries, {report.comments} comments, "
            f"{report.versions} versions" if report.ok else
            f"FAILED: {len(report.problems)} problem(s); first: {report.problems[0]}")
        if not report.ok:
            found.problem("verify failures", f"verify: {report.problems[0]}")
    return found


def _versions(found: Findings, comments: dict[str, Any], rows: dict[str, Any],
              versions: dict[str, list[tuple[str, str]]], owed: dict[str, list[int]],
              states: dict[tuple[str, int], dict[str, Any]], visibility_known: bool) -> None:
    for cid, revs in owed.items():
        if cid not in rows:
            found.problem("lost", f"comment {cid}: served to a committed fetch, not archived")
            continue
        archived = versions[cid]
        at = 0
        for rev in _distinct(cid, sorted(revs), states, visibility_known):
            wanted = states[(cid, rev)]
            for position in range(at, len(archived)):
                text, visibility = archived[position]
                if text == wanted["text"] and (not visibility_known or visibility ==
                                               _visibility(wanted["hidden"])):
                    at = position + 1
                    break
            else:
                found.problem("versions missing", f"comment {cid}: revision {rev} "
                              f"({wanted['text'][:40]!r}, hidden={wanted['hidden']}) was "
                              "served to a committed fetch and is not a version in order")
        for before, after in zip(archived, archived[1:], strict=False):
            if before == after:
                found.problem("versions duplicated", f"comment {cid}: two versions in a row "
                              f"are the same ({after[0][:40]!r}, {after[1]})")


def _distinct(cid: str, revs: list[int], states: dict[tuple[str, int], dict[str, Any]],
              visibility_known: bool) -> list[int]:
    """The owed revisions without those equal to the owed one before: when a committed poll
    saw A, an uncommitted one B and the next committed one A again, the archive never saw B,
    so A is one version, not two."""
    kept: list[int] = []
    last: tuple[Any, ...] | None = None
    for rev in revs:
        state = states[(cid, rev)]
        key = (state["text"], state["hidden"] if visibility_known else None)
        if key != last:
            kept.append(rev)
        last = key
    return kept


def _final(found: Findings, comments: dict[str, Any], rows: dict[str, Any],
           visibility_known: bool) -> None:
    for cid, comment in comments.items():
        row = rows.get(cid)
        if row is None:
            if not comment["deleted"]:
                found.problem("lost", f"comment {cid}: on the page at the end, not archived")
            continue
        if comment["deleted"]:
            wanted = (row["text"], "deleted")
        else:
            wanted = (comment["text"], _visibility(comment["hidden"]) if visibility_known
                      else row["visibility"])
        if (row["text"], row["visibility"]) != wanted:
            found.problem("final state differs", f"comment {cid}: archive has "
                          f"({row['text'][:40]!r}, {row['visibility']}), the platform "
                          f"{wanted[0][:40]!r}, {wanted[1]}")


def _actions(found: Findings, archive: Archive, account: str, comments: dict[str, Any],
             log: dict[str, Any], untouched: set[str] | None) -> None:
    requests_by_comment = Counter((h["id"], h["hidden"]) for h in log["hide_requests"]
                                  if h["account"] == account)
    lost_answers = Counter((h["id"], h["hidden"]) for h in log["hide_requests"]
                           if h["account"] == account and h["answer_lost"])
    sent: Counter[tuple[str, bool]] = Counter()
    statuses: Counter[str] = Counter()
    for row in archive.query("SELECT a.kind, a.status, a.attempts, a.error, c.comment_id FROM "
                             "actions a JOIN comments c ON c.id = a.comment WHERE a.dry_run = 0 "
                             "AND c.page_id = ?", [account]):
        statuses[row["status"]] += 1
        if row["attempts"] > 0:
            sent[(row["comment_id"], row["kind"] == "hide")] += 1
    found.counts["actions"] = dict(statuses)
    found.counts["hide/unhide requests the platform received"] = sum(
        requests_by_comment.values())
    found.counts["of which repeated after the answer to the one before was lost"] = sum(
        lost_answers.values())
    found.counts["actions sent twice"] = 0
    found.counts["actions lost"] = 0
    for key, number in requests_by_comment.items():
        if number > sent[key] + lost_answers[key]:
            found.problem("actions sent twice", f"comment {key[0]}: the platform received "
                          f"{number} {'hide' if key[1] else 'unhide'} request(s) for "
                          f"{sent[key]} action(s) sent")
        elif key[0] in (untouched or set()) and number > 1 + lost_answers[key]:
            found.problem("actions sent twice", f"comment {key[0]}: nobody unhid it, yet the "
                          f"platform received {number} hide requests")
    for status in ("pending", "sending"):
        if statuses[status]:
            found.problem("actions lost", f"{statuses[status]} action(s) still {status} at "
                          "the end")
    for cid in sorted(untouched or set()):
        row = archive.one("SELECT decision, visibility FROM comments WHERE comment_id = ?",
                          [cid])
        comment = comments.get(cid)
        if row and comment and not comment["deleted"] and \
                (row["decision"] or "").startswith("act:") and not comment["hidden"]:
            found.problem("actions lost", f"comment {cid}: decided {row['decision']}, still "
                          "visible on the platform")


def _review(found: Findings, archive: Archive, account: str) -> None:
    queries = {
        "review items lost": "SELECT count(DISTINCT d.comment) FROM decisions d JOIN comments c "
        "ON c.id = d.comment WHERE c.page_id = ? AND d.actor_kind = 'system' AND d.outcome = "
        "'review' AND NOT EXISTS (SELECT 1 FROM review_items r WHERE r.comment = d.comment)",
        "review items doubled": "SELECT count(*) FROM (SELECT r.comment FROM review_items r "
        "JOIN comments c ON c.id = r.comment WHERE c.page_id = ? GROUP BY r.comment HAVING "
        "count(*) > 1)",
        "decisions doubled": "SELECT count(*) FROM (SELECT d.comment FROM decisions d JOIN "
        "comments c ON c.id = d.comment WHERE c.page_id = ? AND d.actor_kind = 'system' "
        "GROUP BY d.comment, d.version HAVING count(*) > 1)",
        "scores doubled": "SELECT count(*) FROM (SELECT s.comment FROM scores s JOIN comments c "
        "ON c.id = s.comment WHERE c.page_id = ? GROUP BY s.comment, s.version, s.rule HAVING "
        "count(*) > 1)",
    }
    found.counts["review items"] = archive.scalar(
        "SELECT count(*) FROM review_items r JOIN comments c ON c.id = r.comment WHERE "
        "c.page_id = ?", [account])
    for name, sql in queries.items():
        found.counts[name] = number = archive.scalar(sql, [account])
        if number:
            found.problems.append(f"{name}: {number}")


def _cursors(found: Findings, archive: Archive) -> None:
    problems = []
    for page in archive.query("SELECT key FROM pages"):
        row = archive.one("SELECT cursor, updated_at FROM cursors WHERE page_key = ?",
                          [page["key"]])
        last_poll = archive.scalar("SELECT max(at) FROM audit_log WHERE action = 'poll' AND "
                                   "subject = ?", [f"page:{page['key']}"])
        if row is None:
            problems.append(f"page {page['key']}: no cursor")
            continue
        if row["updated_at"] != last_poll:
            problems.append(f"page {page['key']}: cursor saved {row['updated_at']}, last "
                            f"committed poll {last_poll}")
        cursor = json.loads(row["cursor"])
        posts = set(cursor.get("posts") or cursor.get("media") or {})
        archived = {r["post_id"] for r in archive.query("SELECT post_id FROM posts WHERE "
                                                        "page_key = ?", [page["key"]])}
        if posts - archived:
            problems.append(f"page {page['key']}: the cursor names posts the archive lacks")
        if cursor.get("backlog"):
            problems.append(f"page {page['key']}: backfill still pending")
    found.counts["cursor consistency"] = "OK" if not problems else "; ".join(problems)
    found.problems += problems


def save(folder: Path, state: dict[str, Any], log: dict[str, Any]) -> None:
    """Keep the sandbox's final state and journal beside the archive, for a second look."""
    (folder / "sandbox-state.json").write_text(json.dumps(state), encoding="utf-8")
    (folder / "sandbox-log.json").write_text(json.dumps(log), encoding="utf-8")


def copy_for_inspection(folder: Path, keep: Path | None) -> None:
    if keep is not None:
        shutil.copytree(folder, keep, dirs_exist_ok=True)
