"""The review queue and the automatic-actions list: pages and JSON API over moderator.queue and
moderator.moderation. Views parse input, call the library, and render or serialise."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from moderator import moderation, queue
from moderator.archive import Archive
from moderator.classify.obfuscation import APOSTROPHES
from moderator.errors import NotFound
from moderator.users import Session
from moderator.web.app import MAX_INT, Id, Offset, redirect_back, render
from moderator.web.auth import get_archive, require

router = APIRouter()
MODERATE = require("moderator")
ItemNumber = Annotated[int, Field(ge=0, le=MAX_INT)]
#: Hours: a queue older than a century is not a filter anyone means.
Hours = Annotated[float | None, Query(ge=0, le=24 * 365 * 100, allow_inf_nan=False)]
LIST_LIMIT = 3000
ITEM_LIMIT = 100_000


def highlight(text: str | None, evidence: list[str], limit: int) -> dict[str, Any]:
    """Split text into (segment, marked) pairs around the evidence words, for the template to
    escape and wrap; long text is clipped for display only (the archive keeps it whole)."""
    text = text or ""
    clipped = len(text) > limit
    shown = text[:limit]
    words = sorted({w for w in evidence if w and len(w) <= 200}, key=len, reverse=True)
    segments: list[tuple[str, bool]] = []
    if words:
        # the model reads "you’re" as "you're": its evidence marks either way of writing it
        either = (re.escape(w).replace("'", f"['{APOSTROPHES}]") for w in words)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(either) + r")(?!\w)", re.IGNORECASE)
        position = 0
        for match in pattern.finditer(shown):
            if match.start() > position:
                segments.append((shown[position:match.start()], False))
            segments.append((match.group(0), True))
            position = match.end()
        segments.append((shown[position:], False))
    else:
        segments.append((shown, False))
    return {"segments": segments, "clipped": clipped, "length": len(text)}


def _filters(status: str, platform: str | None, page: str | None, post: str | None,
             rule: str | None, older_than_hours: float | None, sort: str, limit: int,
             offset: int) -> queue.Filters:
    return queue.Filters(status=status, platform=platform or None, page=page or None,
                         post=post or None, rule=rule or None,
                         older_than_hours=older_than_hours or None, sort=sort, limit=limit,
                         offset=offset)


def _card(archive: Archive, request: Request, item: dict[str, Any], limit: int
          ) -> dict[str, Any]:
    rules = request.app.state.config.rules
    ctx = queue.context(archive, item, rules)
    evidence = [w for s in ctx.scores if s["flagged"] for w in s["evidence"]]
    return {"item": item, "ctx": ctx, "text": highlight(item["text"], evidence, limit)}


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def _answer(request: Request, result: moderation.Result, back: str) -> Response:
    if _wants_json(request):
        return JSONResponse(result.as_dict(), status_code=result.http_status)
    return redirect_back(back, result.message)


@router.get("/queue", include_in_schema=False)
def queue_page(request: Request, status: str = "pending", platform: str = "", page: str = "",
               post: str = "", rule: str = "", older_than_hours: Hours = None,
               sort: str = "oldest", offset: Offset = 0,
               current: Session = Depends(MODERATE),
               archive: Archive = Depends(get_archive)) -> Response:
    filters = _filters(status, platform, page, post, rule, older_than_hours, sort, 20, offset)
    items, total = queue.list_items(archive, filters)
    cards = [_card(archive, request, item, LIST_LIMIT) for item in items]
    pages = archive.query("SELECT key, platform, name FROM pages ORDER BY key")
    return render(request, "queue.html", cards=cards, total=total, filters=filters,
                  pages=pages, rules=request.app.state.config.rules,
                  query=request.url.query, back=str(request.url.path) +
                  (f"?{request.url.query}" if request.url.query else ""))


@router.get("/queue/{item_id}", include_in_schema=False)
def item_page(request: Request, item_id: Id, current: Session = Depends(MODERATE),
              archive: Archive = Depends(get_archive)) -> Response:
    item = queue.get_item(archive, item_id)
    if item is None:
        raise NotFound(f"review item {item_id} does not exist")
    # Opening an item claims it, but only from our own pages, a bookmark or a typed address: a
    # link on another site (which the session cookie follows) must not lock items away.
    from_elsewhere = _from_another_site(request)
    claim = queue.Claim(False) if from_elsewhere else queue.claim(
        archive, item_id, current.user.username, admin=current.user.role == "admin")
    item = queue.get_item(archive, item_id) or item
    return render(request, "item.html", entry=_card(archive, request, item, ITEM_LIMIT),
                  claim=claim, from_elsewhere=from_elsewhere,
                  rules=request.app.state.config.rules,
                  back=f"/queue/{item_id}")


def _from_another_site(request: Request) -> bool:
    """Whether the browser says this page was opened from another site: ``Sec-Fetch-Site``,
    which browsers send to HTTPS sites and localhost, or else a ``Referer`` from another host
    (over plain HTTP a page can withhold it; README, "Claims")."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    referer = request.headers.get("referer")
    return bool(referer) and urlsplit(referer).netloc != request.url.netloc


