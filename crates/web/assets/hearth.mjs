// Hearth's only script. Every page works without it; it adds the GOV.UK Design System's
// enhancements (such as moving focus to an error summary) where the browser can run them.
import { initAll } from "/assets/govuk-frontend.min.js";

document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("govuk-frontend-supported");
}
initAll();

// Forms marked data-autosave keep a draft on the server while they are being filled in, so a
// lost connection or a closed tab loses nothing. (Without JavaScript, such forms have a "save
// as draft" button.)
for (const form of document.querySelectorAll("form[data-autosave]")) {
  let last = new URLSearchParams(new FormData(form)).toString();
  setInterval(async () => {
    const data = new URLSearchParams(new FormData(form));
    const now = data.toString();
    if (now === last) return;
    data.set("_draft_key", form.dataset.autosave);
    try {
      const response = await fetch("/drafts", { method: "POST", body: data, credentials: "same-origin" });
      if (response.ok) last = now;
    } catch {
      // Offline: try again next time.
    }
  }, 15000);
}

// "Print" buttons are hidden without JavaScript (the page says how to print from the browser's
// menu instead). Printing opens the workings, so a printed estimate shows how it was worked out.
for (const button of document.querySelectorAll("button[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("details.hearth-print-open")) details.open = true;
});

// Find support's filters: beside the results on a wide screen; on a phone, folded behind a
// "Filter" button that says how many are on, so the results come first. (Without JavaScript
// they stay open, with a link past them to the results.) A filter with a problem stays open.
for (const panel of document.querySelectorAll("[data-filter-panel]")) {
  const narrow = window.matchMedia("(max-width: 40.0525em)");
  const chosen = Number(panel.dataset.chosen || 0);
  const button = document.createElement("button");
  button.type = "button";
  button.className = "govuk-button govuk-button--secondary hearth-filter-toggle";
  button.setAttribute("aria-controls", panel.id);
  button.textContent = chosen > 0 ? `Filter (${chosen} chosen)` : "Filter";
  panel.before(button);
  let open = panel.hasAttribute("data-open");
  const show = () => {
    button.hidden = !narrow.matches;
    panel.hidden = narrow.matches && !open;
    button.setAttribute("aria-expanded", String(open));
  };
  button.addEventListener("click", () => {
    open = !open;
    show();
  });
  narrow.addEventListener("change", show);
  show();
}
