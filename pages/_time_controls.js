// Time controls for an animated Plotly chart: Previous / Play-Pause / Next and a
// day slider, outside the plot, reachable with Tab and driven by the keyboard
// (Enter/Space on the buttons; arrows, PageUp/PageDown, Home/End anywhere in the
// group: a presentation clicker sends PageUp/PageDown or the arrow keys).
//
// The chart is the live chart whose key is data.chart. Its frames are named
// data.steps[k].name; this script shows them with Plotly.animate, using the
// Plotly.js that the chart (pages/_live_chart.js) loaded: window.Plotly. Nothing
// is fetched from any host.
//
// data = {chart: str, steps: [{name, label}], frame_ms: int, start: int, projector: bool,
//         labels: {group, previous, next, play, pause, day}} (in the app's language)

export default function (component) {
  const { parentElement, data } = component;
  const root = parentElement.querySelector(".time-controls");
  const steps = data.steps;
  const last = steps.length - 1;
  const prev = root.querySelector("[data-action=prev]");
  const play = root.querySelector("[data-action=play]");
  const next = root.querySelector("[data-action=next]");
  const range = root.querySelector("input[type=range]");
  const output = root.querySelector("output");
  let index = Math.min(Math.max(data.start ?? last, 0), last);
  let timer = null;

  const labels = data.labels || {};
  const word = (name, english) => labels[name] || english;
  root.classList.toggle("projector", Boolean(data.projector));
  root.setAttribute("aria-label", word("group", "Time controls"));
  prev.setAttribute("aria-label", word("previous", "Previous step"));
  next.setAttribute("aria-label", word("next", "Next step"));
  range.setAttribute("aria-label", word("day", "Day after the first session"));
  if (play.textContent.startsWith("▶")) {
    play.setAttribute("aria-label", word("play", "Play"));
    play.textContent = "▶ " + word("play", "Play");
  }
  range.min = "0";
  range.max = String(last);
  range.step = "1";

  function chart() {
    return document.querySelector(`.st-key-${data.chart} .js-plotly-plot`);
  }

  function render() {
    range.value = String(index);
    range.setAttribute("aria-valuetext", steps[index].label);
    output.textContent = steps[index].label;
    root.dataset.frame = String(index);
    prev.disabled = false;
    next.disabled = false;
  }

  function show(k) {
    index = Math.min(Math.max(k, 0), last);
    render();
    const gd = chart();
    if (gd && window.Plotly) {
      window.Plotly.animate(gd, [steps[index].name], {
        mode: "immediate",
        frame: { duration: 0, redraw: true },
        transition: { duration: 0 },
      });
    }
  }

  function setPlaying(on) {
    if (on === (timer !== null)) return;
    if (on) {
      if (index >= last) show(0);
      timer = setInterval(() => {
        if (index >= last) setPlaying(false);
        else show(index + 1);
      }, data.frame_ms || 700);
    } else {
      clearInterval(timer);
      timer = null;
    }
    const name = on ? word("pause", "Pause") : word("play", "Play");
    play.setAttribute("aria-label", name);
    play.textContent = (on ? "❚❚ " : "▶ ") + name;
    output.setAttribute("aria-live", on ? "off" : "polite");
  }

  const keys = {
    ArrowRight: () => show(index + 1),
    ArrowDown: () => show(index + 1),
    PageDown: () => show(index + 1),
    ArrowLeft: () => show(index - 1),
    ArrowUp: () => show(index - 1),
    PageUp: () => show(index - 1),
    Home: () => show(0),
    End: () => show(last),
  };

  function onKey(event) {
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      setPlaying(false);
      action();
    } else if (event.key === " " && event.target === range) {
      event.preventDefault();
      setPlaying(timer === null);
    }
  }

  prev.onclick = () => { setPlaying(false); show(index - 1); };
  next.onclick = () => { setPlaying(false); show(index + 1); };
  play.onclick = () => setPlaying(timer === null);
  range.oninput = () => { setPlaying(false); show(Number(range.value)); };
  root.addEventListener("keydown", onKey);
  render();

  return () => {
    clearInterval(timer);
    root.removeEventListener("keydown", onKey);
  };
}
