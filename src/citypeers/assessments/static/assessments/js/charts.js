/* Charts for assessment pages. Data comes from <script type="application/json"> blocks
   (Django's json_script), so no inline script is needed under the CSP. */
(function () {
  "use strict";
  var palette = ["#005ea2", "#00a91c", "#e5a000", "#d54309", "#8168b3", "#1a4480"];

  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function areaChart(canvas) {
    var data = readJSON(canvas.dataset.source);
    if (!data) { return; }
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          var isMedian = s.label.indexOf("Peer median") === 0;
          return {
            label: s.label, data: s.data,
            backgroundColor: isMedian ? "rgba(229,160,0,0.35)" : palette[i],
            borderColor: isMedian ? "#e5a000" : palette[i], borderWidth: isMedian ? 2 : 0
          };
        })
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { min: 0, max: 100, title: { display: true, text: "% of points" } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }

  function progressChart(canvas) {
    var data = readJSON(canvas.dataset.source);
    if (!data || !data.series.length) { return; }
    var cycles = [];
    data.series.forEach(function (s) { s.cycles.forEach(function (c) { if (cycles.indexOf(c) < 0) { cycles.push(c); } }); });
    cycles.sort();
    var datasets = [];
    data.series.forEach(function (s, i) {
      function align(values) { return cycles.map(function (c) { var at = s.cycles.indexOf(c); return at < 0 ? null : values[at]; }); }
      datasets.push({ label: s.label + " (self-assessed)", data: align(s.self), borderColor: palette[i * 2], backgroundColor: palette[i * 2], spanGaps: true });
      if (s.validated.some(function (v) { return v !== null; })) {
        datasets.push({ label: s.label + " (validated)", data: align(s.validated), borderColor: palette[i * 2 + 1], backgroundColor: palette[i * 2 + 1], borderDash: [6, 4], spanGaps: true });
      }
    });
    new Chart(canvas, {
      type: "line",
      data: { labels: cycles, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { min: 0, max: 100, title: { display: true, text: "% of points" } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }

  function distributionChart(canvas) {
    var data = readJSON(canvas.dataset.source);
    if (!data) { return; }
    var index = parseInt(canvas.dataset.index || "0", 10);
    var s = data.series[index];
    new Chart(canvas, {
      type: "bar",
      data: { labels: s.labels, datasets: [{ label: "Cities", data: s.data, backgroundColor: palette[0] }] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: false } }
      }
    });
  }

  function init() {
    if (typeof Chart === "undefined") { return; }
    document.querySelectorAll("canvas[data-chart='areas']").forEach(areaChart);
    document.querySelectorAll("canvas[data-chart='progress']").forEach(progressChart);
    document.querySelectorAll("canvas[data-chart='distribution']").forEach(distributionChart);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
