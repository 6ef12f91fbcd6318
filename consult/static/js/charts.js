// Draws the Plotly charts whose data the page carries as JSON, one chart per task, so the
// first chart shows while the others are drawn and the page stays responsive.
// Charts in or near the screen are drawn at once; those further down only when they come
// within a screen's height of it (IntersectionObserver), so a first visit spends its time
// on what can be seen. Before printing every chart is drawn. Without IntersectionObserver
// all are drawn in order. The tables beside them hold the same numbers, so the page works
// without this script, and a chart not yet drawn leaves nothing missing.
// Static charts: no zoom or hover layers to build (the numbers are in the tables).
(function () {
  performance.mark("charts-start");
  var waiting = Array.prototype.slice.call(document.querySelectorAll("script.chart-data"))
    .filter(function (data) { return document.getElementById(data.dataset.target); });
  var queue = [];
  var busy = false;

  function draw(data) {
    var target = document.getElementById(data.dataset.target);
    if (window.Plotly && !target.dataset.drawn) {
      target.dataset.drawn = "1";
      var figure = JSON.parse(data.textContent);
      window.Plotly.newPlot(target, figure.data, figure.layout, {staticPlot: true, responsive: true});
    }
  }
  function drawNext() {
    var data = queue.shift();
    if (!data) {
      busy = false;
      markInView();
      if (!waiting.length) { performance.mark("charts-drawn"); }
      return;
    }
    draw(data);
    setTimeout(drawNext, 0);
  }
  // Once: every chart in or near the first screen is drawn, so the page is ready.
  function markInView() {
    if (!performance.getEntriesByName("charts-in-view").length) {
      performance.mark("charts-in-view");
    }
  }
  function enqueue(data) {
    var index = waiting.indexOf(data);
    if (index < 0) { return; }
    waiting.splice(index, 1);
    queue.push(data);
    if (!busy) { busy = true; drawNext(); }
  }
  window.addEventListener("beforeprint", function () {
    waiting.concat(queue).forEach(draw);
  });
  if (!("IntersectionObserver" in window)) {
    waiting.slice().forEach(enqueue);
    return;
  }
  var byTarget = {};
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        enqueue(byTarget[entry.target.id]);
      }
    });
    if (!busy) { markInView(); }  // no chart near the first screen
  }, {rootMargin: "100% 0px"});
  waiting.forEach(function (data) {
    byTarget[data.dataset.target] = data;
    observer.observe(document.getElementById(data.dataset.target));
  });
})();
