/* Etalase service worker (issue 15): the owners' and officers' forms without signal.
   Hand-written, no build step. Shell: versioned precache, cache first. Pages: network
   first, the copy last seen (offline pages only) or the offline page without signal.
   A form posted when the network fails is kept in the outbox (outbox.js) and sent later. */
"use strict";
const CONFIG = {{ config|safe }};
self.OUTBOX_LOGIN = CONFIG.login;
importScripts(CONFIG.outbox);

const SHELL = "etalase-shell-" + CONFIG.version;
const PAGES = "etalase-pages";
const OFFLINE_PAGES = CONFIG.pages.map((p) => new RegExp(p));
const isOfflinePage = (path) => OFFLINE_PAGES.some((re) => re.test(path));

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL)
    .then((cache) => cache.addAll(CONFIG.shell))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys
      .filter((key) => key.startsWith("etalase-shell-") && key !== SHELL)
      .map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

async function page(request) {
  const path = new URL(request.url).pathname;
  try {
    const response = await fetch(request);
    if (response.status === 200 && !response.redirected && isOfflinePage(path)) {
      const copy = response.clone();
      caches.open(PAGES).then((cache) => cache.put(request, copy));
    }
    return response;
  } catch (error) {
    const kept = await caches.match(request, {ignoreVary: true});
    return kept || (await caches.match(CONFIG.offline)) || Response.error();
  }
}

async function postOrKeep(request) {
  // The signal was there when the page looked (navigator.onLine) but the post failed:
  // keep the form in the outbox and show the page again, from its kept copy.
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch (error) {
    const data = await copy.formData();
    await Outbox.put(Outbox.item(data, request.url, ""));
    return Response.redirect(request.url, 303);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && request.method === "GET") {
    event.respondWith(page(request));
  } else if (request.mode === "navigate" && request.method === "POST"
             && isOfflinePage(url.pathname)) {
    event.respondWith(postOrKeep(request));
  } else if (request.method === "GET" && CONFIG.shell.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});

// Background Sync, where the browser has it: the outbox is sent when the signal returns,
// even with the page closed.
self.addEventListener("sync", (event) => {
  if (event.tag === "outbox") event.waitUntil(Outbox.flush());
});

self.addEventListener("message", (event) => {
  if (event.data === "flush") event.waitUntil(Outbox.flush());
  if (event.data === "forget-pages") event.waitUntil(caches.delete(PAGES));
});
