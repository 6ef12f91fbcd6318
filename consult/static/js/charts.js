// Draws the Plotly charts whose data the page carries as JSON, one chart per task, so the
// first chart shows while the others are drawn and the page stays responsive.
// The tables beside them hold the same numbers, so the page works without this script.
// Static charts: no zoom or hover layers to build (the numbers are in the tables).
(function () {
  performance.mark("charts-start");
  var pending = Array.prototype.slice.call(document.querySelectorAll("script.chart-data"));
  function drawNext() {
    var data = pending.shift();
    if (!data) { performance.mark("charts-drawn"); return; }
    var target = document.getElementById(data.dataset.target);
    if (target && window.Plotly) {
      var figure = JSON.parse(data.textContent);
      window.Plotly.newPlot(target, figure.data, figure.layout, {staticPlot: true, responsive: true});
    }
    setTimeout(drawNext, 0);
  }
  drawNext();
})();
