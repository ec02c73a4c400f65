// Live updates: on each "ledger" event from the server, fetch the live section again and swap it in.
(function () {
  "use strict";
  var live = document.getElementById("live");
  var status = document.getElementById("live-status");
  if (!live || !window.EventSource) { return; }
  var busy = false, again = false;

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(live.dataset.live, { headers: { "X-Requested-With": "guarantor" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { live.innerHTML = html; status.textContent = "live"; })
      .catch(function () { status.textContent = "update failed"; })
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }

  var source = new EventSource("/api/stream?after=" + encodeURIComponent(live.dataset.seq || "-1"));
  source.addEventListener("open", function () { status.textContent = "live"; });
  source.addEventListener("error", function () { status.textContent = "reconnecting"; });
  source.addEventListener("ledger", function () { refresh(); });
}());
