/* Demo page only: choose the Rasa server with ?rasa=<url>. Only http(s) URLs on this page's host,
   localhost or 127.0.0.1 are accepted, so a crafted link cannot point the widget at a foreign server. */
(function () {
  'use strict';
  var cfg = window.FamilieveilederConfig = window.FamilieveilederConfig || {};
  var raw = new URLSearchParams(location.search).get('rasa');
  if (!raw) { return; }
  try {
    var u = new URL(raw);
    var okHost = u.hostname === location.hostname || u.hostname === 'localhost' || u.hostname === '127.0.0.1';
    if ((u.protocol === 'http:' || u.protocol === 'https:') && okHost && !u.username && !u.password) {
      cfg.serverUrl = u.origin;
    }
  } catch (e) { /* ignore malformed value */ }
})();
