// Draws the plotly charts whose figures the page carries as JSON (no data leaves the page).
(function () {
  "use strict";
  if (!window.Plotly) return;
  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var data = document.getElementById(element.getAttribute("data-chart") + "-data");
    if (!data) return;
    var figure = JSON.parse(JSON.parse(data.textContent));
    window.Plotly.newPlot(element, figure.data, figure.layout, {
      displayModeBar: false,
      responsive: true,
    }).then(function () {
      // The chart is an image with a text summary: keep its inner SVG out of the reading order.
      element.querySelectorAll("svg").forEach(function (svg) {
        svg.setAttribute("aria-hidden", "true");
        svg.setAttribute("focusable", "false");
      });
      element.setAttribute("data-drawn", "true");
    });
  });
})();
