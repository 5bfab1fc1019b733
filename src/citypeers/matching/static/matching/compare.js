// Comparison chart: the city, its peer median and the directory median per feature.
document.addEventListener("DOMContentLoaded", function () {
  var canvas = document.getElementById("comparison-chart");
  var source = document.getElementById("chart-data");
  if (!canvas || !source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.subjectName, data: data.subject, backgroundColor: "#005ea2" },
        { label: "Peer median", data: data.peers, backgroundColor: "#00bde3" },
        { label: "Directory median", data: data.all, backgroundColor: "#a9aeb1" }
      ]
    },
    options: {
      indexAxis: "y",
      maintainAspectRatio: false,
      scales: { x: { title: { display: true, text: "Standard units (0 = directory median)" } } },
      plugins: { legend: { position: "bottom" } }
    }
  });
});
