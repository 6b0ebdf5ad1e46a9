// Shenbao's service worker.
// - Precaches the app shell and this build's /pkg files under a cache named after the build; older caches
//   are removed on activate.
// - Navigations go to the network first; offline, the last copy of the page is shown, else the offline page.
//   Visited pages (also those opened inside the app, which the page reports) are kept in a separate cache
//   that logging out clears (phones are shared).
// - Server functions, uploads and photos are never cached here: offline data goes through the app itself.
// - A new version waits until the page asks it to take over ("新版本可用"), never switching under the user.
// - A push (JSON {title, body, url} from the server's queue) shows a notification; a tap opens its page in an
//   open window of the app if there is one, else in a new one.
const BUILD = '__SHENBAO_BUILD__'; // replaced by .ci/build-site with a hash of the built files
const SHELL_CACHE = `shenbao-shell-${BUILD}`;
const PAGES_CACHE = 'shenbao-pages';
const SHELL = [
  '/offline.html',
  // replaced by .ci/build-site with every file of the build's /pkg (scripts, main wasm, route chunks, CSS)
  '__SHENBAO_PKG__',
  '/sw-register.js',
  '/manifest.webmanifest',
  '/icons/icon-192.png',
  '/favicon.svg',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => keys.filter((k) => k.startsWith('shenbao-shell-') && k !== SHELL_CACHE))
      .then((old) => Promise.all(old.map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
  const path = event.data && event.data.remember;
  if (typeof path === 'string' && path.startsWith('/')) {
    event.waitUntil(
      fetch(path, { credentials: 'same-origin' })
        .then((response) => response.ok && caches.open(PAGES_CACHE).then((cache) => cache.put(path, response)))
        .catch(() => {}),
    );
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/api/accounts/logout') {
    // The saved pages go only once the server has ended the session: offline, nothing is lost.
    event.respondWith(
      fetch(request).then((response) =>
        response.ok || response.type === 'opaqueredirect'
          ? caches.delete(PAGES_CACHE).then(() => response)
          : response,
      ),
    );
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && response.type === 'basic') {
            const copy = response.clone();
            caches.open(PAGES_CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(() =>
          caches.match(request, { ignoreVary: true }).then((hit) => hit || caches.match('/offline.html')),
        ),
    );
    return;
  }
  if (SHELL.includes(url.pathname) || url.pathname.startsWith('/icons/')) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (_) {
    data = { body: event.data ? event.data.text() : '' };
  }
  const url = typeof data.url === 'string' && data.url.startsWith('/') ? data.url : '/';
  event.waitUntil(
    self.registration.showNotification(data.title || '申报', {
      body: data.body || '',
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      tag: url,
      data: { url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || '/', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const same = windows.find((w) => w.url === target);
      if (same) return same.focus();
      const any = windows.find((w) => 'navigate' in w);
      if (any) return any.navigate(target).then((w) => (w || any).focus());
      return self.clients.openWindow(target);
    }),
  );
});
