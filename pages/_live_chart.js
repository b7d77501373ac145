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
const nominalHeights = new WeakMap(); // host -> layout.height as the server made it
const observers = new WeakMap(); // host -> ResizeObserver
let drawing = Promise.resolve(); // charts are drawn one after the other ...

function afterPaint() {
  // ... with a paint between two charts: the first chart of the page (the one
  // a slider is about) shows before the charts below it are redrawn.
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

// A figure whose layout.meta.fit_height is its plot's height per px of plot width
// (a picture drawn to scale) is made lower on a screen narrower than it was made for,
// so that no empty band is left under the plot. It is never made taller.
function fittedHeight(layout, width, nominal) {
  const perWidth = layout.meta && layout.meta.fit_height;
  if (!perWidth || !nominal || width <= 0) return nominal;
  const m = layout.margin || {};
  const plotWidth = width - (m.l ?? 80) - (m.r ?? 80);
  const fitted = Math.ceil((m.t ?? 100) + (m.b ?? 80) + plotWidth * perWidth);
  return Math.max(Math.min(nominal, fitted), (m.t ?? 100) + (m.b ?? 80) + 40);
}

function watchWidth(host, Plotly) {
  if (observers.has(host)) return;
  let width = host.clientWidth;
  const observer = new ResizeObserver(() => {
    if (host.clientWidth !== width && host.classList.contains("js-plotly-plot")) {
      width = host.clientWidth;
      const height = fittedHeight(host.layout, width, nominalHeights.get(host));
      if (height && height !== host.layout.height) {
        host.style.minHeight = `${height}px`;
        host.layout.height = height; // Plots.resize keeps the layout's height
      }
      Plotly.Plots.resize(host);
    }
  });
  observer.observe(host);
  observers.set(host, observer);
}

export default function (component) {
  const { parentElement, data } = component;
  const host = parentElement.querySelector(".live-chart");
  if (wanted.get(host) === data.figure) return undefined; // same figure: nothing to do
  wanted.set(host, data.figure);
  host.dataset.pending = "true"; // until this figure is drawn (the tests wait for it)

  const figure = JSON.parse(data.figure);
  const interactive = data.config && data.config.displayModeBar !== false;
  host.setAttribute("role", interactive ? "figure" : "img");
  host.setAttribute("aria-label", data.alt || "");
  const layout = figure.layout || {};
  nominalHeights.set(host, layout.height);
  layout.height = fittedHeight(layout, host.clientWidth, layout.height);
  if (layout.height) host.style.minHeight = `${layout.height}px`; // no jump while loading

  const draw = () =>
    loadPlotly(data.plotly).then((Plotly) => {
      if (wanted.get(host) !== data.figure) return undefined; // a newer figure came
      watchWidth(host, Plotly);
      layout.height = fittedHeight(layout, host.clientWidth, nominalHeights.get(host));
      return Plotly.react(host, {
        data: figure.data,
        layout,
        frames: figure.frames || [],
        config: data.config || {},
      }).then(() => {
        host.dataset.drawn = String(Number(host.dataset.drawn || 0) + 1);
        if (wanted.get(host) === data.figure) delete host.dataset.pending;
      });
    });
  const drawn = drawing.then(draw);
  drawing = drawn.then(afterPaint, (error) => {
    host.dataset.error = String(error);
    console.error("live chart:", error);
  });

  return () => {
    // Streamlit calls this when the chart leaves the page (not on a new figure).
    if (host.isConnected) return;
    const observer = observers.get(host);
    if (observer) observer.disconnect();
    if (window.Plotly) window.Plotly.purge(host);
  };
}
