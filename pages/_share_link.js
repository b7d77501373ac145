// "Copy link": copies the page's own address, which the app keeps equal to the
// scenario and the view (pages/_shared.py, sync_query_params), and shows it in a
// read-only box that can be selected by hand where copying is not allowed (a page
// served over plain http on a classroom network has no clipboard API).

export default function (component) {
  const { parentElement } = component;
  const button = parentElement.querySelector("button");
  const box = parentElement.querySelector("input");
  const status = parentElement.querySelector("[role=status]");

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
    status.textContent = done ? "Link copied." : "Select the link above and copy it.";
  }

  button.onclick = copy;
  box.onfocus = () => { refresh(); box.select(); };
  refresh();
  const timer = setInterval(refresh, 1000);
  return () => clearInterval(timer);
}
