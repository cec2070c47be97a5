// Live interview mode: the clock against the agreed minutes, per-question timers, the opening
// and closing checklists, and notes that are never lost.
//
// Kept in this browser's localStorage, per conversation ("coffeechat:live:<id>:..."):
//   clock        when Start was tapped, the current question and the time spent on each
//   checklist    which opening and closing entries are ticked (never sent to the server)
//   note:<item>  the text of a note the server has not confirmed yet, with when it was typed
//                (or confirmed only as the page was being left, with when the server saved it)
// Without JavaScript the page still shows everything and saves notes with its Save buttons.
(() => {
  "use strict";
  const root = document.getElementById("live");
  if (!root || !window.htmx) return;
  root.classList.add("js");

  const MINUTE = 60000;
  const WARN_BEFORE = 3 * MINUTE;
  const RETRY_EVERY = 15000;
  const SAVED_HEADER = "X-Coffeechat-Saved";
  const UPDATED_HEADER = "X-Coffeechat-Updated";
  const ADDED_HEADER = "X-Coffeechat-Added";
  const agreedMinutes = Number(root.dataset.agreed) || 20;
  const prefix = `coffeechat:live:${root.dataset.conversation}:`;
  // The phone's clock may be off; times compared with the server's are taken on its clock.
  const skew = (Number(root.dataset.serverNow) || Date.now()) - Date.now();
  const serverNow = () => Date.now() + skew;

  const store = {
    get(key) {
      try { return JSON.parse(localStorage.getItem(prefix + key)); } catch { return null; }
    },
    set(key, value) {
      try { localStorage.setItem(prefix + key, JSON.stringify(value)); return true; } catch { return false; }
    },
    remove(key) {
      try { localStorage.removeItem(prefix + key); } catch { /* storage unavailable */ }
    },
  };

  const $ = (id) => document.getElementById(id);
  const format = (ms) => {
    const seconds = Math.max(0, Math.floor(ms / 1000));
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  };

  // --- The clock and the question timers ------------------------------------------------------

  const clockBox = $("clock");
  const elapsedEl = $("clock-elapsed");
  const leftEl = $("clock-left");
  const messageEl = $("clock-message");
  const questionEl = $("clock-question");
  const startButton = $("clock-start");
  const resetButton = $("clock-reset");
  const questions = [...root.querySelectorAll(".live-question[data-item]")];
  const byItem = new Map(questions.map((li) => [li.dataset.item, li]));
  const MESSAGES = {
    idle: "Tap Start when the conversation begins.",
    running: "",
    soon: "3 minutes left: move to the close — what you marked to come back to, other names, staying in touch.",
    over: `Time is up: the ${agreedMinutes} minutes are over. Offer to stop here; thank them and close.`,
  };

  const freshClock = () => ({ startedAt: null, current: null, since: null, spent: {} });
  let clock = { ...freshClock(), ...(store.get("clock") || {}) };
  const saveClock = () => store.set("clock", clock);

  function spentOn(item, now) {
    let ms = clock.spent[item] || 0;
    if (clock.current === item && clock.since) ms += now - clock.since;
    return ms;
  }

  function tick() {
    const now = Date.now();
    const elapsed = clock.startedAt ? now - clock.startedAt : 0;
    const left = agreedMinutes * MINUTE - elapsed;
    let state = "idle";
    if (clock.startedAt) state = left <= 0 ? "over" : left <= WARN_BEFORE ? "soon" : "running";
    elapsedEl.textContent = format(elapsed);
    leftEl.textContent = !clock.startedAt ? "" : left > 0 ? `${format(left)} left` : `${format(-left)} over`;
    if (clockBox.dataset.state !== state) {
      clockBox.dataset.state = state;
      clockBox.classList.toggle("clock-soon", state === "soon");
      clockBox.classList.toggle("clock-over", state === "over");
      messageEl.textContent = MESSAGES[state];
    }
    startButton.hidden = Boolean(clock.startedAt);
    resetButton.hidden = !clock.startedAt;
    for (const li of questions) {
      const item = li.dataset.item;
      const spent = spentOn(item, now);
      const timer = li.querySelector("[data-timer]");
      if (timer) timer.textContent = format(spent);
      li.classList.toggle("over-time", spent > Number(li.dataset.minutes) * MINUTE);
    }
    const current = byItem.get(clock.current);
    if (current) {
      const number = current.querySelector(".num").textContent.replace(/\.$/, "");
      const spent = format(spentOn(clock.current, now));
      questionEl.textContent = `Now: question ${number} · ${spent} of ${current.dataset.minutes} min`;
    } else {
      questionEl.textContent = "";
    }
  }

  function showCurrent() {
    for (const li of questions) {
      const isCurrent = li.dataset.item === clock.current;
      li.classList.toggle("current", isCurrent);
      const pick = li.querySelector("[data-pick]");
      if (pick) pick.setAttribute("aria-pressed", String(isCurrent));
    }
  }

  function start() {
    if (!clock.startedAt) clock.startedAt = Date.now();
    saveClock();
    keepAwake();
  }

  function makeCurrent(item) {
    const now = Date.now();
    start();
    if (clock.current && clock.since) {
      clock.spent[clock.current] = (clock.spent[clock.current] || 0) + now - clock.since;
    }
    if (clock.current === item) {
      clock.current = null;
      clock.since = null;
    } else {
      clock.current = item;
      clock.since = now;
    }
    saveClock();
    showCurrent();
    tick();
  }

  startButton.addEventListener("click", () => { start(); tick(); });
  resetButton.addEventListener("click", () => {
    if (!window.confirm("Reset the clock and the question timers to zero?")) return;
    clock = freshClock();
    saveClock();
    showCurrent();
    tick();
  });
  root.addEventListener("click", (event) => {
    const pick = event.target.closest("[data-pick]");
    if (pick) makeCurrent(pick.dataset.pick);
  });

  // The screen stays on while the clock runs, where the browser allows it.
  let wakeLock = null;
  async function keepAwake() {
    if (!clock.startedAt || wakeLock || !navigator.wakeLock || document.visibilityState !== "visible") return;
    try {
      wakeLock = await navigator.wakeLock.request("screen");
      wakeLock.addEventListener("release", () => { wakeLock = null; });
    } catch { wakeLock = null; }
  }
  document.addEventListener("visibilitychange", () => { keepAwake(); tick(); });

  clockBox.hidden = false;
  showCurrent();
  tick();
  keepAwake();
  setInterval(tick, 500); // half a second: the display never lags a whole second

  // --- Checklists: ticks stay on this phone ---------------------------------------------------

  const ticks = store.get("checklist") || {};
  for (const box of root.querySelectorAll("input[data-check]")) {
    box.checked = Boolean(ticks[box.dataset.check]);
    box.addEventListener("change", () => {
      ticks[box.dataset.check] = box.checked;
      store.set("checklist", ticks);
    });
  }

  // --- Notes: written to this phone first, then to the server, retried until it has them -----

  const notes = [...root.querySelectorAll("textarea[data-draft]")];
  const waiting = new Set(); // typed text the server has not confirmed
  const failed = new Set(); // of those, the ones whose last attempt failed
  const saveStatus = $("save-status");
  const draftKey = (textarea) => `note:${textarea.dataset.draft}`;
  const noteOf = (elt) => {
    const form = elt && elt.closest && elt.closest("form");
    return form ? form.querySelector("textarea[data-draft]") : null;
  };

  function setNoteStatus(textarea, text, kept) {
    const status = $(textarea.dataset.status);
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("kept", Boolean(kept));
  }

  function summarize() {
    let text = "";
    if (failed.size) {
      text = navigator.onLine === false
        ? "Offline. Notes are kept on this phone and sent when you are back online."
        : `${failed.size === 1 ? "A note is" : `${failed.size} notes are`} not saved yet — kept on this phone; trying again.`;
    } else if (waiting.size) {
      text = "Saving…";
    } else if (navigator.onLine === false) {
      text = "Offline. Notes you type are kept on this phone.";
    }
    saveStatus.textContent = text;
    saveStatus.classList.toggle("kept", failed.size > 0);
  }

  // Once the page is being left (a reload, a link), the next page may already have read the
  // notes from the server before a save confirmed here landed: the phone then keeps its copy,
  // marked with when the server saved it, and the next page that shows the server's copy of
  // that moment or later drops it.
  let leaving = false;
  window.addEventListener("beforeunload", () => { leaving = true; });
  window.addEventListener("pageshow", () => { leaving = false; });

  function remember(textarea) {
    store.set(draftKey(textarea), { text: textarea.value, at: serverNow() });
    waiting.add(textarea);
    summarize();
  }

  function send(textarea) {
    htmx.trigger(textarea, "livesave");
  }

  // "Come back to this" on a question puts it on the list of questions left open, which is
  // saved like any note. (Without scripts the button posts the question's form instead.)
  const comeBack = $("notes-come_back_to");
  const bare = (line) => line.replace(/^\s*[-*•]\s+/, "").trim().toLowerCase();
  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-come-back]");
    if (!button || !comeBack) return;
    event.preventDefault();
    const li = byItem.get(button.dataset.comeBack);
    const text = li ? li.querySelector(".text").textContent.replace(/\s+/g, " ").trim() : "";
    if (!text) return;
    if (!comeBack.value.split("\n").map(bare).includes(text.toLowerCase())) {
      const kept = comeBack.value.replace(/\s+$/, "");
      comeBack.value = kept ? `${kept}\n- ${text}` : `- ${text}`;
      remember(comeBack);
      send(comeBack);
    }
    button.textContent = "On the list ✓";
  });

  // Written on every keystroke; htmx sends it 600 ms later, so the phone always has it first.
  root.addEventListener("input", (event) => {
    const textarea = event.target;
    if (!textarea.matches || !textarea.matches("textarea[data-draft]")) return;
    remember(textarea);
    const offer = textarea.parentElement.querySelector(".restore");
    if (offer) offer.remove();
  });

  document.body.addEventListener("htmx:configRequest", (event) => {
    const textarea = noteOf(event.detail.elt);
    if (!textarea || !notes.includes(textarea)) return;
    if (!failed.has(textarea)) setNoteStatus(textarea, "Saving…", false);
  });

  document.body.addEventListener("htmx:beforeSwap", (event) => {
    const xhr = event.detail.xhr;
    const elt = event.detail.elt;
    // A reply that is not ours (a login page after the session ended) never lands in the page.
    if (noteOf(elt) && notes.includes(noteOf(elt)) && !xhr.getResponseHeader(SAVED_HEADER)) {
      event.detail.shouldSwap = false;
    }
    if (elt && elt.id === "person-form" && !xhr.getResponseHeader(ADDED_HEADER) && !xhr.getResponseHeader("HX-Retarget")) {
      event.detail.shouldSwap = false;
    }
  });

  document.body.addEventListener("htmx:afterRequest", (event) => {
    const elt = event.detail.elt;
    if (elt && elt.id === "person-form") return personDone(event);
    const textarea = noteOf(elt);
    if (!textarea || !notes.includes(textarea)) return;
    const xhr = event.detail.xhr;
    const ok = event.detail.successful === true && xhr && xhr.getResponseHeader(SAVED_HEADER) === textarea.dataset.draft;
    if (!ok) {
      failed.add(textarea);
      waiting.add(textarea);
      setNoteStatus(textarea, "Not saved yet — kept on this phone", true);
      summarize();
      return;
    }
    const updated = Number(xhr.getResponseHeader(UPDATED_HEADER));
    if (updated) textarea.dataset.updated = String(updated);
    const config = event.detail.requestConfig;
    const sentText = config && config.formData ? config.formData.get("notes") : textarea.value;
    failed.delete(textarea);
    if (sentText === textarea.value) {
      // The server has exactly what is on screen: the copy on the phone is no longer needed
      // (unless this page is being left: see above).
      const kept = leaving ? store.get(draftKey(textarea)) : null;
      if (kept && updated) store.set(draftKey(textarea), { ...kept, saved: updated });
      else store.remove(draftKey(textarea));
      waiting.delete(textarea);
    } // else newer text was typed meanwhile; its own request is on the way.
    summarize();
  });

  function retry() {
    if (navigator.onLine === false) return summarize();
    for (const textarea of failed) send(textarea);
  }
  window.addEventListener("online", retry);
  window.addEventListener("offline", summarize);
  setInterval(retry, RETRY_EVERY);

  // After a reload: text this phone kept but the server never confirmed comes back. When it is
  // newer than the server's copy it is restored and sent; when older (the note was changed
  // elsewhere since), it is offered, never applied silently and never dropped silently.
  const toResend = [];
  for (const textarea of notes) {
    const draft = store.get(draftKey(textarea));
    if (!draft || typeof draft.text !== "string") continue;
    const serverUpdated = Number(textarea.dataset.updated) || 0;
    const saved = Number(draft.saved) || 0;
    if (draft.text === textarea.value || (saved > 0 && serverUpdated >= saved)) {
      // The server has this text, or had it and was changed since.
      store.remove(draftKey(textarea));
    } else if ((Number(draft.at) || 0) >= serverUpdated) {
      textarea.value = draft.text;
      waiting.add(textarea);
      failed.add(textarea);
      setNoteStatus(textarea, "Not saved yet — kept on this phone", true);
      toResend.push(textarea);
    } else {
      offerOlder(textarea, draft);
    }
  }
  summarize();
  if (toResend.length) {
    // htmx attaches its triggers once the document is parsed; send after that.
    let done = false;
    htmx.onLoad(() => {
      if (done) return;
      done = true;
      toResend.forEach(send);
    });
  }

  function offerOlder(textarea, draft) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button restore";
    const when = new Date(Number(draft.at) - skew);
    const time = Number.isNaN(when.getTime()) ? "" : ` from ${when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`;
    button.textContent = `Use the unsaved text kept on this phone${time}`;
    button.addEventListener("click", () => {
      textarea.value = draft.text;
      remember(textarea);
      send(textarea);
      button.remove();
    });
    textarea.insertAdjacentElement("afterend", button);
  }

  // --- Add a person they mentioned ------------------------------------------------------------

  function personDone(event) {
    const form = event.detail.elt;
    const problem = $("person-problem");
    const xhr = event.detail.xhr;
    if (event.detail.successful === true && xhr && xhr.getResponseHeader(ADDED_HEADER)) {
      form.reset();
      problem.textContent = "";
      $("person-first").focus();
    } else if (!(event.detail.successful === true && xhr && xhr.getResponseHeader("HX-Retarget"))) {
      problem.textContent = "Not added yet: no connection. What you typed is still in the form; add again when you are back online.";
    }
  }
})();
