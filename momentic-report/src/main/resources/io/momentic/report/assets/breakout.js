// The breakout analysis page: candles with the signal bar marked, and the sortable methods table.
(function () {
  const el = document.getElementById('chart');
  const status = document.getElementById('status');
  if (el) {
    const chart = LightweightCharts.createChart(el, {autoSize: true, layout: {background: {color: '#ffffff'}}});
    const candles = chart.addSeries(LightweightCharts.CandlestickSeries, {});
    fetch(el.dataset.src).then(r => { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(d => {
        candles.setData(d.bars.map(b => ({time: b[0], open: b[1], high: b[2], low: b[3], close: b[4]})));
        // Enough decimals for the price (a meme coin trades at 0.000006).
        const last = d.bars.length ? d.bars[d.bars.length - 1][4] : 1;
        const precision = Math.min(12, Math.max(2, Math.ceil(-Math.log10(last)) + 4));
        candles.applyOptions({priceFormat: {type: 'price', precision: precision, minMove: Math.pow(10, -precision)}});
        const at = Number(el.dataset.marker);
        const up = el.dataset.shape === 'arrowUp';
        LightweightCharts.createSeriesMarkers(candles, [{time: at, position: up ? 'belowBar' : 'aboveBar',
          color: up ? '#1b7f3b' : '#b3261e', shape: el.dataset.shape, text: 'signal'}]);
        chart.timeScale().fitContent();
        status.textContent = d.venue + ' · ' + d.interval + ' · ' + d.bars.length + ' bars · signal marked';
        el.dataset.bars = d.bars.length;
      })
      .catch(e => { status.textContent = 'No bars: ' + e.message; });
  }
  // Sort a table by a clicked column: numbers numerically (–, ∞ and % understood), text otherwise.
  const value = t => {
    const s = t.replace(/[%×R]/g, '').trim();
    if (s === '∞') return Infinity;
    if (s === '–' || s === '') return -Infinity;
    const n = parseFloat(s.replace(/\s.*$/, ''));
    return isNaN(n) ? s : n;
  };
  document.querySelectorAll('table.sortable').forEach(table => {
    table.querySelectorAll('th').forEach((th, col) => {
      th.style.cursor = 'pointer';
      th.addEventListener('click', () => {
        const body = table.tBodies[0];
        const desc = th.dataset.dir !== 'desc';
        th.dataset.dir = desc ? 'desc' : 'asc';
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = value(a.cells[col].textContent);
          const y = value(b.cells[col].textContent);
          const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
          return desc ? -c : c;
        });
        rows.forEach(r => body.appendChild(r));
        table.dataset.sorted = col + ':' + th.dataset.dir;
      });
    });
  });
})();
