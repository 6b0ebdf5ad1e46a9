// Driven by bench/first-load: opens the home page in Chromium (Pixel 7, empty cache) as a visitor and as a
// logged-in certificate lead, waits until the page is hydrated and the network is idle, and sums the bytes
// the network actually carried for each file (the encoded body as sent, plus its response headers), as
// Chromium counted them. Then a repeat visit: a new tab once the service worker has installed.
import { chromium, devices } from '@playwright/test';

const base = process.env.BENCH_URL;
const budgets = { visitor: 200 * 1000, lead: 250 * 1000, repeat: 10 * 1000 };
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1'],
});

/** What the network carried for one response: encoded body and headers (from Chromium's own counts). */
async function transferred(response) {
  const sizes = await response.request().sizes();
  return { body: sizes.responseBodySize, headers: sizes.responseHeadersSize };
}

/** Every response from the network while `load` runs in `context` (answers of the service worker's cache
 *  are not network traffic and are counted apart). */
async function traffic(context, load) {
  const seen = [];
  const listener = (response) => seen.push(response);
  context.on('response', listener);
  await load();
  context.off('response', listener);
  const files = [];
  let fromWorker = 0;
  for (const response of seen) {
    const url = new URL(response.url());
    if (url.origin !== new URL(base).origin) continue;
    if (response.fromServiceWorker()) { fromWorker += 1; continue; }
    files.push({ name: url.pathname === '/' ? 'index.html' : url.pathname, status: response.status(), ...(await transferred(response)) });
  }
  return { files, fromWorker };
}

async function hydrated(page, path) {
  await page.goto(path);
  await page.waitForFunction(() => window.__shenbao_hydrated === true);
  await page.waitForLoadState('networkidle');
}

function report(title, { files, fromWorker }) {
  console.log(`\n${title}`);
  console.log(`${'file'.padEnd(64)} ${'status'.padStart(6)} ${'body'.padStart(9)} ${'headers'.padStart(8)}`);
  let total = 0;
  for (const f of files) {
    console.log(`${f.name.slice(0, 64).padEnd(64)} ${String(f.status).padStart(6)} ${String(f.body).padStart(9)} ${String(f.headers).padStart(8)}`);
    total += f.body + f.headers;
  }
  console.log(`${'total over the network'.padEnd(64)} ${String(total).padStart(25)}`);
  if (fromWorker) console.log(`(${fromWorker} files answered by the service worker's cache, no network)`);
  return { total, pkgFetched: files.some((f) => f.name.startsWith('/pkg/')) };
}

// The first loads block the service worker: what it precaches comes after, in the background.
async function firstLoad(storageState) {
  const context = await browser.newContext({ ...devices['Pixel 7'], baseURL: base, storageState, serviceWorkers: 'block' });
  const page = await context.newPage();
  const seen = await traffic(context, () => hydrated(page, '/'));
  await context.close();
  return seen;
}

const visitor = report('Home page, visitor, first load:', await firstLoad());

// A lead logs in once; the cookies then go to a fresh context, so the home loads with an empty cache.
const login = await browser.newContext({ ...devices['Pixel 7'], baseURL: base, serviceWorkers: 'block' });
const page = await login.newPage();
await page.goto('/login');
await page.waitForFunction(() => window.__shenbao_hydrated === true);
await page.getByLabel('用户名').fill('demo_lead');
await page.getByLabel('密码').fill('Demo2026shenbao');
await page.getByRole('button', { name: '登录' }).click();
await page.waitForURL((url) => url.pathname !== '/login');
const storageState = await login.storageState();
await login.close();
const lead = report('Home page, logged-in certificate lead, first load (the sync chunk comes too):', await firstLoad(storageState));

// Repeat visit: the visitor's first tab installs the service worker (it precaches the build, then takes
// control); a new tab of the same browser then opens the home again.
const returning = await browser.newContext({ ...devices['Pixel 7'], baseURL: base });
const first = await returning.newPage();
await hydrated(first, '/');
await first.evaluate(async () => { await navigator.serviceWorker.ready; });
await first.close();
const second = await returning.newPage();
const repeat = report('Home page, visitor, repeat visit in a new tab (service worker installed):', await traffic(returning, () => hydrated(second, '/')));
await returning.close();
await browser.close();

const verdict = (name, figure) => `${name}: ${figure} B (budget ${budgets[name]} B) ${figure <= budgets[name] ? 'met' : 'MISSED'}`;
console.log(`\n${verdict('visitor', visitor.total)}`);
console.log(verdict('lead', lead.total));
console.log(`${verdict('repeat', repeat.total)}; /pkg fetched from the network on the repeat visit: ${repeat.pkgFetched ? 'YES' : 'none'}`);
