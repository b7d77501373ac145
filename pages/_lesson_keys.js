// The lesson from a presentation clicker: PageDown or ArrowRight presses the
// lesson's Next button, PageUp or ArrowLeft its Back button (clickers send
// PageDown/PageUp, some the arrow keys), wherever the focus is on the page,
// except in a control that uses those keys itself: a text field, a slider, a
// select, and the cross-section's time controls (their arrow keys and
// PageUp/PageDown step through the days). Next and Back are Streamlit buttons
// (keys lesson_next and lesson_back), found in the main document.
//
// When the step changes, the page scrolls back to its top and the status line
// (read by screen readers) says which step is shown, in the page's language.
//
// data = {step: int, status: str}: the step shown (1-based) and the status line's
// text ("Step 2 of 7: How deep the needles go"), translated by pages/lesson.py.

const KEYS = { PageDown: "next", ArrowRight: "next", PageUp: "back", ArrowLeft: "back" };
const OWN_KEYS = [
  "input",
  "textarea",
  "select",
  "[contenteditable]:not([contenteditable=false])",
  "[role=slider]",
  "[role=spinbutton]",
  "[role=combobox]",
  "[role=listbox]",
  "[role=radiogroup]",
  "[role=tablist]",
  ".time-controls", // the time controls keep their own keys (by class: its aria-label is translated)
].join(", ");

function button(action) {
  return document.querySelector(`.st-key-lesson_${action} button`);
}

function usesTheKeyItself(event) {
  // The element the key went to, inside a component's shadow root too.
  const path = event.composedPath ? event.composedPath() : [event.target];
  return path.some((el) => el instanceof Element && el.matches(OWN_KEYS));
}

function onKey(event) {
  const action = KEYS[event.key];
  if (!action || event.defaultPrevented || event.isComposing) return;
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (usesTheKeyItself(event)) return;
  const target = button(action);
  if (!target || target.disabled) return;
  event.preventDefault();
  target.click();
}

export default function (component) {
  const { parentElement, data } = component;
  const status = parentElement.querySelector("[role=status]");
  // Streamlit calls this function again when the data change, without the
  // cleanup of the call before: one listener at a time, kept on the window.
  const shared = (window.__lessonKeys = window.__lessonKeys || { listener: null, step: null });
  if (shared.listener) document.removeEventListener("keydown", shared.listener);
  shared.listener = onKey;
  document.addEventListener("keydown", onKey);

  if (shared.step !== null && shared.step !== data.step) {
    const main = document.querySelector('[data-testid="stMain"]');
    if (main) main.scrollTo({ top: 0 });
    status.textContent = data.status;
  }
  shared.step = data.step;

  return () => {
    document.removeEventListener("keydown", onKey);
    if (shared.listener === onKey) shared.listener = null;
    shared.step = null;
  };
}
