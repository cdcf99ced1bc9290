"""The subset of the Graph API (Facebook Pages, Instagram professional accounts) the connectors
use, in its wire format: ``/{version}/{id}``, ``/{id}/{edge}``, ``fields=`` expansion with
modifiers and sub-fields, cursor paging with ``next`` links that carry the access token,
``summary``, Graph error bodies and the usage headers."""

from __future__ import annotations

import datetime as dt
import math
import re
import secrets
import time
from collections.abc import Callable
from typing import Any

from moderator.errors import DataError
from moderator.sources.sandbox.state import GRAPH_PLATFORMS, Account, Item, World
from moderator.sources.sandbox.wire import (
    FieldSpec,
    FieldSyntaxError,
    Reply,
    decode_cursor,
    encode_cursor,
    json_reply,
    page_link,
    parse_fields,
    unparse,
)

VERSION = re.compile(r"^v\d+\.\d+$")
MAX_LIMIT = 100
DEFAULT_FIELDS = {"fb_account": "id,name", "ig_account": "id,username",
                  "fb_post": "created_time,message,id",
                  "fb_comment": "created_time,from,message,id",
                  "ig_media": "id", "ig_comment": "timestamp,text,id"}
KNOWN_FIELDS = {
    "fb_account": {"id", "name", "posts", "published_posts", "feed"},
    "ig_account": {"id", "username", "name", "media"},
    "fb_post": {"id", "message", "created_time", "updated_time", "permalink_url", "from",
                "is_hidden", "comments"},
    "fb_comment": {"id", "message", "from", "created_time", "parent", "attachment",
                   "permalink_url", "is_hidden", "comment_count", "like_count", "can_hide",
                   "comments"},
    "ig_media": {"id", "caption", "timestamp", "permalink", "comments_count", "media_type",
                 "like_count", "username", "comments"},
    "ig_comment": {"id", "text", "timestamp", "username", "from", "hidden", "parent_id",
                   "like_count", "replies", "media"},
}
EDGES = {"fb_account": {"posts", "published_posts", "feed"}, "ig_account": {"media"},
         "fb_post": {"comments"}, "fb_comment": {"comments"}, "ig_media": {"comments"},
         "ig_comment": {"replies"}}
NODE_TYPES = {"fb_account": "Page", "ig_account": "IGUser", "fb_post": "PagePost",
              "fb_comment": "Comment", "ig_media": "IGMedia", "ig_comment": "IGComment"}


class GraphError(Exception):
    def __init__(self, code: int, message: str, *, subcode: int | None = None,
                 kind: str = "OAuthException", status: int = 400) -> None:
        super().__init__(message)
        self.code, self.subcode, self.kind, self.status = code, subcode, kind, status

    def reply(self, headers: dict[str, str]) -> Reply:
        body: dict[str, Any] = {"message": str(self), "type": self.kind, "code": self.code,
                                "fbtrace_id": "A" + secrets.token_hex(10)}
        if self.subcode is not None:
            body["error_subcode"] = self.subcode
        if self.code == 190:
            headers = {**headers, "WWW-Authenticate": 'OAuth "Facebook Platform" '
                       '"invalid_token" "Error validating access token"'}
        return json_reply(self.status, {"error": body}, headers)


def _check(specs: list[FieldSpec], kind: str) -> None:
    for spec in specs:
        if spec.name not in KNOWN_FIELDS[kind]:
            raise GraphError(100, "(#100) Tried accessing nonexisting field "
                             f"({spec.name[:40]}) on node type ({NODE_TYPES[kind]})")


def item_kind(kind: str) -> bool:
    """Whether nodes of ``kind`` are comments (what the journal records as served)."""
    return kind in ("fb_comment", "ig_comment")


def graph_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def usage_headers(account: Account, usage: float, regain: float) -> dict[str, str]:
    percent = min(100, int(round(usage * 100)))
    minutes = math.ceil(regain / 60) if percent >= 100 else 0
    kind = "pages" if account.platform == "facebook" else "instagram"
    return {
        "X-App-Usage": f'{{"call_count":{percent},"total_cputime":{percent // 2},'
                       f'"total_time":{percent // 2}}}',
        "X-Business-Use-Case-Usage": f'{{"{account.id}":[{{"type":"{kind}","call_count":'
                                     f'{percent},"total_cputime":{percent // 2},"total_time":'
                                     f'{percent // 2},"estimated_time_to_regain_access":'
                                     f'{minutes}}}]}}',
    }


