// A sweep's heat map on a canvas, for grids too large for a table: one cell per (x, y) value pair,
// coloured red (worst) through pale yellow to green (best) as the table's cells are, the winner
// outlined, and a tip with the parameters and the value under the pointer.
// Data: the #heatmap-data script element (SweepReportView.canvasJson).
(function () {
  const doc = JSON.parse(document.getElementById('heatmap-data').textContent);
  const canvas = document.getElementById('heatmap-canvas');
  const tip = document.getElementById('heatmap-tip');
  const nx = doc.xs.length, ny = doc.ys.length;
  const left = 64, top = 8, bottom = 40, right = 8;
  const width = canvas.clientWidth || 1000;
  const cellW = Math.max(1, Math.floor((width - left - right) / nx));
  const cellH = Math.max(1, Math.min(24, Math.floor(560 / ny)));
  canvas.width = left + right + cellW * nx;
  canvas.height = top + bottom + cellH * ny;
  const ctx = canvas.getContext('2d');
  let lo = Infinity, hi = -Infinity;
  doc.values.forEach(v => { if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
  function colour(f) { // the same scale as SweepReportView.color
    let r, g;
    if (f < 0.5) { r = 230; g = Math.round(120 + 2 * f * 110); } else { r = Math.round(230 - 2 * (f - 0.5) * 150); g = 230 - Math.round(2 * (f - 0.5) * 40); }
    return 'rgb(' + r + ',' + g + ',120)';
  }
  let drawn = 0;
  for (let i = 0; i < ny; i++) {
    for (let j = 0; j < nx; j++) {
      const v = doc.values[i * nx + j];
      if (v === null) continue;
      ctx.fillStyle = colour(hi > lo ? (v - lo) / (hi - lo) : 0.5);
      ctx.fillRect(left + j * cellW, top + (ny - 1 - i) * cellH, cellW, cellH); // y grows upwards
      drawn++;
    }
  }
  const [bi, bj] = doc.best;
  ctx.strokeStyle = '#1d232a';
  ctx.lineWidth = 2;
  ctx.strokeRect(left + bj * cellW - 1, top + (ny - 1 - bi) * cellH - 1, cellW + 2, cellH + 2);
  ctx.fillStyle = '#555';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  const xStep = Math.max(1, Math.ceil(nx / 12));
  for (let j = 0; j < nx; j += xStep) {
    ctx.fillText(doc.xs[j], left + (j + 0.5) * cellW, top + ny * cellH + 14);
  }
  ctx.fillText(doc.x, left + nx * cellW / 2, top + ny * cellH + 32);
  ctx.textAlign = 'right';
  const yStep = Math.max(1, Math.ceil(ny / 12));
  if (doc.y !== null) {
    for (let i = 0; i < ny; i += yStep) {
      ctx.fillText(doc.ys[i], left - 6, top + (ny - 1 - i + 0.5) * cellH + 4);
    }
    ctx.save();
    ctx.translate(14, top + ny * cellH / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText(doc.y, 0, 0);
    ctx.restore();
  }
  canvas.addEventListener('mousemove', e => {
    const box = canvas.getBoundingClientRect();
    const px = (e.clientX - box.left) * canvas.width / box.width;
    const py = (e.clientY - box.top) * canvas.height / box.height;
    const j = Math.floor((px - left) / cellW), i = ny - 1 - Math.floor((py - top) / cellH);
    const v = j >= 0 && j < nx && i >= 0 && i < ny ? doc.values[i * nx + j] : null;
    if (v === null) { tip.hidden = true; return; }
    tip.textContent = doc.x + '=' + doc.xs[j] + (doc.y !== null ? ', ' + doc.y + '=' + doc.ys[i] : '') + ': '
      + doc.objective + ' ' + (doc.minimize ? -v : v).toFixed(3);
    tip.style.left = (e.clientX - box.left + 12) + 'px';
    tip.style.top = (e.clientY - box.top + 12) + 'px';
    tip.hidden = false;
  });
  canvas.addEventListener('mouseleave', () => { tip.hidden = true; });
  canvas.dataset.cells = drawn;
  canvas.dataset.columns = nx;
  canvas.dataset.rows = ny;
})();
