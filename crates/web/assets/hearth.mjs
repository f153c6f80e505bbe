// Hearth's only script. Every page works without it; it adds the GOV.UK Design System's
// enhancements (such as moving focus to an error summary) where the browser can run them.
import { initAll } from "/assets/govuk-frontend.min.js";

document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("govuk-frontend-supported");
}
initAll();
