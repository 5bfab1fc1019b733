// Draws a small locator map on a profile: the state's outline (us-atlas states-10m.json via
// topojson-client) and a dot at the place's latitude/longitude (d3-geo). Without JavaScript,
// the libraries or the atlas file, the figure keeps its text fallback.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 320;
  var HEIGHT = 220;

  function element(name, attributes) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }

  function draw(figure, atlas) {
    var lat = parseFloat(figure.dataset.lat);
    var lon = parseFloat(figure.dataset.lon);
    var fips = figure.dataset.stateFips;
    var states = window.topojson.feature(atlas, atlas.objects.states).features;
    var state = states.find(function (feature) { return feature.id === fips; });
    if (!state) { return; }
    var centre = window.d3.geoCentroid(state);
    // A transverse Mercator centred on the state keeps every state (Alaska too) undistorted.
    var projection = window.d3.geoTransverseMercator()
      .rotate([-centre[0], -centre[1]])
      .fitExtent([[8, 8], [WIDTH - 8, HEIGHT - 8]], state);
    var path = window.d3.geoPath(projection);
    var label = figure.dataset.label || "";
    var svg = element("svg", {
      viewBox: "0 0 " + WIDTH + " " + HEIGHT, role: "img", "aria-labelledby": "location-map-title"
    });
    var title = element("title", { id: "location-map-title" });
    title.textContent = "Map of " + label + " within its state";
    svg.appendChild(title);
    svg.appendChild(element("path", { d: path(state), "class": "cp-map-state" }));
    var point = projection([lon, lat]);
    if (point && isFinite(point[0]) && isFinite(point[1])) {
      svg.appendChild(element("circle", { cx: point[0], cy: point[1], r: 6, "class": "cp-map-dot" }));
    }
    figure.insertBefore(svg, figure.firstChild);
    var caption = figure.querySelector(".cp-map-fallback");
    if (caption) { caption.classList.add("usa-sr-only"); }
  }

  function start() {
    var figure = document.getElementById("location-map");
    if (!figure || !figure.dataset.lat || !window.d3 || !window.d3.geoPath || !window.topojson) { return; }
    fetch(figure.dataset.atlas, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (atlas) { draw(figure, atlas); })
      .catch(function () { /* keep the text fallback */ });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
