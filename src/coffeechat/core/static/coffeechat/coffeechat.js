// Small progressive enhancements; every page works without them.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  navigator.clipboard.writeText(source.value || source.textContent).then(() => {
    const label = button.textContent;
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = label; }, 1500);
  });
});

// Over-size forms: a form whose text is larger than the server reads, or with a file larger
// than it keeps, is stopped before it is sent, with a sentence at the top of the form; what
// was typed stays in place. The limits come from the server (<body data-form-limits>); the
// sizes are counted as Django counts them (core/middleware.py answers one that gets through).
(() => {
  const limits = (() => {
    try {
      return JSON.parse(document.body.dataset.formLimits || "{}");
    } catch {
      return {};
    }
  })();
  if (!limits.text && !limits.file) return;
  const encoder = new TextEncoder();
  // Browsers send line breaks in typed text as CR LF.
  const bytes = (text) => encoder.encode(text.replace(/\r?\n/g, "\r\n")).length;

  // '10 MB', '2.5 MB', '2 KB', as core.uploads.describe_size writes them.
  const describe = (size, roundUp = false) => {
    for (const [unit, factor] of [["MB", 1048576], ["KB", 1024]]) {
      if (size >= factor) {
        const tenths = (size * 10) / factor;
        return `${(roundUp ? Math.ceil(tenths) : Math.floor(tenths)) / 10} ${unit}`;
      }
    }
    return `${size} bytes`;
  };

  const entries = (form, submitter) => {
    try {
      return new FormData(form, submitter);
    } catch {
      return new FormData(form);
    }
  };

  // The first reason the form cannot be sent, or "".
  const tooBig = (form, submitter) => {
    const data = entries(form, submitter);
    const multipart = form.enctype === "multipart/form-data";
    let text = 0;
    for (const [name, value] of data) {
      if (value instanceof File) {
        if (limits.file && value.size > limits.file) {
          return `The file “${value.name}” is ${describe(value.size, true)}; files up to ${describe(limits.file)} can be uploaded.`;
        }
      } else if (multipart) {
        text += bytes(name) + 2 + bytes(value); // as Django's multipart parser counts
      }
    }
    if (!multipart) {
      const pairs = [...data].map(([name, value]) => [name, value instanceof File ? value.name : value.replace(/\r?\n/g, "\r\n")]);
      text = new URLSearchParams(pairs).toString().length;
    }
    if (limits.text && text > limits.text) {
      return `This form holds ${describe(text, true)} of text; up to ${describe(limits.text)} can be sent at once. Shorten the longest text and save again: nothing you typed is lost.`;
    }
    return "";
  };

  const say = (form, sentence) => {
    let alert = form.querySelector(":scope > [data-size-alert]");
    if (!sentence) {
      if (alert) alert.remove();
      return;
    }
    if (!alert) {
      alert = document.createElement("div");
      alert.className = "errors";
      alert.setAttribute("role", "alert");
      alert.dataset.sizeAlert = "";
      alert.tabIndex = -1;
      form.prepend(alert);
    }
    alert.textContent = sentence;
    alert.focus();
  };

  // Capturing, so a form htmx would send is checked before htmx sees the submit.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || form.method !== "post") return;
      const sentence = tooBig(form, event.submitter);
      say(form, sentence);
      if (sentence) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true,
  );
})();
