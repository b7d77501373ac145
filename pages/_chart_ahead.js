// Figures sent ahead of a slider move, so that a chart answers a key press in the
// browser instead of after a round trip to the server (issue #8: "one user feels no
// wait").
//
// After the rest of the page, the server sends the figures of the values one key
// press away from the slider the reader last moved (data.figures, keyed by the value
// as the slider holds it). When that slider's value becomes one of them, the chart
// (pages/_live_chart.js: host.showFigure) draws it at once. The rerun that the move
// starts sends the same figure text, which the chart recognises and does not draw
// again; the rerun brings the texts and the other charts up to date.
//
// A table is used for one move at most, and only while it describes the page: it is
// armed once the run that sent it has ended, and dropped as soon as the reader presses
// or clicks anything but that slider, the chart or its time controls, or another run
// starts (another widget changed, so the figures may no longer be those of the page's
// scenario). Nothing is fetched; the figures came with the page's own messages.
//
// data = {chart: key of the live chart, slider: key of the slider widget,
//         decimals: int, figures: {value text: {figure: JSON text, alt: text}}}

let current = null; // the table in use: {observers, host, onInput}
let latest = null; // the newest data: a table still waiting for its chart is dropped

function drop() {
  if (current === null) return;
  for (const observer of current.observers) observer.disconnect();
  document.removeEventListener("pointerdown", current.onInput, true);
  document.removeEventListener("keydown", current.onInput, true);
  delete current.host.dataset.ahead;
  current = null;
}

// The chart, the slider and the app's element, once the chart's own script has run:
// the two components' scripts load separately, so this one may come first.
function whenReady(data, use, frames = 600) {
  const host = document.querySelector(`.st-key-${data.chart} .live-chart`);
  const input = document.querySelector(`.st-key-${data.slider} input[type=range]`);
  const app = document.querySelector('[data-testid="stApp"]');
  if (host && input && app && typeof host.showFigure === "function") use(host, input, app);
  else if (frames > 0) requestAnimationFrame(() => whenReady(data, use, frames - 1));
}

function start(data, host, input, app) {
  const table = data.figures || {};
  const own = [`.st-key-${data.slider}`, `.st-key-${data.chart}`, '[class*="st-key-time_"]'];
  const onInput = (event) => {
    // Another widget: its change reaches the server before the run it starts shows here.
    const target = event.target instanceof Element ? event.target : null;
    if (!target || !own.some((selector) => target.closest(selector))) drop();
  };
  const mine = { observers: [], host, onInput };
  let armed = false;
  current = mine;

  const onState = () => {
    if (current !== mine) return;
    if (app.dataset.testScriptState === "notRunning") {
      armed = true;
      host.dataset.ahead = Object.keys(table).join(" "); // what a move can draw now
    } else if (armed) {
      drop(); // a run this table did not foresee
    }
  };
  const onValue = () => {
    if (current !== mine || !armed) return;
    const value = Number(input.value).toFixed(data.decimals);
    const entry = table[value];
    drop(); // one move per table: the rerun it starts sends the next one
    if (entry && host.isConnected) {
      host.dataset.drawnAhead = value; // the last value drawn ahead, and how often:
      host.dataset.aheadCount = String(Number(host.dataset.aheadCount || 0) + 1);
      host.showFigure(entry.figure, entry.alt);
    }
  };

  const stateObserver = new MutationObserver(onState);
  stateObserver.observe(app, { attributes: true, attributeFilter: ["data-test-script-state"] });
  const valueObserver = new MutationObserver(onValue);
  valueObserver.observe(input, { attributes: true, attributeFilter: ["value"] });
  mine.observers.push(stateObserver, valueObserver);
  document.addEventListener("pointerdown", onInput, true);
  document.addEventListener("keydown", onInput, true);
  onState();
}

export default function (component) {
  const { data } = component;
  drop();
  latest = data;
  whenReady(data, (host, input, app) => {
    if (latest === data) start(data, host, input, app);
  });
  return () => {
    if (latest === data) {
      latest = null;
      drop();
    }
  };
}
