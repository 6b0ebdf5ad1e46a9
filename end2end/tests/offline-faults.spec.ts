import { expect, Page, test } from './fixtures';
import { controlled, declaration, login, logout, newDraft, photo, ready } from './helpers';

// Faults a lead meets on a phone with weak signal: each of these once lost work or sent it as someone else.

test.beforeEach(async ({}, info) => {
  test.skip(info.project.name !== 'hydrated', 'the outbox lives in the browser');
});

/** A record of the outbox (IndexedDB `shenbao`, store `outbox`), parsed, or null. */
async function outboxRecord(page: Page, key: string): Promise<any> {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('shenbao');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('outbox').objectStore('outbox').get(key);
          get.onsuccess = () => resolve(get.result ? JSON.parse(get.result.json) : null);
          get.onerror = () => reject(get.error);
        };
      }),
    key,
  );
}

/** Replaces a record's JSON in the outbox (an outbox as an older version of the app left it). */
async function rewriteOutboxRecord(page: Page, key: string, change: (json: any) => any) {
  const json = change(await outboxRecord(page, key));
  await page.evaluate(
    ([key, json]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('shenbao');
        open.onsuccess = () => {
          const tx = open.result.transaction('outbox', 'readwrite');
          tx.objectStore('outbox').put({ key, json });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    [key, JSON.stringify(json)] as const,
  );
}

/** Runs the sync now from the badge and waits until that pass has ended. */
async function syncNow(page: Page) {
  const badge = page.locator('.sync-badge');
  if (!(await badge.evaluate((d) => (d as HTMLDetailsElement).open))) await badge.locator('summary').click();
  const button = badge.getByRole('button', { name: '立即同步' });
  await button.click();
  await expect(button).toBeEnabled();
}

test('a long offline session and lost answers never strand an edit', async ({ page }) => {
  test.setTimeout(180_000);
  const id = await newDraft(page, test.info(), '物联网安装调试与运维 · 初级');
  await page.context().setOffline(true);
  // Type, let the sync try, and again: far more times than the server takes earlier ids.
  for (let n = 1; n <= 55; n++) {
    await page.getByLabel('教学场所').fill(`离线第 ${n} 次修改`);
    await expect.poll(async () => (await outboxRecord(page, `draft:${id}`))?.fields?.find((f: string[]) => f[0] === 'venues')?.[1]).toBe(`离线第 ${n} 次修改`);
    await syncNow(page);
  }
  const offline = await outboxRecord(page, `draft:${id}`);
  expect(offline.sent, 'nothing was put on the wire while offline').toBe(false);
  expect(offline.after).toEqual([]);

  // Online, three answers are lost on the way back (the server applied the saves): still no conflict.
  let lost = 0;
  await page.route('**/api/declarations/save', async (route) => {
    if (lost < 3) {
      lost++;
      await route.fetch();
      await route.abort();
    } else {
      await route.continue();
    }
  });
  await page.context().setOffline(false);
  for (let n = 1; n <= 3; n++) {
    await page.getByLabel('教学场所').fill(`联网后第 ${n} 次修改`);
    await expect.poll(() => lost).toBeGreaterThanOrEqual(n);
  }
  await page.getByLabel('教学场所').fill('最后的内容');
  await expect(page.locator('.save-state')).toHaveText('已保存。', { timeout: 30_000 });
  // "已保存。" can be the answer to the retried earlier edit while the last one still waits in the outbox
  // (seen as "待同步 1"): the edit is stranded only if the outbox never empties.
  await expect(page.locator('.sync-badge summary')).toContainText('已同步', { timeout: 30_000 });
  await expect(page.locator('section.stale')).toHaveCount(0);
  expect((await declaration(page, id)).content.venues).toBe('最后的内容');

  // An outbox left by an older version, its list of unanswered ids grown past what the server takes.
  await page.context().setOffline(true);
  await page.getByLabel('教学场所').fill('旧版本留下的修改');
  await expect.poll(async () => (await outboxRecord(page, `draft:${id}`)) !== null).toBe(true);
  await rewriteOutboxRecord(page, `draft:${id}`, (d) => ({
    ...d,
    chain: '',
    after: Array.from({ length: 60 }, (_, n) => `op-old-${String(n).padStart(4, '0')}`),
  }));
  await page.context().setOffline(false);
  await syncNow(page);
  await expect.poll(async () => (await declaration(page, id)).content.venues, { timeout: 30_000 }).toBe('旧版本留下的修改');
  await expect(page.locator('.sync-badge summary')).toContainText('已同步');
});

test('a page reopened offline starts from the last save the server confirmed', async ({ page }) => {
  const id = await newDraft(page, test.info(), '物联网安装调试与运维 · 中级');
  await controlled(page);
  await page.reload();
  await ready(page, test.info());
  await page.getByLabel('教学场所').fill('联网时保存的场所');
  await expect(page.locator('.save-state')).toHaveText('已保存。');
  expect((await declaration(page, id)).version).toBe(2);

  await page.goto('/declarations');
  await ready(page, test.info());
  await page.context().setOffline(true);
  await page.goto(`/declarations/${id}`);
  await ready(page, test.info());
  await expect(page.locator('.offline-note')).toContainText('当前离线');
  await expect(page.getByLabel('教学场所')).toHaveValue('联网时保存的场所');
  await expect(page.locator('form.declaration-form input[name="version"]')).toHaveValue('2');
  await page.getByLabel('学生情况').fill('离线补充的学生情况');
  await expect(page.locator('.sync-badge summary')).toContainText('待同步 1');

  await page.context().setOffline(false);
  await expect(page.locator('.sync-badge summary')).toContainText('已同步', { timeout: 30_000 });
  await expect(page.locator('section.stale')).toHaveCount(0);
  const stored = await declaration(page, id);
  expect([stored.version, stored.content.venues, stored.content.students]).toEqual([3, '联网时保存的场所', '离线补充的学生情况']);
});

test('a photo is on the phone before the first try, and a stalled connection gives up instead of hanging', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const id = await newDraft(page, test.info(), '建筑信息模型(BIM) · 初级');
  // The server takes the upload but never answers.
  await page.route(`**/api/declarations/${id}/photos`, () => {});
  const form = page.locator('form.photo-upload');
  await form.getByLabel('拍照或选择照片').setInputFiles({ name: 'stalled.jpg', mimeType: 'image/jpeg', buffer: await photo(browser, '#369') });
  await form.getByLabel('说明').fill('卡住时拍的实训室');
  await form.getByRole('button', { name: '上传照片' }).click();
  await expect(page.locator('.waiting-photos')).toContainText('卡住时拍的实训室');
  // Reloaded while the upload hangs: the photo is still on the phone, and the next page sends it.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.reload();
  await ready(page, test.info());
  await expect(page.locator('.photo-grid li')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator('.waiting-photos')).toHaveCount(0);

  // An edit stuck on a dead connection gives up after a while and says so; nothing is lost, and it goes
  // soon after the server answers again.
  await page.route('**/api/declarations/save', () => {});
  await page.getByLabel('教学场所').fill('等待服务器时填写');
  await expect(page.locator('.save-state')).toContainText('正在保存');
  await expect(page.locator('.save-state')).toContainText('服务器暂时没有响应', { timeout: 45_000 });
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await expect(page.locator('.save-state')).toHaveText('已保存。', { timeout: 60_000 });
  const stored = await declaration(page, id);
  expect(stored.photos.map((p: { caption: string }) => p.caption)).toEqual(['卡住时拍的实训室']);
  expect(stored.content.venues).toBe('等待服务器时填写');
});

test('logging out offline keeps everything and says why', async ({ page }) => {
  const id = await newDraft(page, test.info(), '建筑信息模型(BIM) · 中级');
  await controlled(page);
  await page.goto('/account');
  await ready(page, test.info());
  await page.goto(`/declarations/${id}`);
  await ready(page, test.info());
  await page.context().setOffline(true);
  await page.getByLabel('教学场所').fill('离线时写、还没同步');
  await expect(page.locator('.sync-badge summary')).toContainText('待同步 1');
  await page.goto('/account');
  await ready(page, test.info());
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.locator('.logout-failed')).toContainText('现在没有网络，不能退出登录');
  await expect(page.locator('.sync-badge summary')).toContainText('待同步 1');

  await page.context().setOffline(false);
  await expect(page.locator('.sync-badge summary')).toContainText('已同步', { timeout: 30_000 });
  expect((await declaration(page, id)).content.venues).toBe('离线时写、还没同步');
  await logout(page, test.info());
});

test('an edit waiting on the phone is sent only as the account that made it', async ({ page }) => {
  const id = await newDraft(page, test.info(), '建筑信息模型(BIM) · 高级');
  await page.context().setOffline(true);
  await page.getByLabel('教学场所').fill('负责人离线写的场所');
  await expect(page.locator('.sync-badge summary')).toContainText('待同步 1');

  // The lead's session ends; the coordinator, who may edit the same declaration, logs in on this phone.
  await page.context().clearCookies();
  await page.context().setOffline(false);
  await login(page, test.info(), 'demo_coordinator');
  await expect(page.locator('.sync-badge summary')).toContainText('其他账号待同步 1', { timeout: 30_000 });
  await page.locator('.sync-badge summary').click();
  await expect(page.locator('.sync-details .others')).toContainText('只会以其账号发送');
  await syncNow(page);
  expect((await declaration(page, id)).content.venues).toBe('');
  await logout(page, test.info());

  // Logging out cleared the coordinator's things, not the lead's; the lead logs in again and it is sent.
  await login(page, test.info(), 'demo_lead');
  await expect(page.locator('.sync-badge summary')).toContainText('已同步', { timeout: 30_000 });
  expect((await declaration(page, id)).content.venues).toBe('负责人离线写的场所');
});
