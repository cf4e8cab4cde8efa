/**
 * The HTML report's browser script (plain ES2017, no imports): reads the embedded
 * `#bt-data` JSON, draws the price, equity and drawdown charts with the inlined uPlot (shared
 * time axis, synced cursor and zoom, resized with the window, trade markers drawn in a hook),
 * and makes the trades table sortable by clicking a column header. Clicking a trade zooms the
 * charts to it. Kept as source text because it runs in the page, not in Node.
 *
 * Data contract (built by `html.ts`): times in epoch seconds (uPlot's unit); `price.ys[0]` is
 * the close and the rest are overlay indicators; `equity.ys` = [strategy, buy & hold,
 * underwater fraction ≤ 0]; `fills` and `spans` are columns, one entry per fill or trade.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('bt-data').textContent);
  var C = data.colours;
  var bodyFont = getComputedStyle(document.body).fontFamily;
  var AXIS_FONT = '11px ' + bodyFont;
  var Y_AXIS_SIZE = 70;
  var charts = [];

  function utc(ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'); }
  var formatDate = uPlot.fmtDate(data.intraday ? '{YYYY}-{MM}-{DD} {HH}:{mm}' : '{YYYY}-{MM}-{DD}');
  function money(v) { return grouped(v, 2); }
  function price(v) {
    var a = Math.abs(v);
    return grouped(v, a >= 100 ? 2 : a >= 1 ? 4 : 6);
  }
  function percent(v, digits) { return v == null ? '--' : (v * 100).toFixed(digits) + '%'; }
  function decimalsFor(step) { return step >= 1 || !(step > 0) ? 0 : Math.min(8, Math.ceil(-Math.log10(step) - 1e-9)); }
  function grouped(v, digits) { return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }); }
  function stepOf(splits) { return splits.length > 1 ? Math.abs(splits[1] - splits[0]) : 1; }
  // Axis labels with as many decimals as the tick step needs, in one unit per axis.
  function plainTicks(u, splits) {
    var digits = decimalsFor(stepOf(splits));
    return splits.map(function (v) { return v == null ? '' : grouped(v, digits); });
  }
  function compactTicks(u, splits) {
    var top = 0;
    splits.forEach(function (v) { if (v != null) top = Math.max(top, Math.abs(v)); });
    var unit = top >= 1e9 ? [1e9, 'B'] : top >= 1e6 ? [1e6, 'M'] : top >= 1e4 ? [1e3, 'k'] : [1, ''];
    var digits = decimalsFor(stepOf(splits) / unit[0]);
    return splits.map(function (v) { return v == null ? '' : grouped(v / unit[0], digits) + unit[1]; });
  }
  function percentTicks(u, splits) {
    var digits = decimalsFor(stepOf(splits) * 100);
    return splits.map(function (v) { return v == null ? '' : (v * 100).toFixed(digits) + '%'; });
  }
  // Legend values: at the cursor, or the last bar's when the cursor is off the chart.
  function legendValue(format) {
    return function (u, v, seriesIndex, index) {
      if (index == null) {
        var column = u.data[seriesIndex];
        v = column && column.length > 0 ? column[column.length - 1] : null;
      }
      return v == null ? '--' : format(v);
    };
  }

  // Time-axis labels by tick step [s]: uPlot's table form (step, label, then the prefix shown
  // when the year, month, day, hour, minute or second rolls over, then 1 = show only on change).
  var X_FORMATS = [
    [31536000, '{YYYY}', null, null, null, null, null, null, 1],
    [2419200, '{MMM}', '\n{YYYY}', null, null, null, null, null, 1],
    [86400, '{MMM} {D}', '\n{YYYY}', null, null, null, null, null, 1],
    [3600, '{HH}:{mm}', '\n{YYYY}-{MM}-{DD}', null, '\n{MMM} {D}', null, null, null, 1],
    [60, '{HH}:{mm}', '\n{YYYY}-{MM}-{DD}', null, '\n{MMM} {D}', null, null, null, 1],
    [1, '{HH}:{mm}:{ss}', '\n{YYYY}-{MM}-{DD}', null, '\n{MMM} {D}', null, null, null, 1],
  ];

  function axes(ticks) {
    var common = { stroke: C.axis, font: AXIS_FONT, grid: { stroke: C.grid, width: 1 }, ticks: { stroke: C.grid, width: 1, size: 4 } };
    return [
      Object.assign({}, common, { gap: 4, size: 42, values: X_FORMATS }),
      Object.assign({}, common, { size: Y_AXIS_SIZE, gap: 6, values: ticks }),
    ];
  }

  var syncing = false;
  function syncX(u, key) {
    if (key !== 'x' || syncing) return;
    syncing = true;
    var min = u.scales.x.min;
    var max = u.scales.x.max;
    charts.forEach(function (c) {
      if (c.plot !== u && (c.plot.scales.x.min !== min || c.plot.scales.x.max !== max)) c.plot.setScale('x', { min: min, max: max });
    });
    syncing = false;
  }

  function makeChart(id, height, series, ys, x, ticks, extra) {
    var el = document.getElementById(id);
    if (el === null) return;
    var opts = {
      width: Math.max(320, el.clientWidth),
      height: height,
      tzDate: utc,
      cursor: { y: false, sync: { key: 'bt', setSeries: false }, drag: { x: true, y: false }, points: { size: 6 } },
      legend: { live: true },
      scales: { x: { time: true } },
      series: [{ label: 'Time', value: legendValue(function (v) { return formatDate(utc(v)); }) }].concat(series),
      axes: axes(ticks),
      hooks: { setScale: [syncX] },
    };
    if (extra) {
      Object.keys(extra).forEach(function (k) {
        if (k === 'hooks') Object.keys(extra.hooks).forEach(function (h) { opts.hooks[h] = (opts.hooks[h] || []).concat(extra.hooks[h]); });
        else opts[k] = extra[k];
      });
    }
    var plot = new uPlot(opts, [x].concat(ys), el);
    charts.push({ plot: plot, el: el, height: height });
  }

  function firstAtOrAfter(xs, t) {
    var lo = 0;
    var hi = xs.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (xs[mid] < t) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function clipToPlot(u, ctx) {
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
  }

  // Shaded holding periods, under the series.
  function drawSpans(u) {
    var s = data.spans;
    if (s.start.length === 0) return;
    var ctx = u.ctx;
    var min = u.scales.x.min;
    var max = u.scales.x.max;
    ctx.save();
    clipToPlot(u, ctx);
    [[1, C.longSpan], [0, C.shortSpan]].forEach(function (kind) {
      ctx.fillStyle = kind[1];
      ctx.beginPath();
      for (var i = 0; i < s.start.length; i++) {
        if (s.long[i] !== kind[0] || s.end[i] < min || s.start[i] > max) continue;
        var x0 = Math.round(u.valToPos(s.start[i], 'x', true));
        var x1 = Math.round(u.valToPos(s.end[i], 'x', true));
        ctx.rect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
      }
      ctx.fill();
    });
    ctx.restore();
  }

  // Buy fills as green triangles below the fill price, sell fills as red ones above it.
  function drawMarkers(u) {
    var f = data.fills;
    if (f.time.length === 0) return;
    var ctx = u.ctx;
    var dpr = window.devicePixelRatio || 1;
    var from = firstAtOrAfter(f.time, u.scales.x.min);
    var to = firstAtOrAfter(f.time, u.scales.x.max + 1e-9);
    var visible = to - from;
    var half = (visible > 400 ? 3 : visible > 120 ? 4 : 5.5) * dpr;
    var tall = half * 1.5;
    var gap = 2 * dpr;
    ctx.save();
    clipToPlot(u, ctx);
    ctx.lineWidth = dpr;
    ctx.strokeStyle = '#ffffff';
    ctx.lineJoin = 'round';
    [[1, C.buy], [0, C.sell]].forEach(function (kind) {
      ctx.fillStyle = kind[1];
      ctx.beginPath();
      for (var i = from; i < to; i++) {
        if (f.buy[i] !== kind[0]) continue;
        var cx = u.valToPos(f.time[i], 'x', true);
        var cy = u.valToPos(f.price[i], 'y', true);
        if (kind[0] === 1) {
          ctx.moveTo(cx, cy + gap);
          ctx.lineTo(cx + half, cy + gap + tall);
          ctx.lineTo(cx - half, cy + gap + tall);
        } else {
          ctx.moveTo(cx, cy - gap);
          ctx.lineTo(cx + half, cy - gap - tall);
          ctx.lineTo(cx - half, cy - gap - tall);
        }
        ctx.closePath();
      }
      if (visible <= 400) ctx.stroke();
      ctx.fill();
    });
    ctx.restore();
  }

  var priceSeries = [{ label: data.price.labels[0], stroke: C.price, width: 1.25, points: { show: false }, value: legendValue(price) }];
  for (var k = 1; k < data.price.labels.length; k++) {
    priceSeries.push({ label: data.price.labels[k], stroke: C.overlays[(k - 1) % C.overlays.length], width: 1.25, points: { show: false }, value: legendValue(price) });
  }
  makeChart('chart-price', 340, priceSeries, data.price.ys, data.price.x, plainTicks, {
    hooks: { drawClear: [drawSpans], draw: [drawMarkers] },
  });
  makeChart('chart-equity', 240, [
    { label: 'Strategy', stroke: C.strategy, width: 1.75, points: { show: false }, fill: C.strategyFill, value: legendValue(money) },
    { label: 'Buy & hold', stroke: C.buyHold, width: 1.25, points: { show: false }, dash: [5, 4], value: legendValue(money) },
  ], [data.equity.ys[0], data.equity.ys[1]], data.equity.x, compactTicks);
  makeChart('chart-drawdown', 150, [
    { label: 'Drawdown', stroke: C.drawdown, width: 1, points: { show: false }, fill: C.drawdownFill, fillTo: 0, value: legendValue(function (v) { return percent(v, 2); }) },
  ], [data.equity.ys[2]], data.equity.x, percentTicks, {
    scales: {
      x: { time: true },
      y: { range: function (u, min) { var low = Math.min(min == null ? 0 : min, -0.01); return [low * 1.08, 0]; } },
    },
  });

  var resizeQueued = false;
  window.addEventListener('resize', function () {
    if (resizeQueued) return;
    resizeQueued = true;
    requestAnimationFrame(function () {
      resizeQueued = false;
      charts.forEach(function (c) { c.plot.setSize({ width: Math.max(320, c.el.clientWidth), height: c.height }); });
    });
  });

  function zoom(min, max) { if (charts.length > 0) charts[0].plot.setScale('x', { min: min, max: max }); }
  var reset = document.getElementById('reset-zoom');
  if (reset) reset.addEventListener('click', function () { zoom(data.range[0], data.range[1]); });

  var tbody = document.getElementById('trades-body');
  var table = document.getElementById('trades-table');
  if (tbody === null || table === null) return;

  function sortBy(th, column) {
    var numeric = th.getAttribute('data-sort') === 'number';
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { if (cell.hasAttribute('data-sort')) cell.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    var keyed = Array.prototype.map.call(tbody.rows, function (row) {
      var cell = row.cells[column];
      var raw = cell.hasAttribute('data-v') ? cell.getAttribute('data-v') : cell.textContent;
      return { row: row, order: Number(row.getAttribute('data-order')), v: numeric ? (raw === '' ? NaN : Number(raw)) : raw };
    });
    keyed.sort(function (a, b) {
      if (numeric) {
        var aMissing = a.v !== a.v;
        var bMissing = b.v !== b.v;
        if (aMissing || bMissing) return aMissing && bMissing ? a.order - b.order : aMissing ? 1 : -1;
        if (a.v !== b.v) return (a.v - b.v) * dir;
      } else if (a.v !== b.v) {
        return (a.v < b.v ? -1 : 1) * dir;
      }
      return a.order - b.order;
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (k) { fragment.appendChild(k.row); });
    tbody.appendChild(fragment);
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    if (!th.hasAttribute('data-sort')) return;
    th.addEventListener('click', function () { sortBy(th, column); });
    th.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sortBy(th, column); }
    });
  });

  var selected = null;
  tbody.addEventListener('click', function (event) {
    var row = event.target.closest('tr');
    if (row === null) return;
    if (selected !== null) selected.classList.remove('selected');
    selected = row;
    row.classList.add('selected');
    var t0 = Number(row.getAttribute('data-entry-time')) / 1e3;
    var t1 = Number(row.getAttribute('data-exit-time')) / 1e3;
    var pad = Math.max((t1 - t0) * 0.75, data.barSeconds * 15);
    zoom(Math.max(data.range[0], t0 - pad), Math.min(data.range[1], t1 + pad));
    var section = document.getElementById('charts');
    if (section !== null && section.getBoundingClientRect().bottom < 0) section.scrollIntoView({ block: 'start' });
  });
})();
`;
