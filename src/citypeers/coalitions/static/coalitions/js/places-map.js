// Draws a small US map (us-atlas states-10m.json via topojson-client, Albers USA via d3-geo)
// with a dot per place listed in the figure's JSON script. Without JavaScript, the libraries or
// the atlas file, the figure keeps its caption and the table beside it says the same.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 480;
  var HEIGHT = 300;

  function element(name, attributes) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }

  function draw(figure, atlas, places) {
    var states = window.topojson.feature(atlas, atlas.objects.states);
    var projection = window.d3.geoAlbersUsa().fitExtent([[4, 4], [WIDTH - 4, HEIGHT - 4]], states);
    var path = window.d3.geoPath(projection);
    var svg = element("svg", { viewBox: "0 0 " + WIDTH + " " + HEIGHT, role: "img",
                               "aria-labelledby": figure.id + "-title" });
    var title = element("title", { id: figure.id + "-title" });
    title.textContent = figure.dataset.label || "Map";
    svg.appendChild(title);
    states.features.forEach(function (feature) {
      svg.appendChild(element("path", { d: path(feature), "class": "cp-map-state" }));
    });
    places.forEach(function (place) {
      var point = projection([place.lon, place.lat]);
      if (!point) { return; }
      var dot = element("circle", { cx: point[0], cy: point[1], r: place.origin ? 7 : 5,
                                    "class": place.origin ? "cp-map-dot cp-map-dot--origin" : "cp-map-dot" });
      var tip = element("title", {});
      tip.textContent = place.name + ", " + place.state + " (" + place.stage + ")";
      dot.appendChild(tip);
      svg.appendChild(dot);
    });
    figure.insertBefore(svg, figure.firstChild);
  }

  function start() {
    var figures = document.querySelectorAll(".cp-places-map");
    if (!figures.length || !window.d3 || !window.d3.geoPath || !window.topojson) { return; }
    figures.forEach(function (figure) {
      var data = document.getElementById(figure.id + "-places");
      var places = data ? JSON.parse(data.textContent) : [];
      fetch(figure.dataset.atlas, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (atlas) { draw(figure, atlas, places); })
        .catch(function () { /* keep the caption */ });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