@router.post("/queue/{item_id}/claim", include_in_schema=False)
def claim_form(request: Request, item_id: Id, back: str = Form("/queue"),
               current: Session = Depends(MODERATE),
               archive: Archive = Depends(get_archive)) -> Response:
    claim = queue.claim(archive, item_id, current.user.username,
                        admin=current.user.role == "admin")
    message = "claimed" if claim.ok else f"held by {claim.holder}"
    if _wants_json(request):
        return JSONResponse({"ok": claim.ok, "holder": claim.holder, "message": message},
                            status_code=200 if claim.ok else 409)
    return redirect_back(back, message)


@router.post("/queue/{item_id}/decide", include_in_schema=False)
def decide_form(request: Request, item_id: Id,
                decision: Literal["keep", "hide", "escalate"] = Form(...),
                rule: str = Form("", max_length=64), note: str = Form("", max_length=2000),
                back: str = Form("/queue", max_length=2000),
                current: Session = Depends(MODERATE),
                archive: Archive = Depends(get_archive)) -> Response:
    result = moderation.decide(archive, request.app.state.config, item_id, current.user,
                               decision, rule or None, note)
    return _answer(request, result, back)


@router.post("/queue/{item_id}/undo", include_in_schema=False)
def undo_form(request: Request, item_id: Id, back: str = Form("/queue", max_length=2000),
              current: Session = Depends(MODERATE),
              archive: Archive = Depends(get_archive)) -> Response:
    result = moderation.undo(archive, request.app.state.config, item_id, current.user)
    return _answer(request, result, back)


@router.post("/queue/bulk", include_in_schema=False)
def bulk_form(request: Request,
              item: list[ItemNumber] = Form(default_factory=list, max_length=100),
              decision: Literal["keep", "hide", "escalate"] = Form(...),
              rule: str = Form("", max_length=64), note: str = Form("", max_length=2000),
              back: str = Form("/queue", max_length=2000),
              current: Session = Depends(MODERATE),
              archive: Archive = Depends(get_archive)) -> Response:
    results = moderation.decide_many(archive, request.app.state.config, item, current.user,
                                     decision, rule or None, note)
    done = sum(r.ok for r in results)
    refused = [r.message for r in results if not r.ok]
    message = f"{decision}: {done} of {len(results)} items" + (
        f"; {'; '.join(refused[:3])}" if refused else "")
    if _wants_json(request):
        return JSONResponse({"results": [r.as_dict() for r in results], "message": message})
    return redirect_back(back, message)


@router.get("/auto-actions", include_in_schema=False)
def auto_page(request: Request, reviewed: bool = False, offset: Offset = 0,
              current: Session = Depends(MODERATE),
              archive: Archive = Depends(get_archive)) -> Response:
    rows, total = moderation.auto_actions(archive, reviewed=reviewed, offset=offset)
    for row in rows:
        row["display"] = highlight(row["text"], [], LIST_LIMIT)
    return render(request, "auto.html", rows=rows, total=total, reviewed=reviewed,
                  offset=offset, rules=request.app.state.config.rules)


@router.post("/auto-actions/{action_id}", include_in_schema=False)
def auto_form(request: Request, action_id: Id,
              verdict: Literal["confirm", "reverse"] = Form(...),
              note: str = Form("", max_length=2000),
              current: Session = Depends(MODERATE),
              archive: Archive = Depends(get_archive)) -> Response:
    result = moderation.review_auto_action(archive, request.app.state.config, action_id,
                                           current.user, verdict, note)
    return _answer(request, result, "/auto-actions")


