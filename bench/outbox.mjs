// Driven by bench/outbox: fills the outbox of a logged-in phone with 50 edits and 200 photos while offline,
// comes online, and times the app's sync until the outbox is empty.
import { chromium, devices } from '@playwright/test';

const base = process.env.BENCH_URL;
const offerings = process.env.BENCH_OFFERINGS.split(',');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1'],
});
const context = await browser.newContext({ ...devices['Pixel 7'], baseURL: base });
const page = await context.newPage();
await page.goto('/login');
await page.waitForFunction(() => window.__shenbao_hydrated === true);
await page.getByLabel('用户名').fill('demo_lead');
await page.getByLabel('密码').fill('Demo2026shenbao');
await page.getByRole('button', { name: '登录' }).click();
await page.waitForURL((url) => url.pathname !== '/login');

const ids = [];
for (const offering of offerings) {
  const r = await page.request.post('/api/declarations/create', {
    form: { college_id: process.env.BENCH_COLLEGE, offering },
    headers: { Accept: 'application/json' },
  });
  if (!r.ok()) throw new Error(`create ${offering}: ${r.status()} ${await r.text()}`);
  ids.push(await r.json());
}
await page.goto(`/declarations/${ids[0]}`);
await page.waitForFunction(() => window.__shenbao_hydrated === true);
await context.setOffline(true);

// What the form and the photo uploader would have put there: the same records, written directly.
const photoBytes = await page.evaluate(async ({ ids }) => {
  const canvas = document.createElement('canvas');
  canvas.width = 1600;
  canvas.height = 1200;
  const g = canvas.getContext('2d');
  const image = g.createImageData(1600, 1200);
  for (let i = 0; i < image.data.length; i += 4) {
    const v = (Math.random() * 255) | 0;
    image.data[i] = v; image.data[i + 1] = (v * 7) & 255; image.data[i + 2] = 255 - v; image.data[i + 3] = 255;
  }
  g.putImageData(image, 0, 0);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('shenbao', 1);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const tx = db.transaction('outbox', 'readwrite');
  const store = tx.objectStore('outbox');
  const now = Date.now();
  ids.forEach((id, n) => {
    const draft = {
      declaration_id: id, title: `基准证书 ${n}`, base_version: 1, op_id: crypto.randomUUID(), sent: false, after: [],
      fields: [['majors', ''], ['planned_count', '60'], ['venues', `基准场所 ${n}`], ['teacher_training', ''], ['students', ''],
        ['pilot_years', ''], ['pilot_trained', ''], ['pilot_certified', '']],
      edited_at: now + n, refused: null,
    };
    store.put({ key: `draft:${id}`, json: JSON.stringify(draft) });
    for (let p = 0; p < 4; p++) {
      const photo = {
        declaration_id: id, title: `基准证书 ${n}`, client_id: crypto.randomUUID(), category: 'venue', caption: `照片 ${p}`,
        file_name: 'photo.jpg', added_at: now + n, attempts: 0, next_try_at: 0, refused: null,
      };
      store.put({ key: `photo:${photo.client_id}`, json: JSON.stringify(photo), blob });
    }
  });
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
  return blob.size;
}, { ids });

const waiting = () => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('shenbao', 1);
  open.onsuccess = () => {
    const count = open.result.transaction('outbox').objectStore('outbox').count();
    count.onsuccess = () => resolve(count.result);
  };
  open.onerror = () => reject(open.error);
}));
console.log(`outbox: ${await waiting()} items (50 edits, 200 photos of ${(photoBytes / 1024).toFixed(0)} KB)`);
const started = Date.now();
await context.setOffline(false); // the page's 'online' listener starts the sync
let left = await waiting();
while (left > 0) {
  await page.waitForTimeout(250);
  left = await waiting();
}
const seconds = (Date.now() - started) / 1000;
console.log(`flushed in ${seconds.toFixed(1)} s (${(250 / seconds).toFixed(1)} items/s, ${((200 * photoBytes) / 1048576 / seconds).toFixed(1)} MB/s of photos)`);
await browser.close();
