// Registers the service worker. When a new version has installed, it offers a reload instead of switching
// under the user; the page reloads once the new worker has taken over.
(function () {
  if (!('serviceWorker' in navigator)) return;
  var english = document.documentElement.lang === 'en';
  function offer(worker) {
    if (!navigator.serviceWorker.controller || document.querySelector('.update-bar')) return;
    var bar = document.createElement('div');
    bar.className = 'update-bar';
    bar.setAttribute('role', 'status');
    var text = document.createElement('span');
    text.textContent = english ? 'A new version is available.' : '新版本可用。';
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = english ? 'Reload' : '刷新';
    button.addEventListener('click', function () { worker.postMessage('skip-waiting'); });
    bar.append(text, ' ', button);
    document.body.appendChild(bar);
  }
  // Pages opened inside the app (client-side navigation) never reach the worker as navigations: ask it to
  // keep a copy of each, so they can be read offline too.
  function remember() {
    var worker = navigator.serviceWorker.controller;
    if (worker) worker.postMessage({ remember: location.pathname + location.search });
  }
  var pushState = history.pushState;
  history.pushState = function () {
    pushState.apply(this, arguments);
    remember();
    offlineNote();
  };
  window.addEventListener('popstate', function () {
    remember();
    offlineNote();
  });

  // Offline, say so, and how old the copy being read is (the Date of the response the worker kept).
  function offlineNote() {
    var old = document.querySelector('.offline-note');
    if (navigator.onLine) {
      if (old) old.remove();
      return;
    }
    caches
      .open('shenbao-pages')
      .then(function (cache) { return cache.match(location.pathname + location.search, { ignoreVary: true }); })
      .catch(function () { return null; })
      .then(function (hit) {
        var note = document.querySelector('.offline-note') || document.createElement('div');
        note.className = 'offline-note';
        note.setAttribute('role', 'status');
        var date = hit && hit.headers.get('date') ? new Date(hit.headers.get('date')) : null;
        var when = date ? date.toLocaleString(english ? 'en-GB' : 'zh-CN', { hour12: false }) : '';
        note.textContent = english
          ? 'Offline.' + (when ? ' This page was last updated ' + when + '.' : '')
          : '当前离线。' + (when ? '本页内容更新于 ' + when + '。' : '');
        if (!note.parentNode) document.body.appendChild(note);
      });
  }
  window.addEventListener('online', offlineNote);
  window.addEventListener('offline', offlineNote);

  // Once an hour while online, keep copies of the pages this person needs offline: the library, notices,
  // FAQ, certificates, inbox, and their own declarations with their certificates.
  function keepForOffline() {
    var worker = navigator.serviceWorker.controller;
    var last = Number(localStorage.getItem('shenbao.prefetched_at') || 0);
    if (!worker || !navigator.onLine || Date.now() - last < 3600 * 1000) return;
    fetch('/api/offline/paths', { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (paths) {
        if (!paths) return;
        localStorage.setItem('shenbao.prefetched_at', String(Date.now()));
        paths.forEach(function (path) { worker.postMessage({ remember: path }); });
      })
      .catch(function () {});
  }
  window.addEventListener('load', function () {
    offlineNote();
    navigator.serviceWorker.ready.then(keepForOffline);
    navigator.serviceWorker.register('/sw.js').then(function (registration) {
      if (registration.waiting) offer(registration.waiting);
      registration.addEventListener('updatefound', function () {
        var worker = registration.installing;
        if (!worker) return;
        worker.addEventListener('statechange', function () {
          if (worker.state === 'installed') offer(worker);
        });
      });
    });
    var reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      if (reloading || !document.querySelector('.update-bar')) return;
      reloading = true;
      window.location.reload();
    });
  });
})();
