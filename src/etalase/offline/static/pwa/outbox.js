/* Etalase outbox (issue 15): forms saved on this phone with no signal, sent once when it
   returns. The same file runs in the page and in the service worker (importScripts).
   Each form carries a key (client_id) the server accepts once: sending twice is harmless.
   Texts come from the page (data-t-* attributes rendered through Django's translations). */
"use strict";
(function (root) {
  const DB = "etalase-outbox";
  const STORE = "items";
  const SKIP = new Set(["csrfmiddlewaretoken"]);

  function db() {
    return new Promise((resolve, reject) => {
      const open = indexedDB.open(DB, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE, {keyPath: "id"});
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
  }

  async function run(mode, work) {
    const base = await db();
    return new Promise((resolve, reject) => {
      const tx = base.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => { base.close(); resolve(request && request.result); };
      tx.onerror = tx.onabort = () => { base.close(); reject(tx.error); };
    });
  }

  function newKey() {
    if (root.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  const isLogin = (response) => !!root.OUTBOX_LOGIN
    && new URL(response.url).pathname.startsWith(root.OUTBOX_LOGIN);

  // One form sent: "sent", "waiting" (try again later), "attention" (the server did not
  // accept it: a mistake or a conflict, to open), "signin", or "other" (another account).
  async function send(item) {
    const form = await fetch(item.url, {credentials: "same-origin", cache: "no-store"});
    if (isLogin(form)) return "signin";
    if (!form.ok) return form.status >= 500 ? "waiting" : "attention";
    const html = await form.text();
    const user = /name="outbox_user" value="(\d*)"/.exec(html);
    if (!user || user[1] !== String(item.user)) return "other";
    const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(html);
    const body = new FormData();
    for (const [name, value] of item.fields) if (!SKIP.has(name)) body.append(name, value);
    if (token) body.append("csrfmiddlewaretoken", token[1]);
    const answer = await fetch(item.url, {method: "POST", body, credentials: "same-origin"});
    if (isLogin(answer)) return "signin";
    if (answer.ok && answer.redirected) return "sent";
    return answer.status >= 500 ? "waiting" : "attention";
  }

  let flushing = null;
  const Outbox = {
    newKey,
    put: (item) => run("readwrite", (store) => store.put(item)),
    all: () => run("readonly", (store) => store.getAll()),
    remove: (id) => run("readwrite", (store) => store.delete(id)),
    item(data, url, title) {
      const fields = Array.from(data.entries());
      const get = (name) => (fields.find(([key]) => key === name) || [])[1] || "";
      return {id: get("client_id") || newKey(), url, title, label: String(get("name")).slice(0, 80)
              || String(get("legal_name")).slice(0, 80), user: get("outbox_user"), fields,
              created: Date.now(), status: "waiting"};
    },
    flush() {
      // One flush at a time across the page, other tabs and the worker (Web Locks where the
      // browser has them): the worker's Background Sync and the page's "online" fire together,
      // and two sendings of one item would both reach the server.
      const locked = (work) => (root.navigator && navigator.locks
        ? navigator.locks.request("etalase-outbox", work) : work());
      flushing = flushing || locked(async () => {
        for (const item of await Outbox.all()) {
          if (item.status === "attention") continue;
          let outcome;
          try { outcome = await send(item); } catch (error) { break; }  // no signal yet
          if (outcome === "sent") await Outbox.remove(item.id);
          else if (outcome !== "other" && outcome !== item.status) {
            item.status = outcome;
            await Outbox.put(item);
          }
        }
        if (root.BroadcastChannel) new BroadcastChannel(DB).postMessage("changed");
      }).finally(() => { flushing = null; });
      return flushing;
    },
  };
  root.Outbox = Outbox;
  if (!root.document) return;

  // --- The page: the "waiting to send (n)" list, and forms kept when there is no signal.
  const box = document.getElementById("outbox");
  const script = document.currentScript;
  if (script && script.dataset.sw && navigator.serviceWorker) {
    navigator.serviceWorker.register(script.dataset.sw, {scope: "/"}).catch(() => {});
  }
  if (!box || !root.indexedDB) return;
  const t = box.dataset;
  root.OUTBOX_LOGIN = t.login;

  function askSync() {
    if (!navigator.serviceWorker) return;
    navigator.serviceWorker.ready
      .then((reg) => reg.sync && reg.sync.register("outbox")).catch(() => {});
  }

  let renders = 0;
  async function render() {
    // Renders overlap (a save, the worker, another tab each ask for one) and their reads
    // may come back out of order: only the latest one draws, never an older state over it.
    const mine = ++renders;
    const all = await Outbox.all();
    if (mine !== renders) return;
    const items = all.filter((item) => String(item.user) === t.user);
    box.hidden = items.length === 0;
    box.querySelector("[data-outbox-heading]").textContent = t.tHeading.replace("{n}", items.length);
    const list = box.querySelector("[data-outbox-list]");
    items.sort((a, b) => a.created - b.created);
    // Redrawn only when something changed: every write to the outbox (here, in another tab,
    // in the worker) asks for a render, and a list redrawn under a finger loses its tap.
    const drawn = JSON.stringify(items.map((i) => [i.id, i.status, i.title, i.label]));
    if (list.dataset.drawn === drawn) return;
    list.dataset.drawn = drawn;
    list.replaceChildren(...items.map((item) => {
      const li = document.createElement("li");
      li.dataset.status = item.status;
      const state = {attention: t.tAttention, signin: t.tSignin}[item.status] || t.tWaiting;
      li.textContent = `${item.title || t.tUntitled}${item.label ? ": " + item.label : ""} — ${state} `;
      const open = document.createElement("a");
      open.href = `${item.url.split("#")[0]}#outbox=${item.id}`;
      open.textContent = t.tOpen;
      const drop = document.createElement("button");
      drop.type = "button";
      drop.className = "btn-small";
      drop.textContent = t.tRemove;
      drop.addEventListener("click", () => {
        if (confirm(t.tRemoveAsk)) Outbox.remove(item.id).then(render);
      });
      li.append(open, " ", drop);
      return li;
    }));
  }

  function refill() {
    const match = /#outbox=([0-9a-f-]{36})$/.exec(location.hash);
    const form = document.querySelector("form[data-outbox]");
    if (!match || !form) return;
    Outbox.all().then((items) => {
      const item = items.find((i) => i.id === match[1]);
      if (!item) return;
      const values = new Map();
      for (const [name, value] of item.fields) {
        if (typeof value === "string" && !SKIP.has(name)) values.set(name, [...(values.get(name) || []), value]);
      }
      for (const el of form.elements) {
        if (!el.name || !values.has(el.name)) {
          if (el.type === "checkbox" && values.size) el.checked = false;
          continue;
        }
        const v = values.get(el.name);
        if (el.type === "checkbox" || el.type === "radio") el.checked = v.includes(el.value) || (el.type === "checkbox" && v.includes("on"));
        else if (el.multiple) for (const o of el.options) o.selected = v.includes(o.value);
        else if (el.type !== "file") el.value = v[0];
      }
      form.dataset.outboxFrom = item.id;
      history.replaceState(null, "", location.pathname + location.search);
      box.querySelector("[data-outbox-note]").textContent = t.tFilled;
    });
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.matches && form.matches("form[action$='/logout/']") && navigator.serviceWorker) {
      // The pages kept for offline use are this account's: not for the next one.
      navigator.serviceWorker.ready.then((reg) => reg.active && reg.active.postMessage("forget-pages"));
      return;
    }
    if (!form.matches || !form.matches("form[data-outbox]")) return;
    const from = form.dataset.outboxFrom;
    if (navigator.onLine) {
      if (from) Outbox.remove(from);  // sent by the form itself now, with the same key
      return;
    }
    event.preventDefault();
    const item = Outbox.item(new FormData(form), location.href.split("#")[0], form.dataset.outboxTitle);
    Outbox.put(item).then(() => {
      if (from && from !== item.id) Outbox.remove(from);
      const key = form.querySelector("[data-outbox-key]");
      if (!form.querySelector("[name=base_version]")) form.reset();  // a new record: a blank form
      if (key) key.value = newKey();  // the next record is another one
      box.querySelector("[data-outbox-note]").textContent = t.tSaved;
      askSync();
      return render();
    }).then(() => box.focus());
  });

  // A page shown from the worker's copy carries the key of the form saved from it before:
  // every page load draws its own (a form refilled from the outbox takes its item's back).
  for (const key of document.querySelectorAll("form[data-outbox] [data-outbox-key]")) {
    key.value = newKey();
  }
  const sendNow = () => Outbox.flush().then(render);
  box.querySelector("[data-outbox-send]").addEventListener("click", sendNow);
  root.addEventListener("online", sendNow);
  root.addEventListener("hashchange", refill);  // "Open" on the item's own page
  if (root.BroadcastChannel) new BroadcastChannel(DB).onmessage = render;
  render().then(refill);
  if (navigator.onLine) sendNow();
})(self);
