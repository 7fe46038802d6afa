// A run's equity curve from the JSON API named by the chart element's data-src.
(function () {
  const el = document.getElementById('chart');
  const status = document.getElementById('status');
  const chart = LightweightCharts.createChart(el, {autoSize: true});
  const equity = chart.addSeries(LightweightCharts.LineSeries, {color: '#0b57d0', lineWidth: 2, title: 'equity'});
  fetch(el.dataset.src).then(r => { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
    .then(d => {
      equity.setData(d.equity.map(p => ({time: p[0], value: p[1]})));
      chart.timeScale().fitContent();
      status.textContent = d.equity.length + ' points';
      el.dataset.points = d.equity.length;
    })
    .catch(e => { status.textContent = 'No equity: ' + e.message; });
})();
