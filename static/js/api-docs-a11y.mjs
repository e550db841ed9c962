// Swagger UI's accessibility gaps that its configuration and the stylesheet cannot reach,
// mended as it renders (found by axe and the 320 px crawl, tests/browser/test_crawl.py):
// the dialog's close button has no name (WCAG 4.1.2), "Logout"'s name does not contain its
// text (2.5.3), and code panels that scroll take no keyboard focus (2.1.1).
const mend = () => {
  for (const button of document.querySelectorAll(".swagger-ui .close-modal:not([aria-label])")) {
    button.setAttribute("aria-label", "Close this dialog");
  }
  for (const button of document.querySelectorAll('.swagger-ui button[aria-label="Remove authorization"]')) {
    button.setAttribute("aria-label", `${button.textContent.trim()}: remove authorisation`);
  }
  for (const pre of document.querySelectorAll(".swagger-ui pre:not([tabindex])")) {
    pre.setAttribute("tabindex", "0");
    pre.setAttribute("role", "region");
    pre.setAttribute("aria-label", pre.closest(".model-example, .response-col_description") ? "Example" : "Code");
  }
};

new MutationObserver(mend).observe(document.body, { childList: true, subtree: true });
mend();
