// Batch audit page: poll progress.json and move the <progress> bar; reload when the batch is
// finished so that the findings appear (CSP: no inline scripts, this file is served by the site).
(function () {
  "use strict";
  var box = document.getElementById("batch-status");
  if (!box || box.dataset.finished === "1") { return; }
  var bar = document.getElementById("batch-progress");
  var done = document.getElementById("batch-done");
  var state = document.getElementById("batch-state");
  var url = box.dataset.progressUrl;
  var delay = 1500;

  function row(r) {
    var tr = document.getElementById("file-" + r.id);
    if (!tr || r.read_ok === null) { return; }
    var read = tr.querySelector("td.read");
    if (r.read_ok) {
      read.textContent = "已读取";
      tr.querySelector("td.agency").textContent = (r.agency_name || "（未写明机关）") + (r.on_platform ? "（平台机关）" : "（未上平台）");
      tr.querySelector("td.year").textContent = r.year || "";
      tr.querySelector("td.errors").textContent = r.errors;
      tr.querySelector("td.warnings").textContent = r.warnings;
    } else {
      tr.className = "unread";
      read.textContent = "无法读取：" + r.error;
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (resp) { if (!resp.ok) { throw new Error(resp.status); } return resp.json(); })
      .then(function (data) {
        bar.max = Math.max(data.total, 1);
        bar.value = data.done;
        bar.textContent = data.done + " / " + data.total;
        done.textContent = data.done;
        state.textContent = data.state_display;
        state.className = "tag batch-" + data.state;
        var waiting = document.getElementById("batch-waiting");
        if (waiting && data.state !== "queued") { waiting.hidden = true; }
        data.reports.forEach(row);
        if (data.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () { window.setTimeout(poll, delay * 2); });
  }
  window.setTimeout(poll, delay);
}());
