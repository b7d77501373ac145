// "Copy link": copies the page's own address, which the app keeps equal to the
// scenario and the view (pages/_shared.py, sync_query_params), and shows it in a
// read-only box that can be selected by hand where copying is not allowed (a page
// served over plain http on a classroom network has no clipboard API).
// data = {lang: str, projector: bool, labels: {title, copy, copied, select, skip}} in the
// app's language.
// The page follows the app's language too, for screen readers and keyboard users: its
// <html lang>, and the text of Streamlit's "Skip to main content" link (labels.skip;
// React never rewrites that text, which is a constant in Streamlit's code).

export default function (component) {
  const { parentElement, data } = component;
  const labels = (data && data.labels) || {};
  const button = parentElement.querySelector("button");
  const box = parentElement.querySelector("input");
  const status = parentElement.querySelector("[role=status]");
  const title = parentElement.querySelector("label");
  if (labels.title) title.textContent = labels.title;
  if (labels.copy) button.textContent = labels.copy;
  parentElement.querySelector(".share-link").classList.toggle("projector", Boolean(data.projector));
  if (data && data.lang) document.documentElement.lang = data.lang;
  const skip = document.querySelector('[data-testid="stSkipToContent"]');
  if (skip && labels.skip) skip.textContent = labels.skip;

  function refresh() {
    box.value = window.location.href;
  }

  async function copy() {
    refresh();
    let done = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(box.value);
        done = true;
      }
    } catch (error) {
      done = false;
    }
    if (!done) {
      box.focus();
      box.select();
      try {
        done = document.execCommand("copy");
      } catch (error) {
        done = false;
      }
    }
    status.textContent = done
      ? labels.copied || "Link copied."
      : labels.select || "Select the link above and copy it.";
  }

  button.onclick = copy;
  box.onfocus = () => { refresh(); box.select(); };
  refresh();
  const timer = setInterval(refresh, 1000);
  return () => clearInterval(timer);
}
