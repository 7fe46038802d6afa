// The runs notebook: sort by a heading (again to reverse), filter by text, compare the ticked runs.
(function () {
  var table = document.getElementById('runs');
  var body = table.tBodies[0];
  var filter = document.getElementById('filter');
  var compare = document.getElementById('compare');
  var shown = document.getElementById('shown');
  function rows() { return Array.prototype.slice.call(body.rows); }
  function refresh() {
    var visible = rows().filter(function (r) { return !r.hidden; }).length;
    shown.textContent = visible + ' of ' + body.rows.length + ' runs';
    var picked = table.querySelectorAll('input.pick:checked').length;
    compare.disabled = picked < 2;
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    var key = th.dataset.key;
    if (!key) { return; }
    th.style.cursor = 'pointer';
    th.addEventListener('click', function () {
      var descending = th.dataset.order !== 'desc';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { delete h.dataset.order; });
      th.dataset.order = descending ? 'desc' : 'asc';
      var sorted = rows().sort(function (a, b) {
        var x = a.cells[column], y = b.cells[column];
        if (key === 'num') {
          var u = x.dataset.sort, v = y.dataset.sort;
          if (u === '' || v === '') { return (u === '') - (v === ''); } // missing numbers last
          return descending ? Number(v) - Number(u) : Number(u) - Number(v);
        }
        var c = x.textContent.localeCompare(y.textContent);
        return descending ? -c : c;
      });
      sorted.forEach(function (r) { body.appendChild(r); });
    });
  });
  filter.addEventListener('input', function () {
    var words = filter.value.toLowerCase().split(/\s+/).filter(function (w) { return w; });
    rows().forEach(function (r) {
      var text = r.textContent.toLowerCase() + ' ' + r.querySelector('.params').title.toLowerCase();
      r.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    refresh();
  });
  table.addEventListener('change', refresh);
  compare.addEventListener('click', function () {
    var ids = Array.prototype.map.call(table.querySelectorAll('input.pick:checked'), function (c) { return c.value; });
    location.href = '/compare?runs=' + ids.map(encodeURIComponent).join(',');
  });
  refresh();
})();
