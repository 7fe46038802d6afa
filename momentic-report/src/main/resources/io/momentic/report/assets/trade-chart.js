// A run's trades on its prices, like backtesting.py's plot: candles with volume and the strategy's
// price-scale features, an arrow at every entry and exit (hover for size, price, P&L and reason),
// and the equity curve below on the same time axis with its peak and its deepest drawdown marked.
// Data: the run's chart.json, inline in a #chart-data script element or named by the chart element's data-src.
(function () {
  const el = document.getElementById('chart');
  const status = document.getElementById('status');
  const LWC = LightweightCharts;
  const colours = ['#e37400', '#8430ce', '#007b83', '#c5221f', '#188038'];
  el.style.height = '680px';
  const tip = document.createElement('div');
  tip.id = 'trade-tip';
  tip.style.cssText = 'position:absolute;z-index:3;display:none;background:#fff;border:1px solid #c9ced4;'
    + 'padding:4px 8px;font-size:12px;pointer-events:none;white-space:nowrap';
  el.style.position = 'relative';
  el.appendChild(tip);
  // A self-contained report carries its chart.json in the page; the server's chart page fetches it.
  const inline = document.getElementById('chart-data');
  (inline ? Promise.resolve(JSON.parse(inline.textContent))
    : fetch(el.dataset.src).then(r => { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); }))
    .then(doc => {
      const picker = document.createElement('p');
      picker.id = 'symbols';
      el.parentNode.insertBefore(picker, el);
      let chart = null;
      function money(v) { return v.toLocaleString('en-US', {maximumFractionDigits: 2}); }
      function draw(symbol) {
        if (chart) { chart.remove(); }
        chart = LWC.createChart(el, {autoSize: true, layout: {panes: {separatorColor: '#c9ced4'}}});
        const sym = doc.symbols.find(s => s.symbol === symbol);
        const candles = chart.addSeries(LWC.CandlestickSeries, {upColor: '#188038', downColor: '#c5221f',
          borderVisible: false, wickUpColor: '#188038', wickDownColor: '#c5221f'}, 0);
        candles.setData(sym.candles.map(c => ({time: c[0], open: c[1], high: c[2], low: c[3], close: c[4]})));
        const volume = chart.addSeries(LWC.HistogramSeries, {priceFormat: {type: 'volume'}, priceScaleId: 'volume',
          color: 'rgba(91,101,112,0.35)'}, 0);
        volume.priceScale().applyOptions({scaleMargins: {top: 0.8, bottom: 0}});
        volume.setData(sym.candles.map(c => ({time: c[0], value: c[5]})));
        Object.keys(sym.features).forEach((name, i) => {
          const line = chart.addSeries(LWC.LineSeries, {color: colours[i % colours.length], lineWidth: 1,
            title: name, priceLineVisible: false, lastValueVisible: false}, 0);
          line.setData(sym.features[name].map(p => ({time: p[0], value: p[1]})));
        });
        // Marker times must be candle times: a merged candle carries its last bar's time.
        const candleTimes = sym.candles.map(c => c[0]);
        function candleTime(t) {
          let lo = 0, hi = candleTimes.length - 1;
          while (lo < hi) { const mid = (lo + hi) >> 1; if (candleTimes[mid] < t) lo = mid + 1; else hi = mid; }
          return candleTimes[lo];
        }
        const trades = doc.trades.filter(t => t.symbol === symbol);
        const markers = [];
        const byTime = {};
        trades.forEach(t => {
          const long = t.side === 'long';
          const at = candleTime(t.entry_time);
          markers.push({time: at, position: long ? 'belowBar' : 'aboveBar', color: long ? '#0b57d0' : '#8430ce',
            shape: long ? 'arrowUp' : 'arrowDown', text: long ? 'L' : 'S'});
          (byTime[at] = byTime[at] || []).push('enter ' + t.side + ' ' + money(t.quantity) + ' @ '
            + money(t.entry_price) + (t.entry_reason ? ' (' + t.entry_reason + ')' : ''));
          if (!t.open) {
            const out = candleTime(t.exit_time);
            markers.push({time: out, position: long ? 'aboveBar' : 'belowBar', color: t.pnl >= 0 ? '#188038' : '#c5221f',
              shape: 'circle', text: (t.pnl >= 0 ? '+' : '') + t.return_pct.toFixed(1) + '%'});
            (byTime[out] = byTime[out] || []).push('exit ' + t.side + ' ' + money(t.quantity) + ' @ '
              + money(t.exit_price) + ': P&L ' + money(t.pnl) + ' (' + t.return_pct.toFixed(2) + '%)'
              + (t.exit_reason ? ', ' + t.exit_reason : ''));
          }
        });
        markers.sort((a, b) => a.time - b.time);
        LWC.createSeriesMarkers(candles, markers);
        const equity = chart.addSeries(LWC.LineSeries, {color: '#0b57d0', lineWidth: 2, title: 'equity'}, 1);
        equity.setData(doc.equity.map(p => ({time: p[0], value: p[1]})));
        function equityTime(t) { // the equity point at or after t (points are candle times too)
          const pts = doc.equity;
          let lo = 0, hi = pts.length - 1;
          while (lo < hi) { const mid = (lo + hi) >> 1; if (pts[mid][0] < t) lo = mid + 1; else hi = mid; }
          return pts[lo][0];
        }
        const dd = doc.max_drawdown;
        const equityMarks = [{time: equityTime(doc.peak.time), position: 'aboveBar', color: '#188038',
          shape: 'circle', text: 'peak ' + money(doc.peak.equity)}];
        if (dd.depth_pct < 0) {
          equityMarks.push({time: equityTime(dd.peak_time), position: 'aboveBar', color: '#c5221f', shape: 'arrowDown',
            text: 'max DD from here'});
          equityMarks.push({time: equityTime(dd.valley_time), position: 'belowBar', color: '#c5221f', shape: 'arrowUp',
            text: 'max DD ' + dd.depth_pct.toFixed(1) + '%'});
        }
        equityMarks.sort((a, b) => a.time - b.time);
        LWC.createSeriesMarkers(equity, equityMarks);
        const panes = chart.panes();
        if (panes.length > 1) { panes[0].setHeight(470); }
        chart.timeScale().fitContent();
        chart.subscribeCrosshairMove(param => {
          const lines = param.time !== undefined ? byTime[param.time] : null;
          if (!lines || !param.point) { tip.style.display = 'none'; return; }
          tip.textContent = '';
          lines.forEach(l => { const d = document.createElement('div'); d.textContent = l; tip.appendChild(d); });
          tip.style.left = Math.min(param.point.x + 12, el.clientWidth - 260) + 'px';
          tip.style.top = (param.point.y + 12) + 'px';
          tip.style.display = 'block';
        });
        el.dataset.symbol = symbol;
        el.dataset.points = doc.equity.length;
        el.dataset.trades = trades.length;
        el.dataset.entries = trades.length;
        el.dataset.exits = trades.filter(t => !t.open).length;
        el.dataset.markers = markers.length;
        status.textContent = symbol + ': ' + sym.candles.length + ' candles' + (doc.bars_per_candle > 1
          ? ' (' + doc.bars_per_candle + ' bars each)' : '') + ', ' + trades.length + ' trades; '
          + Object.keys(sym.features).length + ' features. Hover a marker for the trade.';
      }
      doc.symbols.forEach(s => {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = s.symbol;
        b.dataset.symbol = s.symbol;
        b.addEventListener('click', () => draw(s.symbol));
        picker.appendChild(b);
      });
      if (doc.symbols.length < 2) { picker.hidden = true; }
      draw(doc.symbols[0].symbol);
    })
    .catch(e => { status.textContent = 'No chart: ' + e.message; });
})();