class GraphApi:
    """Answers Graph API requests from the :class:`World`."""

    def __init__(self, world: World, base_url: Callable[[], str]) -> None:
        self.world = world
        self.base_url = base_url

    def handle(self, method: str, path: str, params: dict[str, str]) -> Reply:
        parts = [p for p in path.split("/") if p]
        version = parts.pop(0) if parts and VERSION.match(parts[0]) else "v21.0"
        headers = {"facebook-api-version": version, "x-fb-trace-id": secrets.token_hex(6)}
        try:
            account = self._authorise(params.get("access_token"))
            usage, regain = self.world.note_call(account, time.time())
            headers.update(usage_headers(account, usage, regain))
            if usage > 1.0:
                code = 80001 if account.platform == "facebook" else 80002
                raise GraphError(code, f"(#{code}) There have been too many calls to this "
                                 f"{'Page' if code == 80001 else 'Instagram account'} account. "
                                 "Wait a bit and try again.")
            return json_reply(200, self._route(method, version, parts, params, account),
                              headers)
        except GraphError as error:
            return error.reply(headers)

    def _authorise(self, token: str | None) -> Account:
        if not token:
            raise GraphError(104, "An access token is required to request this resource.")
        account = self.world.by_token(token, GRAPH_PLATFORMS)
        if account is None:
            raise GraphError(190, "Invalid OAuth access token - Cannot parse access token")
        if account.expired:
            raise GraphError(190, "Error validating access token: Session has expired. The "
                             "current time is later than the token's expiry.", subcode=463)
        return account

    def _node(self, node_id: str, account: Account) -> tuple[str, Any]:
        if node_id in self.world.accounts:
            other = self.world.accounts[node_id]
            if other is account:
                return ("fb_account" if other.platform == "facebook" else "ig_account"), other
        else:
            try:
                item = self.world.resolve(node_id)
            except DataError:
                item = None
            if item is not None and not item.deleted and item.account == account.id:
                prefix = "fb" if item.platform == "facebook" else "ig"
                return (f"{prefix}_post" if prefix == "fb" else "ig_media") if item.post is None \
                    else f"{prefix}_comment", item
        raise GraphError(100, f"Unsupported get request. Object with ID '{node_id[:60]}' does "
                         "not exist, cannot be loaded due to missing permissions, or does not "
                         "support this operation.", subcode=33, kind="GraphMethodException")

    def _route(self, method: str, version: str, parts: list[str], params: dict[str, str],
               account: Account) -> dict[str, Any]:
        if not parts or len(parts) > 2:
            raise GraphError(2500, "Unknown path components")
        kind, node = self._node(parts[0], account)
        if method == "POST" and len(parts) == 1:
            return self._update(kind, node, params)
        if method != "GET":
            raise GraphError(100, "(#100) Unsupported request method")
        if len(parts) == 1:
            specs = self._fields(params.get("fields") or DEFAULT_FIELDS[kind], kind)
            return self._render(kind, node, specs, version, account)
        edge = parts[1]
        if edge not in EDGES[kind]:
            raise GraphError(2500, f"Unknown path components: /{edge[:40]}")
        return self._edge(kind, node, edge, params, version, account,
                          fields_text=params.get("fields"))

    def _fields(self, text: str, kind: str) -> list[FieldSpec]:
        try:
            specs = parse_fields(text)
        except FieldSyntaxError as error:
            raise GraphError(100, f"(#100) Syntax error in fields: {error}") from None
        _check(specs, kind)
        return specs

    # edges -------------------------------------------------------------------------------------

    def _edge_items(self, kind: str, node: Any, edge: str,
                    params: dict[str, str]) -> tuple[list[Item], str]:
        if kind in ("fb_account", "ig_account"):
            items = sorted(self.world.posts_of(node.id), key=lambda i: (i.created, i.seq),
                           reverse=True)
            return items, "reverse_chronological"
        comments = self.world.comments_of(node.post or node.id)
        if kind == "fb_post":
            if params.get("filter", "toplevel") != "stream":
                comments = [c for c in comments if c.parent is None]
        elif kind in ("fb_comment", "ig_comment"):
            comments = [c for c in comments if c.parent == node.id]
        else:
            comments = [c for c in comments if c.parent is None]
        order = params.get("order") or ("reverse_chronological" if kind == "ig_media"
                                         else "chronological")
        if order not in ("chronological", "reverse_chronological"):
            raise GraphError(100, "(#100) order must be one of the following values: "
                             "chronological, reverse_chronological")
        comments.sort(key=lambda i: (i.created, i.seq), reverse=order != "chronological")
        return comments, order

    def _edge(self, kind: str, node: Any, edge: str, params: dict[str, str], version: str,
              account: Account, fields_text: str | None = None) -> dict[str, Any]:
        items, order = self._edge_items(kind, node, edge, params)
        child = "fb_post" if kind == "fb_account" else "ig_media" if kind == "ig_account" \
            else "fb_comment" if kind.startswith("fb") else "ig_comment"
        specs = self._fields(fields_text or DEFAULT_FIELDS[child], child)
        try:
            limit = max(0, min(MAX_LIMIT, int(params.get("limit", "25"))))
        except ValueError:
            raise GraphError(100, "(#100) limit must be an integer") from None
        descending = order == "reverse_chronological"
        start = 0
        if params.get("after"):
            parts = decode_cursor(params["after"])
            if parts is None or len(parts) != 2:
                raise GraphError(100, "(#100) The after cursor is invalid")
            mark = (float(parts[0]), int(parts[1]))
            keys = [(i.created.timestamp(), i.seq) for i in items]
            start = next((n for n, key in enumerate(keys)
                          if (key < mark if descending else key > mark)), len(items))
        chosen = items[start:start + limit]
        if kind in ("fb_account", "ig_account") and not params.get("after"):
            self.world.journal.start_fetch(account.id)
        for item in chosen if item_kind(child) else ():
            self.world.journal.serve(account.id, item.id, item.revision)
        out: dict[str, Any] = {"data": [self._render(child, i, specs, version, account)
                                        for i in chosen]}
        if chosen:
            first, last = chosen[0], chosen[-1]
            path = f"{version}/{node.id}/{edge}"
            query = {**{k: v for k, v in params.items() if k != "limit"}, "limit": str(limit),
                     "access_token": account.token}
            if fields_text:
                query["fields"] = fields_text
            out["paging"] = {"cursors": {
                "before": encode_cursor(first.created.timestamp(), first.seq),
                "after": encode_cursor(last.created.timestamp(), last.seq)}}
            if start + limit < len(items):
                out["paging"]["next"] = page_link(self.base_url(), path, query,
                                                  after=out["paging"]["cursors"]["after"])
            if start > 0:
                out["paging"]["previous"] = page_link(self.base_url(), path, query,
                                                      before=out["paging"]["cursors"]["before"])
        if params.get("summary") == "true" and child != "fb_post":
            out["summary"] = {"order": order, "total_count": len(items), "can_comment": True}
        return out

    # objects -----------------------------------------------------------------------------------

    def _render(self, kind: str, node: Any, specs: list[FieldSpec], version: str,
                account: Account) -> dict[str, Any]:
        _check(specs, kind)
        out: dict[str, Any] = {}
        for spec in specs:
            if spec.name == "media" and kind == "ig_comment":
                out["media"] = {"id": node.post}
                continue
            if spec.name in EDGES[kind]:
                params = dict(spec.modifiers)
                sub = unparse(spec.sub) if spec.sub else None
                out[spec.name] = self._edge(kind, node, spec.name, params, version, account,
                                            fields_text=sub)
                continue
            value = self._value(kind, node, spec, version, account)
            if value is not None:
                out[spec.name] = value
        return out

    def _value(self, kind: str, node: Any, spec: FieldSpec, version: str,
               account: Account) -> Any:
        name = spec.name
        if kind in ("fb_account", "ig_account"):
            return {"id": node.id, "name": node.name, "username": node.username}.get(name)
        item: Item = node
        number = item.id.rsplit("_", 1)[-1]
        if name == "id":
            return item.id
        if name in ("message", "text", "caption"):
            return item.text
        if name in ("created_time", "timestamp"):
            return graph_time(item.created)
        if name == "updated_time":
            return graph_time(item.updated or item.created)
        if name in ("is_hidden", "hidden"):
            return item.hidden
        if name in ("like_count", "comment_count"):
            return 0 if name == "like_count" else len(
                [c for c in self.world.comments_of(item.post or item.id) if c.parent == item.id])
        if name == "comments_count":
            return len(self.world.comments_of(item.id))
        if name == "can_hide":
            return True
        if name == "media_type":
            return "IMAGE"
        if name == "permalink_url":
            return (f"https://www.facebook.com/{item.account}/posts/{number}" if item.post is None
                    else f"https://www.facebook.com/{item.post}?comment_id={number}")
        if name == "permalink":
            return f"https://www.instagram.com/p/sandbox{item.id}/"
        if name == "username":
            return item.author_name if item.post is not None else account.username
        if name == "from":
            if item.post is None:
                return {"id": account.id, "name": account.name}
            key = "name" if kind.startswith("fb") else "username"
            return {"id": item.author_id, key: item.author_name}
        if name == "parent":
            if item.parent is None:
                return None
            parent = self.world.resolve(item.parent)
            sub = spec.sub or self._fields(DEFAULT_FIELDS["fb_comment"], kind)
            return self._render(kind, parent, sub, version, account)
        if name == "parent_id":
            return item.parent
        if name == "attachment":
            return item.attachment
        return None

    def _update(self, kind: str, node: Any, params: dict[str, str]) -> dict[str, Any]:
        key = {"fb_comment": "is_hidden", "ig_comment": "hide"}.get(kind)
        values = {k: v for k, v in params.items() if k != "access_token"}
        if key is None or set(values) != {key} or values[key] not in ("true", "false"):
            names = ", ".join(sorted(values))[:60] or "(none)"
            raise GraphError(100, f"(#100) Invalid parameter: {names} cannot be updated on a "
                             f"{NODE_TYPES[kind]}")
        self.world.hide(node.id, values[key] == "true", by="api")
        return {"success": True}
