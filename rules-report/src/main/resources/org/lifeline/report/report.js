// The HTML report's behaviour (inlined by HtmlReport; plain JavaScript, no library but ECharts). Every value from
// the data reaches it as JSON and is only ever written as text (textContent, ECharts labels): never as markup.
var lifeline = (function () {
  'use strict';
  /** Bars shown at first in a percentage chart; a button shows the rest. */
  var TOP = 40;
  /** Height of one bar's row in pixels: more than a label's line, so labels never overlap. */
  var ROW = 22;
  var charts = [];
  var trends = [];
  var unit = '';

  function font() {
    return window.getComputedStyle(document.body).fontFamily;
  }

  function draw(c) {
    var s = c.spec;
    var idx = [];
    for (var i = 0; i < s.names.length; i++) {
      if (unit === '' || s.units[i] === unit) {
        idx.push(i);
      }
    }
    var shown = c.all ? idx : idx.slice(0, TOP);
    c.el.setAttribute('data-shown', String(shown.length));
    c.note.textContent = idx.length === 0 ? '所选单位没有此项数据'
        : shown.length < idx.length ? '按完成比例从低到高，显示最低的 ' + shown.length + ' 个，共 ' + idx.length + ' 个'
        : '按完成比例从低到高，共 ' + idx.length + ' 个';
    c.button.hidden = idx.length <= TOP;
    c.button.textContent = c.all ? '只显示最低的 ' + TOP + ' 个' : '显示全部 ' + idx.length + ' 个';
    c.el.style.height = (100 + Math.max(shown.length, 1) * ROW) + 'px';
    c.chart.resize();
    var series = [{
      name: '实际完成比例', type: 'bar', barMaxWidth: 16,
      label: {show: true, position: 'right', formatter: '{c}%', fontSize: 11},
      data: shown.map(function (k) {
        return {value: s.values[k], itemStyle: {color: s.below[k] ? '#e74c3c' : '#5470c6'}};
      })
    }];
    s.milestones.forEach(function (m) {
      var color = m.passed ? '#c0392b' : '#7f8c8d';
      var type = m.passed ? 'solid' : 'dashed';
      series.push({
        name: m.name, type: 'line', data: [], itemStyle: {color: color}, lineStyle: {color: color, type: type},
        markLine: {symbol: 'none', silent: true, lineStyle: {color: color, type: type, width: 2},
          label: {position: 'end', formatter: m.value + '%'}, data: [{xAxis: m.value}]}
      });
    });
    c.chart.setOption({
      textStyle: {fontFamily: font()},
      title: {text: s.title, textStyle: {fontSize: 15}},
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      legend: {top: 28},
      grid: {top: 70, bottom: 20, left: 10, right: 50, containLabel: true},
      xAxis: {type: 'value', min: 0, max: 100, position: 'top', axisLabel: {formatter: '{value}%'}},
      yAxis: {type: 'category', inverse: true, data: shown.map(function (k) { return s.names[k]; }),
        axisLabel: {interval: 0, width: 300, overflow: 'truncate', fontSize: 12}},
      series: series
    }, true);
  }

  /** A percentage chart: bars sorted worst first (by the report), filtered by the selected unit, TOP at first. */
  function chart(id, spec) {
    var el = document.getElementById(id);
    var c = {el: el, spec: spec, all: false, note: document.getElementById(id + '-note'),
      button: document.getElementById(id + '-all'), chart: echarts.init(el, null, {renderer: 'svg'})};
    c.button.addEventListener('click', function () {
      c.all = !c.all;
      draw(c);
    });
    charts.push(c);
    draw(c);
  }

  /** Shows only what concerns one top unit (its filter key; '' for all): matrix rows, violations, calls, bars. */
  function filter(key) {
    unit = key;
    document.querySelectorAll('[data-unit]').forEach(function (el) {
      el.hidden = key !== '' && el.getAttribute('data-unit') !== key;
    });
    document.querySelectorAll('.group').forEach(function (g) {
      g.hidden = g.querySelector('tr.call:not([hidden])') === null;
    });
    var sel = document.getElementById('unit-filter');
    document.getElementById('filter-note').textContent = key === '' ? ''
        : '仅显示：' + sel.options[sel.selectedIndex].text + '（打印时也只打印所选单位）';
    charts.forEach(draw);
  }

  /** A chart of shares over the snapshots, its option as built by the report, in the page's font. */
  function trend(id, option) {
    option.textStyle = {fontFamily: font()};
    var c = echarts.init(document.getElementById(id), null, {renderer: 'svg'});
    c.setOption(option);
    trends.push(c);
  }

  function resizeAll() {
    charts.forEach(function (c) { c.chart.resize(); });
    trends.forEach(function (c) { c.resize(); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var sel = document.getElementById('unit-filter');
    if (sel) {
      sel.addEventListener('change', function () { filter(sel.value); });
      if (sel.value !== '') {
        filter(sel.value);
      }
    }
  });
  window.addEventListener('resize', resizeAll);
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
  return {chart: chart, trend: trend, filter: filter, TOP: TOP};
})();
