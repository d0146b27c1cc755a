/*!
 * Familieveileder chat widget — vanilla JS, no runtime dependencies.
 *
 * Embed with ONE script tag:
 *   <script src="/widget.js" data-config='{"serverUrl": "https://rasa.example.no"}'></script>
 * or set window.FamilieveilederConfig = {...} before the tag (it overrides data-config).
 *
 * Transport: Rasa REST channel (POST /webhooks/rest/webhook). One request per user
 * turn returns the whole, finished answer, which is appended to the role="log"
 * transcript in one DOM insertion: the log is the ONLY announcement mechanism for
 * answers (no nested live regions, no separate announcer).
 *
 * Security: bot and user text is always rendered with text nodes (never innerHTML).
 * Links are created with DOM APIs only for https:// URLs and bare nav.no / lovdata.no /
 * imdi.no addresses.
 */
(function () {
  'use strict';

  if (window.__familieveilederLoaded) { return; }
  window.__familieveilederLoaded = true;

  var currentScript = document.currentScript;

  // ------------------------------------------------------------------ config
  function defaultServerUrl() {
    var proto = location.protocol === 'https:' ? 'https:' : 'http:';
    var host = location.hostname || 'localhost';
    return proto + '//' + host + ':5005';
  }

  var DEFAULTS = {
    serverUrl: null,                 // Rasa base URL; default: same host, port 5005
    title: 'Familieveileder',
    subtitle: 'Chatbot – ikke et menneske',
    lang: 'nb',
    launcherLabel: 'Spør Familieveilederen',
    // null: the storage notice comes from the server (GET privacyPath + '/policy'), so its days are
    // always the store's own settings; a page may set its own text instead (then it must keep it true).
    privacyNotice: null,
    privacyController: null,         // e.g. 'Eksempel kommune': named first in the notice
    greetPayload: '/greet',
    restartPayload: '/restart',
    restPath: '/webhooks/rest/webhook',
    privacyPath: '/webhooks/privacy',
    storageKey: 'familieveileder',
    requestTimeoutMs: 30000,
    feedback: true,
    startOpen: false,
    cssUrl: null                     // default: widget.css next to widget.js
  };

  function readConfig() {
    var cfg = {};
    var i, k;
    if (currentScript && currentScript.getAttribute('data-config')) {
      try {
        var fromAttr = JSON.parse(currentScript.getAttribute('data-config'));
        for (k in fromAttr) { if (Object.prototype.hasOwnProperty.call(fromAttr, k)) { cfg[k] = fromAttr[k]; } }
      } catch (e) {
        if (window.console) { console.warn('Familieveileder: data-config is not valid JSON', e); }
      }
    }
    var g = window.FamilieveilederConfig;
    if (g && typeof g === 'object') {
      for (k in g) { if (Object.prototype.hasOwnProperty.call(g, k)) { cfg[k] = g[k]; } }
    }
    var out = {};
    var keys = Object.keys(DEFAULTS);
    for (i = 0; i < keys.length; i++) {
      k = keys[i];
      out[k] = (cfg[k] !== undefined && cfg[k] !== null) ? cfg[k] : DEFAULTS[k];
    }
    if (!out.serverUrl) { out.serverUrl = defaultServerUrl(); }
    out.serverUrl = String(out.serverUrl).replace(/\/+$/, '');
    return out;
  }

  var config = readConfig();

  // ------------------------------------------------------------------ texts
  var T = {
    botLabel: 'Chatboten sier: ',
    userLabel: 'Du skrev: ',
    botName: 'Chatboten',
    userName: 'Du',
    typing: 'Chatboten skriver …',
    inputLabel: 'Din melding',
    placeholder: 'Skriv spørsmålet ditt her',
    send: 'Send',
    close: 'Lukk',
    closeLabel: 'Lukk chatten',
    restart: 'Start på nytt',
    download: 'Last ned samtalen',
    del: 'Slett samtalen',
    logLabel: 'Meldinger',
    scrollLabel: 'Samtalen',
    toolsLabel: 'Valg for samtalen',
    quickRepliesLabel: 'Velg et svar:',
    optionsHint: 'Svaralternativer: ',
    feedbackQ: 'Var dette nyttig?',
    yes: 'Ja',
    no: 'Nei',
    thanks: 'Takk for tilbakemeldingen!',
    newTab: ' (åpnes i ny fane)',
    retry: 'Prøv igjen',
    noticeBot: 'Dette er en chatbot, ikke et menneske. Den gir veiledning, ikke vedtak.',
    noticeNoPersonal: 'Ikke skriv navn, fødselsnummer eller andre personopplysninger.',
    controller: 'Ansvarlig for samtalen:',
    privacyFallback: 'Samtalen lagres kryptert. Du kan laste ned eller slette den når du vil.',
    errOffline: 'Vi får ikke kontakt med chatboten akkurat nå. Sjekk nettforbindelsen og prøv igjen om litt.',
    errActions: 'Chatboten virker bare delvis akkurat nå, og kan ikke regne ut svar. Prøv igjen om litt.',
    errDelete: 'Vi klarte ikke å slette samtalen hos tjenesten. Samtalen er ikke slettet. Prøv igjen.',
    errFeedback: 'Vi klarte ikke å lagre tilbakemeldingen.',
    emptyAnswer: 'Jeg fikk ikke til å svare på det. Prøv å skrive det på en annen måte.',
    deleted: 'Samtalen er slettet hos tjenesten og i nettleseren. Skriv en melding hvis du vil starte en ny samtale.',
    restarted: 'Samtalen er startet på nytt.',
    downloaded: 'Samtalen er lastet ned som tekstfil.',
    transcriptTitle: 'Samtale med Familieveileder'
  };

  // ------------------------------------------------------------------ utils
  function newId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      return window.crypto.randomUUID().replace(/-/g, '');
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var s = '';
    for (var i = 0; i < bytes.length; i++) { s += ('0' + bytes[i].toString(16)).slice(-2); }
    return s;
  }

  var uid = 0;
  function domId(prefix) { uid += 1; return 'fv-' + prefix + '-' + uid; }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k)) { continue; }
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { continue; }
        if (k === 'text') { node.textContent = v; }
        else if (k === 'className') { node.className = v; }
        else { node.setAttribute(k, v === true ? '' : String(v)); }
      }
    }
    if (children) {
      for (var i = 0; i < children.length; i++) {
        var c = children[i];
        if (c === null || c === undefined) { continue; }
        node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
      }
    }
    return node;
  }

  function chatIcon() {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '24');
    svg.setAttribute('height', '24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', 'fv-launcher-icon');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z');
    svg.appendChild(path);
    return svg;
  }

  function srOnly(text) { return el('span', { className: 'fv-sr', text: text }); }

  // ------------------------------------------------------------------ links
  // https:// URLs, or bare addresses on allow-listed public domains.
  var LINK_RE = /(https:\/\/[^\s<>"'`]+)|(?<![\w.@\/-])((?:[a-z0-9-]+\.)*(?:nav|lovdata|imdi)\.no(?![\w-]|\.[\w-])(?:\/[^\s<>"'`]*)?)/gi;
  var TRAILING_PUNCT = /[.,;:!?»)\]]+$/;

  function safeHref(raw) {
    var candidate = /^https:\/\//i.test(raw) ? raw : 'https://' + raw;
    try {
      var u = new URL(candidate);
      if (u.protocol !== 'https:' || u.username || u.password) { return null; }
      return u.href;
    } catch (e) {
      return null;
    }
  }

  /** Append `text` to `parent` as text nodes, turning allow-listed links into <a>. */
  function appendRichText(parent, text) {
    text = String(text === undefined || text === null ? '' : text);
    var last = 0;
    var m;
    LINK_RE.lastIndex = 0;
    while ((m = LINK_RE.exec(text)) !== null) {
      var raw = m[0];
      var trail = '';
      var tp = raw.match(TRAILING_PUNCT);
      if (tp) {
        trail = tp[0];
        raw = raw.slice(0, raw.length - trail.length);
      }
      var href = raw ? safeHref(raw) : null;
      if (!href) { continue; }
      if (m.index > last) { parent.appendChild(document.createTextNode(text.slice(last, m.index))); }
      var a = document.createElement('a');
      a.href = href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.appendChild(document.createTextNode(raw));
      a.appendChild(srOnly(T.newTab));
      parent.appendChild(a);
      last = m.index + raw.length;
      LINK_RE.lastIndex = last;
    }
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
  }

  // ------------------------------------------------------------------ storage
  var storage = null;
  try { storage = window.sessionStorage; storage.getItem('x'); } catch (e) { storage = null; }

  function loadState() {
    if (!storage) { return null; }
    try {
      var raw = storage.getItem(config.storageKey);
      if (!raw) { return null; }
      var s = JSON.parse(raw);
      if (!s || s.v !== 1 || typeof s.sessionId !== 'string' || !Array.isArray(s.messages)) { return null; }
      return s;
    } catch (e) { return null; }
  }

  var state = loadState() || { v: 1, sessionId: newId(), messages: [], open: !!config.startOpen, started: false };

  function saveState() {
    if (!storage) { return; }
    try { storage.setItem(config.storageKey, JSON.stringify(state)); } catch (e) { /* quota / private mode */ }
  }

  function clearStoredState() {
    if (!storage) { return; }
    try { storage.removeItem(config.storageKey); } catch (e) { /* ignore */ }
  }

  // ------------------------------------------------------------------ network
  function fetchWithTimeout(url, opts) {
    opts = opts || {};
    var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = null;
    if (ctrl) {
      opts.signal = ctrl.signal;
      timer = setTimeout(function () { ctrl.abort(); }, config.requestTimeoutMs);
    }
    return fetch(url, opts).then(function (r) {
      if (timer) { clearTimeout(timer); }
      return r;
    }, function (err) {
      if (timer) { clearTimeout(timer); }
      throw err;
    });
  }

  function postMessage(sender, message) {
    return fetchWithTimeout(config.serverUrl + config.restPath, {
      method: 'POST',
      // X-FV-Conversation: lets a load balancer keep the conversation on one server (deploy/nginx)
      headers: { 'Content-Type': 'application/json', 'X-FV-Conversation': sender },
      body: JSON.stringify({ sender: sender, message: message })
    }).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    });
  }

  /** The server's storage notice (retention and backups from its settings) into #fv-privacy. */
  var policyLoaded = false;
  function loadPolicy() {
    fetchWithTimeout(config.serverUrl + config.privacyPath + '/policy', { method: 'GET' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        var p = document.getElementById('fv-privacy');
        if (p && body && typeof body.notice === 'string' && body.notice) { p.textContent = body.notice; }
      }, function () { /* offline: the fallback text, which promises no period, stays */ });
  }

  /** Resolves to 'ok' | 'actions-down' | 'offline'. */
  function checkHealth() {
    return fetchWithTimeout(config.serverUrl + config.privacyPath + '/health', { method: 'GET' })
      .then(function (r) {
        if (!r.ok) { return 'offline'; }
        return r.json().then(function (body) {
          if (!body || body.rasa !== 'ok') { return 'offline'; }
          return body.actions === 'ok' ? 'ok' : 'actions-down';
        }, function () { return 'offline'; });
      }, function () { return 'offline'; });
  }

  /**
   * Normalise a REST (or socket.io-shaped) response into widget messages.
   * Optional server hints, sent as `custom` (json_message): {"topic": "utter_x" | "care_days",
   * "feedback": true|false} apply to the message they come with, or to the previous one.
   */
  function normalise(resp) {
    var out = [];
    if (!Array.isArray(resp)) { return out; }
    for (var i = 0; i < resp.length; i++) {
      var r = resp[i] || {};
      var btns = r.buttons || r.quick_replies || [];
      var buttons = [];
      for (var j = 0; j < btns.length; j++) {
        var b = btns[j] || {};
        if (typeof b.title === 'string' && typeof b.payload === 'string') {
          buttons.push({ title: b.title, payload: b.payload });
        }
      }
      var text = typeof r.text === 'string' ? r.text : '';
      var custom = (r.custom && typeof r.custom === 'object') ? r.custom : null;
      var target = null;
      if (text || (buttons.length && !out.length)) {
        target = { from: 'bot', text: text };
        out.push(target);
      } else if (out.length) {
        target = out[out.length - 1];
      }
      if (!target) { continue; }
      if (buttons.length) { target.buttons = (target.buttons || []).concat(buttons); }
      if (custom) {
        if (typeof custom.topic === 'string') { target.topic = custom.topic; }
        if (typeof custom.feedback === 'boolean') { target.feedbackHint = custom.feedback; }
      }
    }
    return out;
  }

  var HAS_LINK_RE = /https:\/\/|\b(?:nav|lovdata|imdi)\.no\b/i;

  /**
   * Which message of a finished turn gets "Var dette nyttig?": a message the server flagged
   * (custom.feedback), else the last answer that cites a source (has a link), else the last
   * message if it is a plain statement (no buttons, not a question).
   */
  function pickFeedbackTarget(msgs) {
    var i;
    for (i = msgs.length - 1; i >= 0; i--) {
      if (msgs[i].feedbackHint === true) { return msgs[i]; }
    }
    for (i = 0; i < msgs.length; i++) {
      if (msgs[i].feedbackHint === false) { return null; }
    }
    for (i = msgs.length - 1; i >= 0; i--) {
      if (HAS_LINK_RE.test(msgs[i].text)) { return msgs[i]; }
    }
    var last = msgs[msgs.length - 1];
    if (last && !last.buttons && !/\?\s*$/.test(last.text)) { return last; }
    return null;
  }

  // ------------------------------------------------------------------ DOM
  var root, launcher, panel, scroller, log, statusEl, errorBox, errorText, retryBtn,
      qrBox, qrList, form, input, sendBtn;
  var busy = false;
  var queue = Promise.resolve();
  var retryAction = null;

  function build() {
    if (!config.cssUrl && currentScript && currentScript.src) {
      try { config.cssUrl = new URL('widget.css', currentScript.src).href; } catch (e) { /* ignore */ }
    }
    if (config.cssUrl && !document.querySelector('link[data-fv-css]')) {
      document.head.appendChild(el('link', { rel: 'stylesheet', href: config.cssUrl, 'data-fv-css': true }));
    }

    var titleId = 'fv-title';
    var panelId = 'fv-panel';
    var qrLabelId = 'fv-qr-label';
    var inputId = 'fv-input';
    var noticeId = 'fv-notice';

    root = el('div', { className: 'fv-root', id: 'familieveileder', lang: config.lang });

    launcher = el('button', {
      type: 'button', className: 'fv-launcher', 'aria-expanded': 'false', 'aria-controls': panelId
    }, [chatIcon(), el('span', { text: config.launcherLabel })]);

    var closeBtn = el('button', { type: 'button', className: 'fv-close', 'aria-label': T.closeLabel },
      [el('span', { 'aria-hidden': 'true', text: '×' }), el('span', { className: 'fv-close-text', text: T.close })]);

    var restartBtn = el('button', { type: 'button', className: 'fv-tool', 'data-fv': 'restart', text: T.restart });
    var downloadBtn = el('button', { type: 'button', className: 'fv-tool', 'data-fv': 'download', text: T.download });
    var deleteBtn = el('button', { type: 'button', className: 'fv-tool', 'data-fv': 'delete', text: T.del });

    var header = el('div', { className: 'fv-header' }, [
      el('div', { className: 'fv-heading' }, [
        el('h2', { id: titleId, className: 'fv-title', text: config.title }),
        el('p', { className: 'fv-subtitle', text: config.subtitle })
      ]),
      closeBtn
    ]);
    var tools = el('div', { className: 'fv-tools', role: 'group', 'aria-label': T.toolsLabel },
      [restartBtn, downloadBtn, deleteBtn]);

    var notice = el('div', { className: 'fv-notice', id: noticeId }, [
      el('p', { className: 'fv-notice-strong', text: T.noticeBot }),
      el('p', { className: 'fv-notice-strong', text: T.noticeNoPersonal }),
      config.privacyController ? el('p', { text: T.controller + ' ' + config.privacyController + '.' }) : null,
      el('p', { id: 'fv-privacy', text: config.privacyNotice || T.privacyFallback })
    ]);

    log = el('div', {
      className: 'fv-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions',
      'aria-label': T.logLabel, 'aria-busy': 'false'
    });

    // the scroll area must be keyboard-scrollable (WCAG 2.1.1): focusable, named region
    scroller = el('div', { className: 'fv-scroll', tabindex: '0', role: 'region', 'aria-label': T.scrollLabel }, [notice, log]);

    statusEl = el('div', { className: 'fv-status', role: 'status' });

    errorText = el('p', { className: 'fv-error-text' });
    retryBtn = el('button', { type: 'button', className: 'fv-retry', text: T.retry });
    errorBox = el('div', { className: 'fv-error', role: 'alert', hidden: true }, [errorText, retryBtn]);
    // role=alert must exist before content is injected: keep the box, toggle `hidden`.

    qrList = el('div', { className: 'fv-qr-list' });
    qrBox = el('div', { className: 'fv-qr', role: 'group', 'aria-labelledby': qrLabelId, hidden: true }, [
      el('p', { className: 'fv-qr-label', id: qrLabelId, text: T.quickRepliesLabel }), qrList
    ]);

    input = el('input', {
      type: 'text', id: inputId, className: 'fv-input', autocomplete: 'off', maxlength: '1000',
      placeholder: T.placeholder, 'aria-describedby': noticeId
    });
    sendBtn = el('button', { type: 'submit', className: 'fv-send', text: T.send });
    form = el('form', { className: 'fv-form', novalidate: true }, [
      el('label', { 'for': inputId, className: 'fv-label', text: T.inputLabel }),
      el('div', { className: 'fv-form-row' }, [input, sendBtn])
    ]);

    panel = el('div', {
      id: panelId, className: 'fv-panel', role: 'dialog', 'aria-labelledby': titleId, hidden: true
    }, [header, tools, scroller, statusEl, errorBox, qrBox, form]);

    root.appendChild(panel);
    root.appendChild(launcher);
    document.body.appendChild(root);

    launcher.addEventListener('click', function () { if (panel.hidden) { openPanel(); } else { closePanel(); } });
    closeBtn.addEventListener('click', closePanel);
    root.addEventListener('keydown', function (ev) {
      if ((ev.key === 'Escape' || ev.key === 'Esc') && !panel.hidden) {
        ev.preventDefault();
        closePanel();
      }
    });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var text = input.value.replace(/\s+$/, '').replace(/^\s+/, '');
      if (!text) { input.focus(); return; }
      input.value = '';
      input.focus();
      userSend(text, text);
    });
    retryBtn.addEventListener('click', onRetry);
    restartBtn.addEventListener('click', restartConversation);
    downloadBtn.addEventListener('click', downloadTranscript);
    deleteBtn.addEventListener('click', deleteConversation);

    // restore transcript (panel may still be hidden: nothing is announced)
    renderAll();
    if (state.open) { openPanel({ restoring: true }); }
  }

  // ------------------------------------------------------------------ rendering
  function renderMessage(msg) {
    var isBot = msg.from === 'bot';
    var node = el('div', { className: 'fv-msg ' + (isBot ? 'fv-msg--bot' : 'fv-msg--user') });
    var bubble = el('p', { className: 'fv-bubble' });
    bubble.appendChild(srOnly(isBot ? T.botLabel : T.userLabel));
    var body = el('span', { className: 'fv-text' });
    if (isBot) { appendRichText(body, msg.text); } else { body.textContent = msg.text; }
    bubble.appendChild(body);
    if (isBot && msg.buttons && msg.buttons.length) {
      var titles = [];
      for (var i = 0; i < msg.buttons.length; i++) { titles.push(msg.buttons[i].title); }
      bubble.appendChild(srOnly(' (' + T.optionsHint + titles.join(', ') + ')'));
    }
    node.appendChild(bubble);
    if (isBot && msg.askFeedback) { node.appendChild(renderFeedback(msg)); }
    return node;
  }

  function renderFeedback(msg) {
    var box = el('div', { className: 'fv-feedback' });
    if (msg.feedback) {
      box.appendChild(el('p', { className: 'fv-feedback-thanks', text: T.thanks }));
      return box;
    }
    var qid = domId('fbq');
    var group = el('div', { className: 'fv-feedback-group', role: 'group', 'aria-labelledby': qid }, [
      el('span', { id: qid, className: 'fv-feedback-q', text: T.feedbackQ })
    ]);
    var yes = el('button', { type: 'button', className: 'fv-feedback-btn', 'data-fv': 'feedback-yes', text: T.yes });
    var no = el('button', { type: 'button', className: 'fv-feedback-btn', 'data-fv': 'feedback-no', text: T.no });
    yes.addEventListener('click', function () { giveFeedback(msg, true, box); });
    no.addEventListener('click', function () { giveFeedback(msg, false, box); });
    group.appendChild(yes);
    group.appendChild(no);
    box.appendChild(group);
    return box;
  }

  function renderAll() {
    log.textContent = '';
    var frag = document.createDocumentFragment();
    for (var i = 0; i < state.messages.length; i++) { frag.appendChild(renderMessage(state.messages[i])); }
    log.appendChild(frag);
    renderQuickReplies();
  }

  function addMessages(msgs) {
    if (!msgs.length) { return; }
    var frag = document.createDocumentFragment();
    for (var i = 0; i < msgs.length; i++) {
      state.messages.push(msgs[i]);
      frag.appendChild(renderMessage(msgs[i]));
    }
    log.appendChild(frag);  // one insertion per turn → one announcement
    saveState();
    renderQuickReplies();
    scrollToEnd();
  }

  function scrollToEnd() {
    if (scroller) { scroller.scrollTop = scroller.scrollHeight; }
  }

  function currentQuickReplies() {
    var last = state.messages[state.messages.length - 1];
    if (last && last.from === 'bot' && last.buttons && last.buttons.length) { return last.buttons; }
    return null;
  }

  function renderQuickReplies() {
    var buttons = currentQuickReplies();
    var hadFocus = qrBox.contains(document.activeElement);
    qrList.textContent = '';
    if (!buttons) {
      qrBox.hidden = true;
      if (hadFocus && !panel.hidden) { input.focus(); }
      return;
    }
    for (var i = 0; i < buttons.length; i++) {
      (function (b) {
        var btn = el('button', { type: 'button', className: 'fv-qr-btn', text: b.title });
        btn.addEventListener('click', function () {
          // echo the title, send the payload; keep focus in the input
          input.focus();
          userSend(b.payload, b.title);
        });
        qrList.appendChild(btn);
      })(buttons[i]);
    }
    qrBox.hidden = false;
    if (hadFocus && !panel.hidden) { input.focus(); }
  }

  function setBusy(on) {
    busy = on;
    log.setAttribute('aria-busy', on ? 'true' : 'false');
    root.classList.toggle('fv-is-busy', on);
    if (on) {
      statusEl.textContent = '';
      statusEl.appendChild(el('span', { className: 'fv-typing', text: T.typing }));
    } else if (statusEl.querySelector('.fv-typing')) {
      statusEl.textContent = '';
    }
  }

  function setStatus(text) { statusEl.textContent = text; }

  function showError(kind, action) {
    retryAction = action || null;
    errorText.textContent = kind === 'actions-down' ? T.errActions : (kind === 'delete' ? T.errDelete : T.errOffline);
    errorBox.hidden = false;
    root.classList.add('fv-has-error');
    scrollToEnd();
  }

  function hideError() {
    errorBox.hidden = true;
    errorText.textContent = '';
    root.classList.remove('fv-has-error');
    retryAction = null;
  }

  function onRetry() {
    var action = retryAction;
    retryBtn.disabled = true;
    checkHealth().then(function (h) {
      retryBtn.disabled = false;
      if (h !== 'ok') {
        // re-announce: clear and set again
        errorText.textContent = '';
        setTimeout(function () { showError(h, action); }, 50);
        return;
      }
      hideError();
      input.focus();
      if (action) { action(); }
    });
  }

  // ------------------------------------------------------------------ conversation
  function isSilentPayload(p) { return p === config.greetPayload || p === config.restartPayload; }

  /**
   * Queue one turn: optionally echo `echoText` as the user's message, send `payload`.
   * Returns a promise that settles when the turn is done.
   */
  function turn(payload, echoText) {
    queue = queue.then(function () { return doTurn(payload, echoText); });
    return queue;
  }

  function doTurn(payload, echoText) {
    hideError();
    if (echoText !== null && echoText !== undefined) {
      addMessages([{ from: 'user', text: echoText }]);
    }
    var sessionAtStart = state.sessionId;
    setBusy(true);
    return postMessage(state.sessionId, payload).then(function (resp) {
      if (state.sessionId !== sessionAtStart) { return; }   // conversation deleted/restarted meanwhile
      var msgs = normalise(resp);
      if (!msgs.length) {
        return checkHealth().then(function (h) {
          if (h !== 'ok') {
            showError(h, function () { turn(payload, null); });
          } else if (!isSilentPayload(payload)) {
            addMessages([{ from: 'bot', text: T.emptyAnswer }]);
          }
        });
      }
      if (config.feedback && !isSilentPayload(payload)) {
        var target = pickFeedbackTarget(msgs);
        if (target) { target.askFeedback = true; }
      }
      for (var i = 0; i < msgs.length; i++) { delete msgs[i].feedbackHint; }
      state.started = true;
      addMessages(msgs);
    }).catch(function () {
      if (state.sessionId !== sessionAtStart) { return; }
      return checkHealth().then(function (h) {
        showError(h === 'ok' ? 'offline' : h, function () { turn(payload, null); });
      });
    }).then(function () { setBusy(false); });
  }

  function userSend(payload, echoText) {
    // the echoed user message hides the old quick replies at once
    return turn(payload, echoText);
  }

  function startIfNeeded() {
    if (state.started || state.messages.length) { return Promise.resolve(); }
    state.started = true;
    saveState();
    return checkHealth().then(function (h) {
      if (h === 'offline') {
        state.started = false;
        saveState();
        showError('offline', function () { startIfNeeded(); });
        return;
      }
      if (h === 'actions-down') {
        showError('actions-down', null);
      }
      return turn(config.greetPayload, null).then(function () {
        if (h === 'actions-down' && errorBox.hidden) { showError('actions-down', null); }
      });
    });
  }

  function openPanel(opts) {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    root.classList.add('fv-is-open');
    state.open = true;
    saveState();
    scrollToEnd();
    input.focus();
    // nothing is sent before the user opens the chat: the server's storage notice is fetched now
    if (!config.privacyNotice && !policyLoaded) { policyLoaded = true; loadPolicy(); }
    if (!(opts && opts.restoring && state.messages.length)) { startIfNeeded(); }
  }

  function closePanel() {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    root.classList.remove('fv-is-open');
    state.open = false;
    saveState();
    launcher.focus();
  }

  function resetLocal(newSession) {
    state = { v: 1, sessionId: newSession, messages: [], open: state.open, started: false };
    hideError();
    renderAll();
    setStatus('');
  }

  function restartConversation() {
    var oldId = state.sessionId;
    // end the old conversation on the server; its answers are not shown
    postMessage(oldId, config.restartPayload).catch(function () { /* offline: nothing to end */ });
    resetLocal(newId());
    saveState();
    setStatus(T.restarted);
    input.focus();
    state.started = true;
    saveState();
    checkHealth().then(function (h) {
      if (h === 'offline') {
        state.started = false;
        saveState();
        showError('offline', function () { startIfNeeded(); });
        return;
      }
      turn(config.greetPayload, null);
    });
  }

  function deleteConversation() {
    var id = state.sessionId;
    var url = config.serverUrl + config.privacyPath + '/conversations/' + encodeURIComponent(id);
    return fetchWithTimeout(url, { method: 'DELETE' }).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      clearStoredState();
      resetLocal(newId());
      saveState();            // only a fresh id + open flag, no conversation content
      setStatus(T.deleted);
      input.focus();
    }).catch(function () {
      showError('delete', function () { deleteConversation(); });
    });
  }

  function transcriptText() {
    var lines = [T.transcriptTitle, new Date().toLocaleString('nb-NO'), '', T.noticeBot, ''];
    for (var i = 0; i < state.messages.length; i++) {
      var m = state.messages[i];
      lines.push((m.from === 'bot' ? T.botName : T.userName) + ': ' + m.text);
      if (m.buttons && m.buttons.length) {
        var titles = [];
        for (var j = 0; j < m.buttons.length; j++) { titles.push(m.buttons[j].title); }
        lines.push('  (' + T.optionsHint + titles.join(', ') + ')');
      }
      lines.push('');
    }
    return lines.join('\r\n');
  }

  function downloadTranscript() {
    var blob = new Blob(['\ufeff' + transcriptText()], { type: 'text/plain;charset=utf-8' });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    var d = new Date();
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    a.href = url;
    a.download = 'samtale-familieveileder-' + d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + '.txt';
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
    setStatus(T.downloaded);
  }

  function giveFeedback(msg, helpful, box) {
    var body = { helpful: !!helpful };
    if (msg.topic) { body.topic = msg.topic; }
    fetchWithTimeout(config.serverUrl + config.privacyPath + '/feedback', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      msg.feedback = helpful ? 'yes' : 'no';
      saveState();
      var hadFocus = box.contains(document.activeElement);
      box.textContent = '';
      box.appendChild(el('p', { className: 'fv-feedback-thanks', text: T.thanks }));
      if (hadFocus) { input.focus(); }
    }).catch(function () {
      setStatus(T.errFeedback);
    });
  }

  // ------------------------------------------------------------------ public API (for hosts and tests)
  window.Familieveileder = {
    open: function () { if (panel && panel.hidden) { openPanel(); } },
    close: function () { if (panel && !panel.hidden) { closePanel(); } },
    config: config,
    sessionId: function () { return state.sessionId; },
    _linkify: function (text) { var s = document.createElement('span'); appendRichText(s, text); return s; }
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', build);
  } else {
    build();
  }
})();
