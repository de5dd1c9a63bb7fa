// Hand-made SVG charts of the dashboard: a line chart (steps or points) and a time line with bands and marks.
// Every chart sets data-points (points drawn) and data-series (lines drawn) on its <svg>, so a test can tell that it holds data.

const svgNs = 'http://www.w3.org/2000/svg';

/** Ten colours that stay apart on a dark background (one per subspace, then repeating). */
export const palette = ['#4e9bff', '#ffa94d', '#63e6be', '#ff6b6b', '#b197fc', '#ffd43b', '#f783ac', '#a9e34b', '#66d9e8', '#ced4da'];

const margin = { left: 64, right: 18, top: 14, bottom: 40 };

/** Creates an SVG element with attributes, appended to parent when given. */
export function svgElement(name, attributes = {}, parent = null) {
  const element = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, String(value));
  }
  if (parent) {
    parent.appendChild(element);
  }
  return element;
}

function text(parent, x, y, content, className, anchor = 'middle') {
  const element = svgElement('text', { x, y, class: className, 'text-anchor': anchor }, parent);
  element.textContent = content;
  return element;
}

function tooltip(element, content) {
  svgElement('title', {}, element).textContent = content;
}

/** About `count` round tick values covering [min, max]. */
export function ticks(min, max, count = 5) {
  const span = max - min;
  if (!(span > 0)) {
    return [min];
  }
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map(f => f * magnitude).find(s => s >= raw) ?? 10 * magnitude;
  const first = Math.ceil(min / step - 1e-9) * step;
  const values = [];
  for (let value = first; value <= max + step * 1e-9; value += step) {
    values.push(Number(value.toPrecision(12)));
  }
  return values;
}

function label(value, step) {
  const decimals = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step)));
  return value.toFixed(decimals);
}

/** Sizes the SVG's coordinate system to its rendered box and clears it; returns the box. */
function frame(svg) {
  const box = svg.getBoundingClientRect();
  const width = Math.max(240, Math.round(box.width) || 640);
  const height = Math.max(60, Math.round(box.height) || 280);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.replaceChildren();
  return { width, height };
}

function placeholder(svg, size, message) {
  text(svg, size.width / 2, size.height / 2, message, 'placeholder');
  svg.dataset.points = '0';
  svg.dataset.series = '0';
}

/**
 * Draws lines on axes. series: [{ name, color, points: [[x, y], …], step, extendTo, detail }]: a step line holds each
 * value until the next point (and to extendTo); points get dots with a tooltip. options: xLabel, yLabel, empty
 * (the message when no series has a point), yFloor (the lowest y of the axis, when the data do not go lower).
 */
export function lineChart(svg, series, options) {
  const size = frame(svg);
  const drawn = series.filter(s => s.points.length > 0);
  if (drawn.length === 0) {
    placeholder(svg, size, options.empty);
    return;
  }

  const xs = drawn.flatMap(s => [...s.points.map(p => p[0]), s.extendTo ?? s.points[0][0]]);
  const ys = drawn.flatMap(s => s.points.map(p => p[1]));
  let [x0, x1] = [Math.min(0, ...xs), Math.max(...xs)];
  if (x1 <= x0) {
    x1 = x0 + 1;
  }
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const pad = y1 > y0 ? (y1 - y0) * 0.12 : Math.max(Math.abs(y1) * 0.1, 0.01);
  y0 = options.yFloor !== undefined ? Math.max(options.yFloor, y0 - pad) : y0 - pad;
  y1 += pad;

  const plot = { left: margin.left, top: margin.top, right: size.width - margin.right, bottom: size.height - margin.bottom };
  const sx = x => plot.left + (x - x0) / (x1 - x0) * (plot.right - plot.left);
  const sy = y => plot.bottom - (y - y0) / (y1 - y0) * (plot.bottom - plot.top);

  const axes = svgElement('g', { class: 'axes' }, svg);
  const yTicks = ticks(y0, y1, 5);
  const yStep = yTicks.length > 1 ? yTicks[1] - yTicks[0] : 1;
  for (const y of yTicks) {
    svgElement('line', { x1: plot.left, x2: plot.right, y1: sy(y), y2: sy(y), class: 'gridline' }, axes);
    text(axes, plot.left - 8, sy(y) + 4, label(y, yStep), 'tick', 'end');
  }
  const xTicks = ticks(x0, x1, Math.max(2, Math.floor((plot.right - plot.left) / 80))).filter(x => Number.isInteger(x) || x1 - x0 < 5);
  const xStep = xTicks.length > 1 ? xTicks[1] - xTicks[0] : 1;
  for (const x of xTicks) {
    svgElement('line', { x1: sx(x), x2: sx(x), y1: plot.bottom, y2: plot.bottom + 5, class: 'axis' }, axes);
    text(axes, sx(x), plot.bottom + 18, label(x, xStep), 'tick');
  }
  svgElement('line', { x1: plot.left, x2: plot.right, y1: plot.bottom, y2: plot.bottom, class: 'axis' }, axes);
  svgElement('line', { x1: plot.left, x2: plot.left, y1: plot.top, y2: plot.bottom, class: 'axis' }, axes);
  text(axes, (plot.left + plot.right) / 2, size.height - 6, options.xLabel, 'axis-label');
  text(axes, 14, (plot.top + plot.bottom) / 2, options.yLabel, 'axis-label').setAttribute('transform', `rotate(-90 14 ${(plot.top + plot.bottom) / 2})`);

  let points = 0;
  for (const line of drawn) {
    const group = svgElement('g', { class: 'series', 'data-name': line.name, 'data-points': line.points.length }, svg);
    const path = [];
    line.points.forEach(([x, y], i) => {
      if (i === 0) {
        path.push(`M${sx(x).toFixed(1)},${sy(y).toFixed(1)}`);
      } else if (line.step) {
        path.push(`H${sx(x).toFixed(1)}V${sy(y).toFixed(1)}`);
      } else {
        path.push(`L${sx(x).toFixed(1)},${sy(y).toFixed(1)}`);
      }
    });
    const last = line.points[line.points.length - 1];
    if (line.extendTo !== undefined && line.extendTo > last[0]) {
      path.push(`H${sx(line.extendTo).toFixed(1)}`);
    }
    svgElement('path', { d: path.join(''), stroke: line.color, class: 'line' }, group);
    for (const [x, y] of line.points) {
      const dot = svgElement('circle', { cx: sx(x), cy: sy(y), r: 3.2, fill: line.color, class: 'dot' }, group);
      tooltip(dot, `${line.name}: ${y.toFixed(4)} at ${x}${line.detail ? ` (${line.detail})` : ''}`);
    }
    points += line.points.length;
  }
  svg.dataset.points = String(points);
  svg.dataset.series = String(drawn.length);
}

