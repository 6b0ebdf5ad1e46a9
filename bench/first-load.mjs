// Driven by bench/first-load: opens the home page in Chromium (Pixel 7, empty cache, no service worker yet)
// as a visitor and as a logged-in certificate lead, waits until the page is hydrated and the network is
// idle, and sums what the page itself fetched: raw, gzip -9 and brotli -q 11 bytes per file.
import { chromium, devices } from '@playwright/test';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const base = process.env.BENCH_URL;
const budget = 250 * 1000;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1'],
});

const sizes = (body) => ({
  raw: body.length,
  gzip: gzipSync(body, { level: 9 }).length,
  brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

/** Everything the page fetched while loading `path` in a fresh context (cookies from `storageState`). */
async function firstLoad(path, storageState) {
  // The service worker is blocked: what it precaches for offline use comes after the first load, in the
  // background, and is reported separately by bench/first-load.
  const context = await browser.newContext({ ...devices['Pixel 7'], baseURL: base, storageState, serviceWorkers: 'block' });
  const page = await context.newPage();
  const responses = [];
  page.on('response', (response) => responses.push(response));
  await page.goto(path);
  await page.waitForFunction(() => window.__shenbao_hydrated === true);
  await page.waitForLoadState('networkidle');
  const files = [];
  for (const response of responses) {
    const url = new URL(response.url());
    if (url.origin !== new URL(base).origin || response.status() !== 200) continue;
    files.push({ name: url.pathname === '/' ? 'index.html' : url.pathname, ...sizes(await response.body()) });
  }
  await context.close();
  return files;
}

function report(title, files) {
  console.log(`\n${title}`);
  console.log(`${'file'.padEnd(60)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}`);
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    console.log(`${f.name.slice(0, 60).padEnd(60)} ${String(f.raw).padStart(9)} ${String(f.gzip).padStart(9)} ${String(f.brotli).padStart(9)}`);
    for (const k of Object.keys(total)) total[k] += f[k];
  }
  console.log(`${'total'.padEnd(60)} ${String(total.raw).padStart(9)} ${String(total.gzip).padStart(9)} ${String(total.brotli).padStart(9)}`);
  return total.brotli;
}

const visitor = report('Home page, visitor (the budgeted first load):', await firstLoad('/'));

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
report('Home page, logged-in certificate lead (the sync chunk comes too):', await firstLoad('/', storageState));

await browser.close();
console.log(`\nbudget ${budget} B brotli for the visitor's home: ${visitor <= budget ? 'met' : 'MISSED'} (${visitor} B)`);
