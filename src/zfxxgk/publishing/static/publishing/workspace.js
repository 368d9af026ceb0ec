// The body editor's small toolbar: wraps the selected text of the 正文 textarea in the few tags the
// sanitiser keeps (paragraph, sub-heading, bold, list, table, link). The textarea works without
// it (plain text, one paragraph per line); no inline script (CSP: scripts from this site only).
(function () {
  "use strict";
  function insert(area, before, after, placeholder) {
    var start = area.selectionStart, end = area.selectionEnd;
    var chosen = area.value.slice(start, end) || placeholder;
    area.setRangeText(before + chosen + after, start, end, "end");
    area.focus();
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }
  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function listOf(tag, text) {
    var items = text.split(/\n+/).filter(function (line) { return line.trim(); });
    if (!items.length) { items = ["第一项", "第二项"]; }
    return "<" + tag + ">\n" + items.map(function (line) { return "  <li>" + line.trim() + "</li>"; }).join("\n") + "\n</" + tag + ">";
  }
  var TABLE = "<table>\n  <tr><th>项目</th><th>内容</th></tr>\n  <tr><td></td><td></td></tr>\n</table>";
  document.querySelectorAll(".pub-toolbar[data-for]").forEach(function (bar) {
    var area = document.getElementById(bar.getAttribute("data-for"));
    if (!area || typeof area.setRangeText !== "function") { return; }
    bar.hidden = false;
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      var selected = area.value.slice(area.selectionStart, area.selectionEnd);
      if (button.dataset.wrap) {
        insert(area, "<" + button.dataset.wrap + ">", "</" + button.dataset.wrap + ">", "");
      } else if (button.dataset.list) {
        area.setRangeText(listOf(button.dataset.list, selected), area.selectionStart, area.selectionEnd, "end");
        area.focus();
      } else if (button.dataset.table) {
        area.setRangeText(TABLE, area.selectionStart, area.selectionEnd, "end");
        area.focus();
      } else if (button.dataset.link) {
        var url = window.prompt("链接地址（以 https:// 或 / 开头）", "https://");
        if (url && /^(https?:\/\/|\/)/i.test(url)) {
          insert(area, '<a href="' + escapeHtml(url) + '">', "</a>", "链接文字");
        }
      }
    });
  });
})();
