// Loads GOV.UK Frontend from its hashed static URL (given by the base template) and
// initialises every component. Kept out of the page so no inline script is needed.
document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("govuk-frontend-supported");
}
const script = document.querySelector("script[data-govuk-frontend]");
import(script.dataset.govukFrontend).then((govuk) => govuk.initAll());
import("./app-tables.mjs");
