// The regime page's two charts, drawn as inline SVG from the feed embedded in <script id="feed">.
(function () {
  var feed = JSON.parse(document.getElementById('feed').textContent);
  var s = feed.series, states = feed.model.states, n = s.dates.length;
  var NS = 'http://www.w3.org/2000/svg';
  var colour = {};
  states.forEach(function (st) { colour[st.name] = st.color; });
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) { e.setAttribute(k, attrs[k]); }
    parent.appendChild(e);
    return e;
  }
  function x(i) { return 40 + 950 * i / Math.max(1, n - 1); }
  // Price: log scale, one polyline per run of the same Viterbi state.
  var price = document.getElementById('price');
  var logs = s.close.map(Math.log), lo = Math.min.apply(null, logs), hi = Math.max.apply(null, logs);
  function y(v) { return 280 - 260 * (v - lo) / Math.max(1e-12, hi - lo); }
  var start = 0;
  for (var i = 1; i <= n; i++) {
    if (i === n || s.viterbi[i] !== s.viterbi[start]) {
      var pts = [];
      for (var j = Math.max(0, start - 1); j < i; j++) { pts.push(x(j).toFixed(1) + ',' + y(logs[j]).toFixed(1)); }
      el('polyline', {points: pts.join(' '), fill: 'none', stroke: colour[s.viterbi[start]], 'stroke-width': 1.5,
        'data-state': s.viterbi[start]}, price);
      start = i;
    }
  }
  [lo, hi].forEach(function (v) {
    el('text', {x: 2, y: y(v) + 4, 'font-size': 11, fill: '#555'}, price).textContent = Math.round(Math.exp(v));
  });
  el('text', {x: 40, y: 296, 'font-size': 11, fill: '#555'}, price).textContent = s.dates[0];
  el('text', {x: 990, y: 296, 'font-size': 11, fill: '#555', 'text-anchor': 'end'}, price).textContent = s.dates[n - 1];
  // Posterior: stacked bands, first state at the bottom.
  var post = document.getElementById('posterior');
  var base = new Array(n).fill(0);
  states.forEach(function (st) {
    var p = s.posterior[st.name], top = [], bottom = [];
    for (var i = 0; i < n; i++) {
      top.push(x(i).toFixed(1) + ',' + (150 - 140 * (base[i] + p[i])).toFixed(1));
      bottom.push(x(i).toFixed(1) + ',' + (150 - 140 * base[i]).toFixed(1));
    }
    el('polygon', {points: top.concat(bottom.reverse()).join(' '), fill: st.color, 'fill-opacity': 0.75,
      'data-state': st.name}, post);
    for (var k = 0; k < n; k++) { base[k] += p[k]; }
  });
})();