# JSON API --------------------------------------------------------------------------------------

class DecisionIn(BaseModel):
    decision: Literal["keep", "hide", "escalate"]
    rule: str | None = Field(None, max_length=64)
    note: str | None = Field(None, max_length=2000)


class BulkIn(DecisionIn):
    items: list[ItemNumber] = Field(..., min_length=1, max_length=100)


class VerdictIn(BaseModel):
    verdict: Literal["confirm", "reverse"]
    note: str | None = Field(None, max_length=2000)


@router.get("/api/queue")
def api_queue(status: Literal["pending", "escalated", "decided"] = "pending",
              platform: str = "", page: str = "", post: str = "", rule: str = "",
              older_than_hours: Hours = None,
              sort: Literal["oldest", "newest", "score"] = "oldest",
              limit: int = Query(20, ge=1, le=100), offset: Offset = 0,
              current: Session = Depends(MODERATE),
              archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """Review items, oldest first by default; filters as on the queue page."""
    filters = _filters(status, platform, page, post, rule, older_than_hours, sort, limit,
                       offset)
    items, total = queue.list_items(archive, filters)
    return {"items": items, "total": total, "limit": filters.limit, "offset": filters.offset}


@router.get("/api/queue/{item_id}")
def api_item(request: Request, item_id: Id, current: Session = Depends(MODERATE),
             archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """One item with its post, parent, scores (with rule wording and evidence) and the author's
    earlier comments."""
    item = queue.get_item(archive, item_id)
    if item is None:
        raise NotFound(f"review item {item_id} does not exist")
    ctx = queue.context(archive, item, request.app.state.config.rules)
    return {"item": item, "context": ctx.__dict__}


@router.post("/api/queue/{item_id}/claim")
def api_claim(item_id: Id, current: Session = Depends(MODERATE),
              archive: Archive = Depends(get_archive)) -> JSONResponse:
    claim = queue.claim(archive, item_id, current.user.username,
                        admin=current.user.role == "admin")
    return JSONResponse(claim.__dict__, status_code=200 if claim.ok else 409)


@router.post("/api/queue/{item_id}/decision")
def api_decide(request: Request, item_id: Id, body: DecisionIn,
               current: Session = Depends(MODERATE),
               archive: Archive = Depends(get_archive)) -> JSONResponse:
    result = moderation.decide(archive, request.app.state.config, item_id, current.user,
                               body.decision, body.rule, body.note)
    return JSONResponse(result.as_dict(), status_code=result.http_status)


@router.post("/api/queue/{item_id}/undo")
def api_undo(request: Request, item_id: Id, current: Session = Depends(MODERATE),
             archive: Archive = Depends(get_archive)) -> JSONResponse:
    result = moderation.undo(archive, request.app.state.config, item_id, current.user)
    return JSONResponse(result.as_dict(), status_code=result.http_status)


@router.post("/api/queue/bulk")
def api_bulk(request: Request, body: BulkIn, current: Session = Depends(MODERATE),
             archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    results = moderation.decide_many(archive, request.app.state.config, body.items,
                                     current.user, body.decision, body.rule, body.note)
    return {"results": [r.as_dict() for r in results]}


@router.get("/api/auto-actions")
def api_auto(reviewed: bool = False, limit: int = Query(50, ge=1, le=100),
             offset: Offset = 0, current: Session = Depends(MODERATE),
             archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """Hides the daemon made on its own, not yet confirmed or reversed by a moderator."""
    rows, total = moderation.auto_actions(archive, reviewed=reviewed, limit=limit,
                                          offset=offset)
    return {"actions": rows, "total": total}


@router.post("/api/auto-actions/{action_id}")
def api_auto_review(request: Request, action_id: Id, body: VerdictIn,
                    current: Session = Depends(MODERATE),
                    archive: Archive = Depends(get_archive)) -> JSONResponse:
    result = moderation.review_auto_action(archive, request.app.state.config, action_id,
                                           current.user, body.verdict, body.note)
    return JSONResponse(result.as_dict(), status_code=result.http_status)
