/**
 * The report page's own script (plain browser JavaScript, as text): reads the embedded
 * data and draws the charts with the inlined echarts bundle. Sets
 * `window.__hyperoptReport = { charts, errors }` when done, for tests.
 */
export const reportClientScript = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = {};
  var errors = [];
  var colors = { COMPLETE: '#2f6fdf', PRUNED: '#e07b39', FAIL: '#c23b3b', RUNNING: '#999999', WAITING: '#bbbbbb' };
  var metric = data.metricNames[0] || 'objective';
  var dir = data.directions[0] || 'minimize';
  function better(a, b) { return dir === 'maximize' ? a > b : a < b; }
  function lastIntermediate(t) { return t.intermediate.length ? t.intermediate[t.intermediate.length - 1][1] : null; }
  function draw(id, option) {
    var el = document.getElementById(id);
    if (!el) return;
    try {
      var chart = echarts.init(el, null, { renderer: 'canvas' });
      chart.setOption(option);
      charts[id] = chart;
    } catch (e) { errors.push(id + ': ' + e.message); }
  }
  function empty(id, text) {
    var el = document.getElementById(id);
    if (el) { el.classList.add('empty'); el.textContent = text; }
  }

  // 1. optimization history
  var complete = data.trials.filter(function (t) { return t.state === 'COMPLETE' && t.values; });
  var pruned = data.trials.filter(function (t) { return t.state === 'PRUNED' && lastIntermediate(t) !== null; });
  var bestLine = [];
  var best = null;
  data.trials.slice().sort(function (a, b) { return a.number - b.number; }).forEach(function (t) {
    if (t.state === 'COMPLETE' && t.values) { if (best === null || better(t.values[0], best)) best = t.values[0]; }
    if (best !== null) bestLine.push([t.number, best]);
  });
  if (complete.length || pruned.length) {
    draw('chart-history', {
      title: { text: 'Optimization history', left: 'center' },
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      grid: { left: 70, right: 30, top: 50, bottom: 60 },
      xAxis: { type: 'value', name: 'trial', nameLocation: 'middle', nameGap: 28, minInterval: 1 },
      yAxis: { type: 'value', name: metric, scale: true },
      series: [
        { name: 'complete', type: 'scatter', symbolSize: 9, itemStyle: { color: colors.COMPLETE }, data: complete.map(function (t) { return [t.number, t.values[0]]; }) },
        { name: 'pruned (last reported)', type: 'scatter', symbol: 'triangle', symbolSize: 9, itemStyle: { color: colors.PRUNED }, data: pruned.map(function (t) { return [t.number, lastIntermediate(t)]; }) },
        { name: 'best so far', type: 'line', step: 'end', showSymbol: false, lineStyle: { color: '#2a9d55', width: 2 }, itemStyle: { color: '#2a9d55' }, data: bestLine },
      ],
    });
  } else empty('chart-history', 'No finished trials yet.');

  // 2. intermediate values (pruned trials visible)
  var withSteps = data.trials.filter(function (t) { return t.intermediate.length > 0; });
  if (withSteps.length) {
    draw('chart-intermediate', {
      title: { text: 'Intermediate values (running objective by fits done)', left: 'center' },
      tooltip: { trigger: 'item', formatter: function (p) { return p.seriesName + '<br>step ' + p.value[0] + ': ' + p.value[1]; } },
      grid: { left: 70, right: 30, top: 50, bottom: 50 },
      xAxis: { type: 'value', name: 'step (fits done)', nameLocation: 'middle', nameGap: 28, minInterval: 1 },
      yAxis: { type: 'value', name: metric, scale: true },
      series: withSteps.map(function (t) {
        return { name: 'trial ' + t.number + ' (' + t.state.toLowerCase() + ')', type: 'line', showSymbol: t.intermediate.length < 40, symbolSize: 4,
          lineStyle: { color: colors[t.state], type: t.state === 'PRUNED' ? 'dashed' : 'solid', width: t.number === data.bestTrial ? 3 : 1.5, opacity: 0.85 },
          itemStyle: { color: colors[t.state] }, data: t.intermediate.map(function (p) { return [p[0], p[1]]; }) };
      }),
    });
  } else empty('chart-intermediate', 'No intermediate values reported yet.');

  // 3. hyperparameter importances
  var imp = Object.keys(data.importances).map(function (k) { return [k, data.importances[k]]; }).reverse();
  if (imp.length) {
    draw('chart-importance', {
      title: { text: 'Hyperparameter importances', left: 'center' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 160, right: 50, top: 50, bottom: 40 },
      xAxis: { type: 'value', max: 1, name: 'share of variance' },
      yAxis: { type: 'category', data: imp.map(function (e) { return e[0]; }) },
      series: [{ type: 'bar', itemStyle: { color: '#2f6fdf' }, label: { show: true, position: 'right', formatter: function (p) { return (p.value * 100).toFixed(1) + '%'; } }, data: imp.map(function (e) { return e[1]; }) }],
    });
  } else empty('chart-importance', 'Importances need at least two complete trials.');

  // 4. parallel coordinates
  var usable = complete.filter(function (t) { return data.paramAxes.every(function (a) { return a.name in t.params; }); });
  if (usable.length && data.paramAxes.length) {
    var axes = data.paramAxes.map(function (a, i) {
      if (a.kind === 'categorical') return { dim: i, name: a.name, type: 'category', data: a.choices.map(String) };
      return { dim: i, name: a.name, type: a.log ? 'log' : 'value', scale: true };
    });
    axes.push({ dim: axes.length, name: metric, type: 'value', scale: true, nameTextStyle: { fontWeight: 'bold' } });
    var values = usable.map(function (t) { return t.values[0]; });
    draw('chart-parallel', {
      title: { text: 'Parallel coordinates (complete trials)', left: 'center' },
      parallelAxis: axes,
      parallel: { left: 60, right: 90, top: 70, bottom: 40 },
      visualMap: { type: 'continuous', dimension: axes.length - 1, min: Math.min.apply(null, values), max: Math.max.apply(null, values), precision: 4, inRange: { color: dir === 'maximize' ? ['#d0dcf5', '#0b3d91'] : ['#0b3d91', '#d0dcf5'] }, right: 0, top: 'middle', calculable: true },
      series: [{ type: 'parallel', lineStyle: { width: 2, opacity: 0.8 }, data: usable.map(function (t) {
        return data.paramAxes.map(function (a) { var v = t.params[a.name]; return a.kind === 'categorical' ? String(v) : v; }).concat([t.values[0]]);
      }) }],
    });
  } else empty('chart-parallel', 'No complete trials yet.');

  window.addEventListener('resize', function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
  window.__hyperoptReport = { charts: Object.keys(charts), errors: errors };
})();
`;
