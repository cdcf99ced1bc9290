// Keyboard shortcuts for the review queue (Coral's habits: j/k move, f keep, d hide) and
// decisions without a page reload. Everything here also works without JavaScript, as plain
// forms; this file only makes it faster.
//
// Single-key shortcuts act only while an item card itself has focus (j/k put it there), never
// on a link, button or field, nor behind the help dialog, and a moderator can turn them off
// (WCAG 2.1.4): screen readers use the same letters for their own navigation.
(function () {
  "use strict";
  var cards = [], current = -1, STORE = "moderator.shortcuts";

  function typing(target) {
    return target && (target.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function enabled() {
    try { return window.localStorage.getItem(STORE) !== "off"; } catch (e) { return true; }
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

  function say(article, text, login) {
    var result = article.querySelector(".result");
    if (!result) { return; }
    result.textContent = text;
    if (login) {
      var link = document.createElement("a");
      link.href = "/login?next=" + encodeURIComponent(window.location.pathname + window.location.search);
      link.textContent = "Log in again";
      result.appendChild(document.createTextNode(" "));
      result.appendChild(link);
    }
  }

  function settle(article, form, answer) {
    say(article, answer.message || (answer.ok ? "done" : "refused"), answer.login);
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

  function answerOf(response) {
    if (response.redirected && /\/login(\?|$)/.test(new URL(response.url).pathname + "?")) {
      return { ok: false, login: true,
               message: "Your session has ended: nothing was saved." };
    }
    return response.json().catch(function () {
      return { ok: false, message: "The server answered " + response.status + ": nothing was saved; try again." };
    }).then(function (body) {
      if (body.error) { body = { ok: false, message: body.error.message }; }
      return body;
    });
  }

  function send(event) {
    var form = event.target;
    var article = form.closest("article.item");
    if (!article || !window.fetch) { return; }
    event.preventDefault();
    if (article.dataset.busy) { return; }  // a double click sends one decision, not two
    article.dataset.busy = "1";
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin",
                         headers: { "Accept": "application/json" } })
      .then(answerOf)
      .then(function (answer) {
        settle(article, form, answer);
        if (answer.ok && form.classList.contains("decide")) {
          focus(cards.indexOf(article) + 1);
        } else if (answer.ok) {
          focus(cards.indexOf(article));  // undo hid the button that had focus
        }
      })
      .catch(function () {
        say(article, "Network error: nothing was changed; try again.");
      })
      .then(function () { delete article.dataset.busy; });
  }

  function toggleHelp() {
    var help = document.getElementById("help");
    if (!help) { return; }
    if (help.open) { help.close(); } else { help.showModal(); }
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var help = document.getElementById("help");
    if (help && help.open) {  // the dialog's own keys, and "?" closes it as it opened it
      if (event.key === "?") { help.close(); event.preventDefault(); }
      return;
    }
    if (event.key === "Escape") {
      if (typing(event.target)) { event.target.blur(); var c0 = card(); if (c0) { c0.focus(); } }
      return;
    }
    if (typing(event.target) || !enabled()) { return; }
    var onCard = event.target && event.target.matches && event.target.matches("article.item");
    var onPage = !event.target.closest ||
      !event.target.closest("a, button, summary, label, input, select, textarea, [contenteditable]");
    if (!onCard && event.key !== "?" && !(onPage && /^[jk]$/.test(event.key))) { return; }
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
        if (c) {
          var box = c.querySelector("input.select");
          if (box && !box.disabled) {
            box.checked = !box.checked;
            say(c, box.checked ? "Selected for a bulk decision." : "Not selected.");
          }
        }
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
      article.addEventListener("focus", function () {
        current = i;
        cards.forEach(function (other, n) { other.classList.toggle("current", n === i); });
      });
      article.querySelectorAll("form.decide, form.undo").forEach(function (form) {
        form.addEventListener("submit", send);
      });
    });
    document.querySelectorAll("button.show-help").forEach(function (button) {
      button.hidden = false;  // a way to the list, and to the switch, without a shortcut
      button.addEventListener("click", toggleHelp);
    });
    var help = document.getElementById("help");
    if (help) {
      help.addEventListener("close", function () { var c = card(); if (c) { c.focus(); } });
    }
    var toggle = document.getElementById("shortcuts-on");
    if (toggle) {
      toggle.checked = enabled();
      toggle.addEventListener("change", function () {
        try { window.localStorage.setItem(STORE, toggle.checked ? "on" : "off"); } catch (e) { /* private mode */ }
      });
    }
    document.querySelectorAll("form.login").forEach(function (form) {
      // one login per double click: a try sent while another is checked counts as a failure
      // until that one is done, so the second of two could meet the throttle
      form.addEventListener("submit", function (event) {
        if (form.dataset.sent) { event.preventDefault(); return; }
        form.dataset.sent = "1";
      });
    });
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
      });
    });
    document.addEventListener("keydown", onKey);
  });
}());
