// Draws the Plotly charts whose data the results page carries as JSON.
// The tables beside them hold the same numbers, so the page works without this script.
document.querySelectorAll("script.chart-data").forEach(function (data) {
  var target = document.getElementById(data.dataset.target);
  if (!target || !window.Plotly) { return; }
  var figure = JSON.parse(data.textContent);
  window.Plotly.newPlot(target, figure.data, figure.layout, {displayModeBar: false, responsive: true});
});
