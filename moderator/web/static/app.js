// Keyboard shortcuts for the review queue (Coral's habits: j/k move, f keep, d hide) and
// decisions without a page reload. Everything here also works without JavaScript, as plain
// forms; this file only makes it faster.
(function () {
  "use strict";
  var cards = [], current = -1;

  function typing(target) {
    return target && (target.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function focus(index) {
    if (!cards.length) { return; }
    current = Math.max(0, Math.min(cards.length - 1, index));
    cards.forEach(function (card, i) { card.classList.toggle("current", i === current); });
    cards[current].focus({ preventScroll: true });
    cards[current].scrollIntoView({ block: "nearest" });
  }

  function card() { return current >= 0 ? cards[current] : null; }

  function submit(form) {
    if (!form || form.hidden) { return; }
    if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
  }

  function settle(article, form, answer) {
    var result = article.querySelector(".result");
    if (result) { result.textContent = answer.message || (answer.ok ? "done" : "refused"); }
    if (!answer.ok) { return; }
    var undo = article.querySelector("form.undo");
    var deciding = form.classList.contains("decide");
    article.querySelectorAll("form.decide").forEach(function (f) { f.hidden = deciding; });
    if (undo) { undo.hidden = !deciding || form.classList.contains("confirm") ||
                form.classList.contains("reverse"); }
    article.classList.toggle("done", deciding);
    var box = article.querySelector("input.select");
    if (box) { box.checked = false; box.disabled = deciding; }
    if (!deciding) {
      article.querySelectorAll("form.decide").forEach(function (f) { f.hidden = false; });
    }
  }

  function send(event) {
    var form = event.target;
    var article = form.closest("article.item");
    if (!article || !window.fetch) { return; }
    event.preventDefault();
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin",
                         headers: { "Accept": "application/json" } })
      .then(function (response) {
        return response.json().catch(function () { return { ok: false, message: "HTTP " + response.status }; })
          .then(function (body) {
            if (body.error) { body = { ok: false, message: body.error.message }; }
            return body;
          });
      })
      .then(function (answer) {
        settle(article, form, answer);
        if (answer.ok && form.classList.contains("decide")) { focus(cards.indexOf(article) + 1); }
      })
      .catch(function () {
        var result = article.querySelector(".result");
        if (result) { result.textContent = "Network error: nothing was changed; try again."; }
      });
  }

  function toggleHelp() {
    var help = document.getElementById("help");
    if (!help) { return; }
    if (help.open) { help.close(); } else { help.showModal(); }
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "Escape") {
      if (typing(event.target)) { event.target.blur(); var c = card(); if (c) { c.focus(); } }
      return;
    }
    if (typing(event.target)) { return; }
    var c = card();
    switch (event.key) {
      case "j": focus(current + 1); break;
      case "k": focus(current - 1); break;
      case "?": toggleHelp(); break;
      case "f": if (c) { submit(c.querySelector("form.decide.keep")); } break;
      case "d": if (c) { submit(c.querySelector("form.decide.hide")); } break;
      case "u": if (c) { submit(c.querySelector("form.undo")); } break;
      case "o": if (c) { var open = c.querySelector("a.open"); if (open) { open.click(); } } break;
      case "e":
        if (c) {
          var note = c.querySelector("form.decide.escalate input[name=note]");
          if (note && !note.closest("form").hidden) { note.focus(); }
        }
        break;
      case "x":
        if (c) { var box = c.querySelector("input.select"); if (box && !box.disabled) { box.checked = !box.checked; } }
        break;
      default: return;
    }
    event.preventDefault();
  }

  document.addEventListener("DOMContentLoaded", function () {
    cards = Array.prototype.slice.call(document.querySelectorAll("article.item"));
    cards.forEach(function (article, i) {
      article.addEventListener("click", function (event) {
        if (typing(event.target) || event.target.closest("button, a, summary")) { return; }
        focus(i);
      });
      article.querySelectorAll("form.decide, form.undo").forEach(function (form) {
        form.addEventListener("submit", send);
      });
    });
    if (cards.length) { focus(0); }
    document.addEventListener("keydown", onKey);
  });
}());
