// Overlaid equity curves of the compared runs, each rebased to 100 at its first point.
(function () {
  var el = document.getElementById('chart');
  var status = document.getElementById('status');
  var colours = ['#0b57d0', '#c5221f', '#188038', '#e37400', '#8430ce', '#007b83'];
  var sources = el.dataset.sources.trim().split(/\s+/).filter(function (s) { return s; }).map(function (s) {
    var bar = s.indexOf('|');
    return {id: s.substring(0, bar), url: s.substring(bar + 1)};
  });
  var chart = LightweightCharts.createChart(el, {autoSize: true});
  if (sources.length === 0) {
    status.textContent = 'None of these runs has an equity curve.';
    el.dataset.series = 0;
    return;
  }
  Promise.all(sources.map(function (s) {
    return fetch(s.url).then(function (r) { if (!r.ok) { throw new Error(s.id + ': HTTP ' + r.status); } return r.json(); });
  })).then(function (docs) {
    docs.forEach(function (d, i) {
      var first = d.equity.length ? d.equity[0][1] : 1;
      var line = chart.addSeries(LightweightCharts.LineSeries, {color: colours[i % colours.length], lineWidth: 2,
        title: sources[i].id});
      line.setData(d.equity.map(function (p) { return {time: p[0], value: 100 * p[1] / first}; }));
    });
    chart.timeScale().fitContent();
    status.textContent = docs.length + ' equity curves';
    el.dataset.series = docs.length;
  }).catch(function (e) { status.textContent = 'No equity: ' + e.message; });
})();
