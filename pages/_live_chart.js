// A Plotly chart that is updated in place.
//
// st.plotly_chart gives a chart a new element id whenever its figure changes, so
// every slider move unmounted the chart and drew it again from nothing
// (Plotly.newPlot of the 240 kB animated cross-section). Here the <div> stays and
// Plotly.react redraws only what changed (benchmarks/RESULTS-latency.md).
//
// Plotly.js is the copy Streamlit ships for st.plotly_chart (one file, no other
// host): if no chart has loaded it yet, this script imports that file, found next
// to Streamlit's own main script; data.plotly names it.
//
// data = {figure: JSON text of {data, layout, frames}, config: Plotly config,
//         alt: the chart's text alternative, plotly: file name of Streamlit's Plotly.js}

let loading = null;

function loadPlotly(fileName) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (loading === null) {
    const main = document.querySelector('script[type="module"][src*="static/js/"]');
    const base = main ? main.src : new URL("static/js/", document.baseURI).href;
    loading = import(new URL(fileName, base).href).then(() => {
      if (!window.Plotly) throw new Error(`${fileName} did not define window.Plotly`);
      return window.Plotly;
    });
  }
  return loading;
}

const wanted = new WeakMap(); // host -> the figure text it should show
const shapes = new WeakMap(); // host -> {layout: as the server made it, key: shape drawn}
const observers = new WeakMap(); // host -> ResizeObserver
const settings = new WeakMap(); // host -> {config, plotly} of the server's last call
let drawing = Promise.resolve(); // charts are drawn one after the other ...

function afterPaint() {
  // ... with a paint between two charts: the first chart of the page (the one
  // a slider is about) shows before the charts below it are redrawn.
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

// The layout's settings for a chart `width` px wide, as changes to the server's layout
// ({"height": ..., "scene.domain": ...}, the form Plotly.relayout takes):
// - layout.meta.layouts: arrangements by plot width, [{min_plot_px, layout}],
//   narrowest first; the widest that fits is used (the 3-D panels of How it looks);
// - layout.meta.fit_height: a picture drawn to scale, its plot's height per px of
//   plot width; on a narrower screen than it was made for the chart is made lower,
//   so that no empty band is left under the plot (never taller).
function shapeFor(layout, width) {
  const changes = {};
  if (width <= 0) return changes;
  const meta = layout.meta || {};
  const m = layout.margin || {};
  const plotWidth = width - (m.l ?? 80) - (m.r ?? 80);
  if (Array.isArray(meta.layouts)) {
    const fits = meta.layouts.filter((option) => plotWidth >= option.min_plot_px);
    const chosen = fits.length ? fits[fits.length - 1] : meta.layouts[0];
    for (const [key, value] of Object.entries(chosen.layout)) {
      if (value && typeof value === "object" && !Array.isArray(value)) {
        for (const [inner, v] of Object.entries(value)) changes[`${key}.${inner}`] = v;
      } else {
        changes[key] = value;
      }
    }
  }
  if (meta.fit_height && layout.height) {
    const fitted = Math.ceil((m.t ?? 100) + (m.b ?? 80) + plotWidth * meta.fit_height);
    changes.height = Math.max(Math.min(layout.height, fitted), (m.t ?? 100) + (m.b ?? 80) + 40);
  }
  return changes;
}

function shaped(layout, changes) {
  // The layout with `changes` applied (a copy; the server's layout is kept).
  const out = { ...layout };
  for (const [path, value] of Object.entries(changes)) {
    const [key, inner] = path.split(".");
    if (inner === undefined) out[key] = value;
    else out[key] = { ...(out[key] || {}), [inner]: value };
  }
  return out;
}

function plotted(host) {
  // On the page and drawn: Plotly.purge (the chart left the page) deletes _fullLayout.
  return host.isConnected && host._fullLayout !== undefined;
}

function watchWidth(host, Plotly) {
  if (observers.has(host)) return;
  let width = host.clientWidth;
  const observer = new ResizeObserver(() => {
    const shape = shapes.get(host);
    if (host.clientWidth === width || !shape || !plotted(host)) return;
    width = host.clientWidth;
    const changes = shapeFor(shape.layout, width);
    const key = JSON.stringify(changes);
    // Plots.resize waits 100 ms: the chart may have left the page (a lesson step
    // changed) by the time it resolves, or be hidden, and then there is nothing to do.
    Plotly.Plots.resize(host)
      .then(() => {
        if (key === shape.key || !plotted(host)) return undefined;
        shape.key = key;
        if (changes.height) host.style.minHeight = `${changes.height}px`;
        return Plotly.relayout(host, changes);
      })
      .catch((error) => {
        if (plotted(host)) console.error("live chart: resize:", error);
      });
  });
  observer.observe(host);
  observers.set(host, observer);
}

// A figure on `host`: drawn with Plotly.react after the charts queued before it;
// nothing to do if `host` already shows (or is about to show) exactly this figure.
// Called for the server's figure on every rerun, and by pages/_chart_ahead.js for a
// figure the server sent ahead of a slider move (host.showFigure).
function show(host, text, alt) {
  if (wanted.get(host) === text) return;
  const { config, plotly } = settings.get(host);
  wanted.set(host, text);
  host.dataset.pending = "true"; // until this figure is drawn (the tests wait for it)

  const figure = JSON.parse(text);
  const interactive = config && config.displayModeBar !== false;
  host.setAttribute("role", interactive ? "figure" : "img");
  host.setAttribute("aria-label", alt || "");
  const served = figure.layout || {};
  const first = shaped(served, shapeFor(served, host.clientWidth));
  if (first.height) host.style.minHeight = `${first.height}px`; // no jump while loading

  const draw = () =>
    loadPlotly(plotly).then((Plotly) => {
      if (wanted.get(host) !== text || !host.isConnected) return undefined; // stale
      watchWidth(host, Plotly);
      const changes = shapeFor(served, host.clientWidth);
      shapes.set(host, { layout: served, key: JSON.stringify(changes) });
      const layout = shaped(served, changes);
      if (layout.height) host.style.minHeight = `${layout.height}px`;
      return Plotly.react(host, {
        data: figure.data,
        layout,
        frames: figure.frames || [],
        config: config || {},
      }).then(() => {
        host.dataset.drawn = String(Number(host.dataset.drawn || 0) + 1);
        if (wanted.get(host) === text) delete host.dataset.pending;
      });
    });
  const drawn = drawing.then(draw);
  drawing = drawn.then(afterPaint, (error) => {
    host.dataset.error = String(error);
    console.error("live chart:", error);
  });
}

export default function (component) {
  const { parentElement, data } = component;
  const host = parentElement.querySelector(".live-chart");
  settings.set(host, { config: data.config, plotly: data.plotly });
  host.showFigure = (text, alt) => show(host, text, alt);
  show(host, data.figure, data.alt);

  return () => {
    // Streamlit calls this when the chart leaves the page (not on a new figure).
    if (host.isConnected) return;
    const observer = observers.get(host);
    if (observer) observer.disconnect();
    if (window.Plotly) window.Plotly.purge(host);
  };
}