/** The local time of day of an epoch-ms instant, hh:mm:ss. */
export function clock(ms) {
  const date = new Date(ms);
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map(n => String(n).padStart(2, '0')).join(':');
}

/**
 * Draws a time line into an <svg>: bands [{ from, to, label, kind }] and marks [{ at, label, kind }] (epoch ms)
 * between start and end, and the present as a line. Sets data-points to the number of bands and marks drawn.
 */
export function timeline(svg, { start, end, now, bands, marks }, empty) {
  const size = frame(svg);
  if (!(end > start)) {
    placeholder(svg, size, empty);
    return;
  }
  const plot = { left: 16, right: size.width - 16, top: 26, bottom: size.height - 30 };
  const sx = t => plot.left + Math.min(1, Math.max(0, (t - start) / (end - start))) * (plot.right - plot.left);
  svgElement('rect', { x: plot.left, y: plot.top, width: plot.right - plot.left, height: plot.bottom - plot.top, rx: 6, class: 'track' }, svg);
  for (const band of bands) {
    const x = sx(band.from);
    const width = Math.max(2, sx(band.to) - x);
    const rect = svgElement('rect', { x, y: plot.top, width, height: plot.bottom - plot.top, rx: 6, class: `band ${band.kind}` }, svg);
    tooltip(rect, `${band.label}: ${clock(band.from)} – ${clock(band.to)}`);
    if (band.progress !== undefined) {
      svgElement('rect', { x, y: plot.bottom - 6, width: width * Math.min(1, Math.max(0, band.progress)), height: 6, rx: 3, class: 'progress' }, svg);
    }
    if (width > 90) {
      text(svg, x + 10, (plot.top + plot.bottom) / 2 + 4, band.label, 'band-label', 'start');
    }
  }
  const labelled = [];
  for (const mark of marks) {
    const x = sx(mark.at);
    svgElement('line', { x1: x, x2: x, y1: plot.top - 6, y2: plot.bottom + 6, class: `mark ${mark.kind ?? ''}` }, svg);
    const anchor = x < plot.left + 60 ? 'start' : x > plot.right - 60 ? 'end' : 'middle';
    const clash = labelled.some(other => Math.abs(other - x) < 120);
    text(svg, x, clash ? plot.top - 10 : plot.bottom + 20, `${mark.label} ${clock(mark.at)}`, `mark-label ${mark.kind ?? ''}`, anchor);
    labelled.push(x);
  }
  if (now >= start && now <= end) {
    const x = sx(now);
    svgElement('line', { x1: x, x2: x, y1: plot.top - 4, y2: plot.bottom + 4, class: 'now' }, svg);
    svgElement('circle', { cx: x, cy: plot.top - 4, r: 4, class: 'now-dot' }, svg);
  }
  svg.dataset.points = String(bands.length + marks.length);
  svg.dataset.series = String(bands.length);
}
