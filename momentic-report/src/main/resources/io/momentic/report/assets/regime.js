// The regime page's two charts, drawn as inline SVG from the feed embedded in <script id="feed">:
// the close on a log scale coloured by the Viterbi state, and the stacked posterior bands, on one
// time axis (a tick at each new year, or each new month for a short feed).
(function () {
  var feed = JSON.parse(document.getElementById('feed').textContent);
  var s = feed.series, states = feed.model.states, n = s.dates.length;
  var NS = 'http://www.w3.org/2000/svg';
  var LEFT = 64, RIGHT = 990, INK = '#555', GRID = '#e3e3e3';
  var colour = {};
  states.forEach(function (st) { colour[st.name] = st.color; });
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) { e.setAttribute(k, attrs[k]); }
    parent.appendChild(e);
    return e;
  }
  function text(parent, attrs, content) { el('text', attrs, parent).textContent = content; }
  function x(i) { return LEFT + (RIGHT - LEFT) * i / Math.max(1, n - 1); }

  // Time ticks: the first day of each year (of each month when the feed spans under two years).
  var years = {};
  s.dates.forEach(function (d) { years[d.substring(0, 4)] = true; });
  var byYear = Object.keys(years).length > 2;
  var timeTicks = [];
  for (var i = 1; i < n; i++) {
    var key = byYear ? s.dates[i].substring(0, 4) : s.dates[i].substring(0, 7);
    var previous = byYear ? s.dates[i - 1].substring(0, 4) : s.dates[i - 1].substring(0, 7);
    if (key !== previous) { timeTicks.push({i: i, label: key}); }
  }
  function timeAxis(svg, top, bottom) {
    el('line', {x1: LEFT, y1: bottom, x2: RIGHT, y2: bottom, stroke: INK, 'class': 'axis-x'}, svg);
    timeTicks.forEach(function (t) {
      el('line', {x1: x(t.i), y1: top, x2: x(t.i), y2: bottom, stroke: GRID}, svg);
      el('line', {x1: x(t.i), y1: bottom, x2: x(t.i), y2: bottom + 4, stroke: INK}, svg);
      text(svg, {x: x(t.i), y: bottom + 16, 'font-size': 11, fill: INK, 'text-anchor': 'middle', 'class': 'tick-x'},
        t.label);
    });
  }
  function valueAxis(svg, top, bottom, ticks, title) {
    el('line', {x1: LEFT, y1: top, x2: LEFT, y2: bottom, stroke: INK, 'class': 'axis-y'}, svg);
    ticks.forEach(function (t) {
      el('line', {x1: LEFT, y1: t.y, x2: RIGHT, y2: t.y, stroke: GRID}, svg);
      el('line', {x1: LEFT - 4, y1: t.y, x2: LEFT, y2: t.y, stroke: INK}, svg);
      text(svg, {x: LEFT - 7, y: t.y + 4, 'font-size': 11, fill: INK, 'text-anchor': 'end', 'class': 'tick-y'},
        t.label);
    });
    text(svg, {x: 12, y: (top + bottom) / 2, 'font-size': 11, fill: INK, 'text-anchor': 'middle',
      transform: 'rotate(-90 12 ' + (top + bottom) / 2 + ')', 'class': 'axis-title'}, title);
  }
  function money(v) {
    if (v >= 1e6) { return (v / 1e6) + 'M'; }
    if (v >= 1e3) { return (v / 1e3) + 'k'; }
    return String(v);
  }

  // Price: log scale, one polyline per run of the same Viterbi state.
  var price = document.getElementById('price');
  var logs = s.close.map(Math.log), lo = Math.min.apply(null, logs), hi = Math.max.apply(null, logs);
  var PT = 10, PB = 270;
  function y(v) { return PB - (PB - PT) * (v - lo) / Math.max(1e-12, hi - lo); }
  var priceTicks = [];
  for (var e = Math.floor(lo / Math.LN10) - 1; e <= Math.ceil(hi / Math.LN10); e++) {
    [1, 2, 5].forEach(function (m) {
      var v = m * Math.pow(10, e);
      if (Math.log(v) >= lo && Math.log(v) <= hi) { priceTicks.push({y: y(Math.log(v)), label: money(v)}); }
    });
  }
  if (priceTicks.length < 2) { // a narrow range: its two ends
    priceTicks = [lo, hi].map(function (v) { return {y: y(v), label: money(Math.round(Math.exp(v)))}; });
  }
  valueAxis(price, PT, PB, priceTicks, 'close (log)');
  timeAxis(price, PT, PB);
  var start = 0;
  for (var i2 = 1; i2 <= n; i2++) {
    if (i2 === n || s.viterbi[i2] !== s.viterbi[start]) {
      var pts = [];
      for (var j = Math.max(0, start - 1); j < i2; j++) { pts.push(x(j).toFixed(1) + ',' + y(logs[j]).toFixed(1)); }
      el('polyline', {points: pts.join(' '), fill: 'none', stroke: colour[s.viterbi[start]], 'stroke-width': 1.5,
        'data-state': s.viterbi[start]}, price);
      start = i2;
    }
  }

  // Posterior: stacked bands, first state at the bottom, on a 0–1 axis.
  var post = document.getElementById('posterior');
  var QT = 10, QB = 150;
  function q(p) { return QB - (QB - QT) * p; }
  var base = new Array(n).fill(0);
  states.forEach(function (st) {
    var p = s.posterior[st.name], top = [], bottom = [];
    for (var i = 0; i < n; i++) {
      top.push(x(i).toFixed(1) + ',' + q(base[i] + p[i]).toFixed(1));
      bottom.push(x(i).toFixed(1) + ',' + q(base[i]).toFixed(1));
    }
    el('polygon', {points: top.concat(bottom.reverse()).join(' '), fill: st.color, 'fill-opacity': 0.75,
      'data-state': st.name}, post);
    for (var k = 0; k < n; k++) { base[k] += p[k]; }
  });
  valueAxis(post, QT, QB, [0, 0.25, 0.5, 0.75, 1].map(function (p) { return {y: q(p), label: String(p)}; }),
    'probability');
  timeAxis(post, QT, QB);
})();
