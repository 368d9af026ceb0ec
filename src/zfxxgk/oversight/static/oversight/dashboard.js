/* The oversight dashboard's charts, drawn by Apache ECharts from the page's JSON (json_script
   #oversight-charts). Every number is also in the chart box's data- attributes and in the table
   under each chart, so the page reads the same without this script. */
(function () {
  "use strict";
  var source = document.getElementById("oversight-charts");
  if (!source || typeof window.echarts === "undefined") { return; }
  var charts = JSON.parse(source.textContent);
  var palette = ["#9e1b1b", "#0b4f9c", "#1d6b2f", "#8a5a00", "#6a3d9a", "#2f4f8f", "#555555"];
  var drawn = [];

  function option(chart) {
    var base = { color: palette, animation: false, textStyle: { fontFamily: "Noto Sans CJK SC, sans-serif" },
                 aria: { enabled: true }, tooltip: { trigger: chart.kind === "pie" ? "item" : "axis" } };
    if (chart.kind === "pie") {
      base.legend = { bottom: 0, type: "scroll" };
      base.series = [{ type: "pie", radius: ["35%", "65%"], center: ["50%", "45%"],
        label: { formatter: "{b}\n{c}" + chart.unit },
        data: chart.labels.map(function (label, i) {
          var item = { name: label, value: chart.values[i] };
          if (chart.colors) { item.itemStyle = { color: chart.colors[i] }; }
          return item;
        })
          .filter(function (d) { return d.value > 0; }) }];
      return base;
    }
    var horizontal = chart.key === "overdue";
    var cats = { type: "category", data: chart.labels, axisLabel: { interval: 0, width: 140, overflow: "truncate" } };
    var nums = { type: "value", minInterval: 1, name: chart.unit };
    base.grid = { left: horizontal ? 150 : 50, right: 30, top: 30, bottom: 30 };
    base.xAxis = horizontal ? nums : cats;
    base.yAxis = horizontal ? Object.assign({}, cats, { inverse: true }) : nums;
    base.series = [{ type: "bar", data: chart.values, barMaxWidth: 36, label: { show: true, position: horizontal ? "right" : "top" } }];
    return base;
  }

  charts.forEach(function (chart) {
    var box = document.getElementById("chart-" + chart.key);
    if (!box) { return; }
    if (!chart.values.some(function (v) { return v > 0; })) {
      box.classList.add("ov-empty");
      box.textContent = "暂无数据";
      return;
    }
    if (chart.key === "overdue") { box.style.height = Math.max(220, 40 + 32 * chart.labels.length) + "px"; }
    var instance = window.echarts.init(box, null, { renderer: "svg" });
    instance.setOption(option(chart));
    box.setAttribute("data-drawn", "true");
    drawn.push(instance);
  });
  window.addEventListener("resize", function () { drawn.forEach(function (c) { c.resize(); }); });
}());
