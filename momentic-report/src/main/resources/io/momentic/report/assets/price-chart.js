// Candles with SMA50 and SMA200 from the JSON API named by the chart element's data-src.
(function () {
  const el = document.getElementById('chart');
  const status = document.getElementById('status');
  const chart = LightweightCharts.createChart(el, {autoSize: true, layout: {background: {color: '#ffffff'}},
    rightPriceScale: {mode: LightweightCharts.PriceScaleMode.Logarithmic}});
  const candles = chart.addSeries(LightweightCharts.CandlestickSeries, {});
  const fast = chart.addSeries(LightweightCharts.LineSeries, {color: '#0b57d0', lineWidth: 2, title: 'SMA50'});
  const slow = chart.addSeries(LightweightCharts.LineSeries, {color: '#b3261e', lineWidth: 2, title: 'SMA200'});
  fetch(el.dataset.src).then(r => { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
    .then(d => {
      candles.setData(d.bars.map(b => ({time: b[0], open: b[1], high: b[2], low: b[3], close: b[4]})));
      fast.setData(d.sma50.map(p => ({time: p[0], value: p[1]})));
      slow.setData(d.sma200.map(p => ({time: p[0], value: p[1]})));
      chart.timeScale().fitContent();
      status.textContent = d.venue + ' · ' + d.interval + ' · ' + d.bars.length + ' bars';
      el.dataset.bars = d.bars.length;
    })
    .catch(e => { status.textContent = 'No bars: ' + e.message; });
})();
