// The GOV.UK timeout warning: two minutes before the session ends, a modal dialog offers
// "Stay signed in" (a POST with the page's CSRF token, so the page and what is typed on it
// stay as they are). Focus moves into the dialog and back to where it was; the time left
// is announced through a polite live region once a minute, then at 30 and 10 seconds.
// A separate file because the Content-Security-Policy allows no inline script.
const dialog = document.getElementById("timeout-warning");

if (dialog && typeof dialog.showModal === "function") {
  const timeoutSeconds = Number(dialog.dataset.timeoutSeconds);
  const warnSeconds = Math.min(Number(dialog.dataset.warnSeconds), timeoutSeconds);
  const countdown = dialog.querySelector("[data-countdown]");
  const announce = dialog.querySelector("[data-announce]");
  const title = dialog.querySelector("#timeout-warning-title");
  const text = dialog.querySelector("#timeout-warning-text");
  const keepAlive = dialog.querySelector("form[data-keep-alive]");
  let expiresAt = Date.now() + timeoutSeconds * 1000;
  let returnFocusTo = null;
  let ticker = null;
  let warnTimer = null;
  let lastAnnounced = null;

  const describe = (seconds) => {
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60);
      return `${minutes} minute${minutes === 1 ? "" : "s"}`;
    }
    return `${seconds} second${seconds === 1 ? "" : "s"}`;
  };

  const signedOut = () => {
    clearInterval(ticker);
    title.textContent = title.dataset.signedOutTitle;
    text.textContent = text.dataset.signedOutText;
    dialog.querySelector("[data-while-signed-in]").hidden = true;
    dialog.querySelector("[data-when-signed-out]").hidden = false;
    announce.textContent = `${title.dataset.signedOutTitle}. ${text.dataset.signedOutText}`;
    if (!dialog.open) {
      returnFocusTo = document.activeElement;
      dialog.showModal();
    }
    title.focus();
  };

  const tick = () => {
    const left = Math.max(0, Math.round((expiresAt - Date.now()) / 1000));
    if (left === 0) {
      signedOut();
      return;
    }
    countdown.textContent = describe(left);
    const spoken = left > 60 ? describe(left) : [60, 30, 10].includes(left) ? describe(left) : null;
    if (spoken && spoken !== lastAnnounced) {
      lastAnnounced = spoken;
      announce.textContent = `You will be signed out in ${spoken}.`;
    }
  };

  const warn = () => {
    returnFocusTo = document.activeElement;
    lastAnnounced = null;
    tick();
    dialog.showModal();
    title.focus();
    ticker = setInterval(tick, 1000);
  };

  const schedule = () => {
    clearTimeout(warnTimer);
    clearInterval(ticker);
    warnTimer = setTimeout(warn, Math.max(0, expiresAt - Date.now() - warnSeconds * 1000));
  };

  const close = () => {
    dialog.close();
    if (returnFocusTo && typeof returnFocusTo.focus === "function") returnFocusTo.focus();
  };

  const stay = async () => {
    try {
      const response = await fetch(keepAlive.action, {
        method: "POST",
        body: new FormData(keepAlive),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        signedOut();
        return;
      }
      const body = await response.json();
      expiresAt = Date.now() + body.expires_in * 1000;
      announce.textContent = "";
      close();
      schedule();
    } catch (error) {
      signedOut();
    }
  };

  keepAlive.addEventListener("submit", (event) => {
    event.preventDefault();
    stay();
  });
  // Escape means "stay signed in" while there is still a session to keep.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    if (Date.now() < expiresAt) stay();
    else close();
  });
  dialog.querySelector("[data-close]").addEventListener("click", close);
  schedule();
}
