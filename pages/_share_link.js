// "Copy link": copies the page's own address, which the app keeps equal to the
// scenario and the view (pages/_shared.py, sync_query_params), and shows it in a
// read-only box that can be selected by hand where copying is not allowed (a page
// served over plain http on a classroom network has no clipboard API).
// data = {lang: str, labels: {title, copy, copied, select}} in the app's language;
// the page's <html lang> follows the app's language, for screen readers.

export default function (component) {
  const { parentElement, data } = component;
  const labels = (data && data.labels) || {};
  const button = parentElement.querySelector("button");
  const box = parentElement.querySelector("input");
  const status = parentElement.querySelector("[role=status]");
  const title = parentElement.querySelector("label");
  if (labels.title) title.textContent = labels.title;
  if (labels.copy) button.textContent = labels.copy;
  if (data && data.lang) document.documentElement.lang = data.lang;

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
