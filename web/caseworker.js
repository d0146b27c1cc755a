/* The caseworker page (issue 9): sign in with a token, the walkthrough conversation on one side,
   the summary as it grows on the other. Talks only to /webhooks/caseworker/* (docs/caseworker.md).
   The token stays in this tab's sessionStorage; nothing else is stored in the browser. */
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var RASA = (params.get("rasa") || "http://localhost:5005").replace(/\/$/, "");
  var BASE = RASA + "/webhooks/caseworker";
  var KEY = "familieveileder-caseworker";
  var $ = function (id) { return document.getElementById(id); };
  var state = load();

  function load() {
    try { return JSON.parse(sessionStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save() { sessionStorage.setItem(KEY, JSON.stringify(state)); }
  function headers(json) {
    var h = { "Authorization": "Bearer " + state.token };
    if (json) h["Content-Type"] = "application/json";
    return h;
  }
  function newSender() { return "p" + Math.random().toString(36).slice(2, 12) + Date.now().toString(36); }

  function showWork(name) {
    $("cw-signin").hidden = true;
    $("cw-work").hidden = false;
    $("cw-signout").hidden = false;
    $("cw-name").textContent = name;
  }

  async function signIn(token) {
    $("cw-signin-error").textContent = "";
    var r;
    try {
      r = await fetch(BASE + "/me", { headers: { "Authorization": "Bearer " + token } });
    } catch (e) {
      $("cw-signin-error").textContent = "Fikk ikke kontakt med tjenesten. Prøv igjen om litt.";
      return false;
    }
    if (r.status === 401) {
      $("cw-signin-error").textContent = "Nøkkelen stemmer ikke. Sjekk den og prøv igjen.";
      $("cw-token").setAttribute("aria-invalid", "true");
      $("cw-token").focus();
      return false;
    }
    if (!r.ok) {
      $("cw-signin-error").textContent = "Noe gikk galt hos tjenesten. Prøv igjen om litt.";
      return false;
    }
    var me = await r.json();
    state = { token: token, name: me.caseworker, sender: state.sender || newSender() };
    save();
    showWork(me.caseworker);
    $("cw-input").focus();
    return true;
  }

  function addMessage(text, who) {
    var div = document.createElement("div");
    div.className = "cw-msg cw-msg--" + who;
    div.textContent = text;
    $("cw-log").appendChild(div);
    $("cw-log").scrollTop = $("cw-log").scrollHeight;
  }

  function showReplies(buttons) {
    var box = $("cw-replies");
    box.textContent = "";
    (buttons || []).forEach(function (b) {
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "cw-btn cw-reply";
      btn.textContent = b.title;
      btn.addEventListener("click", function () { send(b.payload, b.title); });
      box.appendChild(btn);
    });
  }

  async function send(message, shown) {
    $("cw-error").textContent = "";
    addMessage(shown || message, "me");
    $("cw-log").setAttribute("aria-busy", "true");
    var replies = [];
    try {
      var r = await fetch(BASE + "/webhook", { method: "POST", headers: headers(true),
        body: JSON.stringify({ sender: state.sender, message: message }) });
      if (r.status === 401) { signOut("Du er logget ut. Logg inn igjen."); return; }
      if (!r.ok) throw new Error(String(r.status));
      replies = await r.json();
    } catch (e) {
      $("cw-error").textContent = "Meldingen kom ikke fram. Prøv igjen.";
    }
    var buttons = [];
    replies.forEach(function (m) {
      if (m.text) addMessage(m.text, "bot");
      if (m.buttons && m.buttons.length) buttons = m.buttons;
      if (m.custom && m.custom.walkthrough) $("cw-roadmap").textContent = roadmapFrom(replies);
      if (m.custom && m.custom.walkthrough_summary) $("cw-roadmap").textContent = "Ferdig: oppsummeringen er lagret.";
    });
    if (replies.some(function (m) { return (m.text || "").indexOf("Dette har dere fortalt meg") === 0; })) {
      $("cw-roadmap").textContent = "Gjennomgang av svarene";
    }
    showReplies(buttons);
    $("cw-log").setAttribute("aria-busy", "false");
    await refreshSummary();
  }

  function roadmapFrom(replies) {
    var m = replies.filter(function (x) { return /^Steg \d+ av \d+/.test(x.text || ""); })[0];
    return m ? m.text : "";
  }

  function listInto(id, items, render) {
    var ul = $(id);
    ul.textContent = "";
    if (!items.length) {
      var li = document.createElement("li");
      li.textContent = "Ingen ennå.";
      ul.appendChild(li);
    }
    items.forEach(function (item) { ul.appendChild(render(item)); });
  }

  function textItem(text) {
    var li = document.createElement("li");
    li.textContent = text;
    return li;
  }

  async function refreshSummary() {
    var r;
    try {
      r = await fetch(BASE + "/summary/" + encodeURIComponent(state.sender) + ".json", { headers: headers() });
    } catch (e) { return; }
    if (r.status !== 200) return;
    var s = await r.json();
    $("cw-summary-empty").hidden = true;
    $("cw-summary-body").hidden = false;
    $("cw-summary-title").textContent = "Oppsummering: " + s.name + (s.complete ? "" : " (ikke ferdig)");
    listInto("cw-answers", s.situation.concat(s.choices), function (pair) {
      var li = document.createElement("li");
      var span = document.createElement("span");
      span.textContent = pair[0] + ": " + pair[1];
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "cw-btn cw-edit";
      btn.textContent = "Endre";
      btn.setAttribute("aria-label", "Endre " + pair[0].toLowerCase());
      btn.addEventListener("click", async function () {
        if (s.complete) {  // a finished walkthrough: open it again (answers are kept), then change
          await send('/start_walkthrough{"walkthrough":"' + s.script + '"}', "Åpne «" + s.name + "» igjen");
        }
        await send("Endre " + pair[0]);
        $("cw-input").focus();
      });
      li.appendChild(span);
      li.appendChild(btn);
      return li;
    });
    listInto("cw-dates", s.dates, function (d) { return textItem(d.label + ": " + d.text); });
    listInto("cw-choices", s.choices, function (p) { return textItem(p[0] + ": " + p[1]); });
    listInto("cw-next", s.next_steps, textItem);
  }

  async function fetchFile(format) {
    var r = await fetch(BASE + "/summary/" + encodeURIComponent(state.sender) + "." + format, { headers: headers() });
    if (!r.ok) throw new Error(String(r.status));
    return r.blob();
  }

  async function download(format) {
    try {
      var blob = await fetchFile(format);
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "oppsummering." + format;
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    } catch (e) {
      $("cw-error").textContent = "Fikk ikke lastet ned filen. Prøv igjen.";
    }
  }

  async function printSummary() {
    try {
      var html = await (await fetchFile("html")).text();
      var frame = document.createElement("iframe");
      frame.title = "Utskrift";
      frame.style.position = "fixed"; frame.style.width = "0"; frame.style.height = "0"; frame.style.border = "0";
      frame.srcdoc = html;
      frame.onload = function () { frame.contentWindow.print(); setTimeout(function () { frame.remove(); }, 2000); };
      document.body.appendChild(frame);
    } catch (e) {
      $("cw-error").textContent = "Fikk ikke skrevet ut. Prøv igjen.";
    }
  }

  function signOut(message) {
    sessionStorage.removeItem(KEY);
    state = {};
    $("cw-work").hidden = true;
    $("cw-signout").hidden = true;
    $("cw-signin").hidden = false;
    $("cw-log").textContent = "";
    $("cw-token").value = "";
    $("cw-signin-error").textContent = message || "";
    $("cw-token").focus();
  }

  $("cw-signin-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var token = $("cw-token").value.trim();
    if (!token) {
      $("cw-signin-error").textContent = "Skriv inn veiledernøkkelen.";
      $("cw-token").setAttribute("aria-invalid", "true");
      $("cw-token").focus();
      return;
    }
    signIn(token);
  });
  $("cw-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var text = $("cw-input").value.trim();
    if (!text) return;
    $("cw-input").value = "";
    send(text);
  });
  Array.prototype.forEach.call(document.querySelectorAll(".cw-start-btn"), function (btn) {
    btn.addEventListener("click", function () {
      state.sender = newSender();
      save();
      $("cw-log").textContent = "";
      $("cw-summary-empty").hidden = false;
      $("cw-summary-body").hidden = true;
      send('/start_walkthrough{"walkthrough":"' + btn.getAttribute("data-script") + '"}', "Start " + btn.textContent);
      $("cw-input").focus();
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".cw-download"), function (btn) {
    btn.addEventListener("click", function () { download(btn.getAttribute("data-format")); });
  });
  $("cw-print").addEventListener("click", printSummary);
  $("cw-signout").addEventListener("click", function () { signOut("Du er logget ut."); });

  if (state.token) { signIn(state.token); }
})();
