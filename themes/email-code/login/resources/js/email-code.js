// Comfort on the code page, which works without it: a countdown until a new code may be requested, and the form
// sent as soon as a complete code was typed or pasted. The server reads the code the same way (CodeAlphabet).
const form = document.getElementById("kc-email-code-form");

if (form) {
  sendCompleteCodes(form, document.getElementById("code"));
  countDown(document.getElementById("kc-resend"), document.getElementById("kc-resend-wait"),
    document.getElementById("kc-resend-ready"));
}

/** The one code in the text: all of it without spaces and dashes, or its only code-shaped group; else null. */
function candidate(text, length, symbols) {
  const upper = symbols === "0123456789" ? text : text.toUpperCase();
  const compact = upper.replace(/[\s\p{Z}\p{Pd}]/gu, "");
  if (compact.length === length && [...compact].every((c) => symbols.includes(c))) {
    return compact;
  }
  const symbol = `[${symbols}]`;
  const group = new RegExp(`(?<![\\p{L}\\p{N}])${symbol}(?:[\\s\\p{Z}\\p{Pd}]?${symbol}){${length - 1}}(?![\\p{L}\\p{N}])`, "gu");
  const found = upper.match(group) || [];
  return found.length === 1 ? found[0].replace(/[\s\p{Z}\p{Pd}]/gu, "") : null;
}

function sendCompleteCodes(form, field) {
  const length = Number(form.dataset.codeLength);
  const symbols = form.dataset.codeSymbols;
  let sent = null;
  field.addEventListener("input", () => {
    const code = candidate(field.value, length, symbols);
    if (code && code !== sent) {
      sent = code;
      field.value = code;
      form.requestSubmit(document.getElementById("kc-login"));
    }
  });
}

function clock(seconds) {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** Until the cooldown ends the resend button stays focusable but does nothing; then a polite announcement. */
function countDown(resend, wait, ready) {
  const seconds = Number(wait.dataset.seconds);
  if (!(seconds > 0)) {
    return;
  }
  const end = Date.now() + seconds * 1000;
  resend.setAttribute("aria-disabled", "true");
  resend.classList.add("pf-m-aria-disabled");
  resend.addEventListener("click", (event) => {
    if (resend.getAttribute("aria-disabled") === "true") {
      event.preventDefault();
    }
  });
  const tick = () => {
    const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
    if (left > 0) {
      wait.textContent = wait.dataset.text.replace("%s", clock(left));
      setTimeout(tick, 250);
      return;
    }
    wait.hidden = true;
    resend.removeAttribute("aria-disabled");
    resend.removeAttribute("aria-describedby");
    resend.classList.remove("pf-m-aria-disabled");
    ready.textContent = ready.dataset.text;
  };
  tick();
}
