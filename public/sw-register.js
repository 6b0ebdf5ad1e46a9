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
  };
  window.addEventListener('popstate', remember);
  window.addEventListener('load', function () {
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
