import { Browser, expect, Page, TestInfo, test } from './fixtures';
import { controlled, declaration, expectNoHorizontalOverflow, login, logout, newDraft, open, photo, ready, submit } from './helpers';

/** The declaration form's fields as they are on the page. */
async function currentForm(page: Page): Promise<Record<string, string>> {
  return page.locator('form.declaration-form').evaluate((f) => {
    const out: Record<string, string> = {};
    new FormData(f as HTMLFormElement).forEach((v, k) => (out[k] = String(v)));
    return out;
  });
}

/** Takes a photo with the uploader (the phone's camera input) and waits until it is listed. */
async function addPhoto(page: Page, info: TestInfo, bytes: Buffer, category: string, caption: string, count: number) {
  const form = page.locator('form.photo-upload');
  await form.getByLabel('拍照或选择照片').setInputFiles({ name: `${caption}.jpg`, mimeType: 'image/jpeg', buffer: bytes });
  await form.getByLabel('类别').selectOption({ label: category });
  await form.getByLabel('说明').fill(caption);
  await form.getByRole('button', { name: '上传照片' }).click();
  await expect(page.locator('.photo-grid li')).toHaveCount(count);
  await ready(page, info);
}

/** The form of one action button on the declaration page. */
function actionForm(page: Page, label: string) {
  return page.locator('section.actions form').filter({ has: page.getByRole('button', { name: label, exact: true }) });
}

test('a declaration goes from a lead on a phone through the school to the secretariat and back', async ({ page, browser }, info) => {
  // Each project declares another level, so the runs are independent.
  const level = info.project.name === 'hydrated' ? '初级' : '中级';

  // The lead starts a declaration for an open certificate level and fills it on a phone.
  await open(page, info, 'demo_lead', '/declarations');
  await expect(page.locator('.window-state')).toContainText('申报进行中');
  await page.locator('details.new-declaration summary').click();
  await page.getByLabel('证书与等级').selectOption({ label: `物流管理 · ${level}` });
  await page.getByRole('button', { name: '创建草稿' }).click();
  await page.waitForURL(/\/declarations\/\d+$/);
  await ready(page, info);
  const path = new URL(page.url()).pathname;
  const id = path.split('/').pop()!;
  await expect(page.locator('.tag.status')).toHaveText('草稿');
  await page.getByLabel(/申报专业/).fill('530802');
  await page.getByLabel(/计划培训人数/).fill('500');
  await page.getByLabel('教学场所').fill('物流实训中心，面积600平方米');
  // With scripts the flag shows while typing; the number is confirmed only once it is saved.
  if (info.project.name === 'hydrated') await expect(page.locator('.flag-checks')).toContainText('不少于300人');
  await submit(page, info, page.getByRole('button', { name: '保存', exact: true }));
  if (info.project.name === 'hydrated') await expect(page.getByText('已保存。')).toBeVisible();
  await page.reload();
  await ready(page, info);
  await expect(page.locator('.flag-checks')).toContainText('不少于300人');
  await expectNoHorizontalOverflow(page);
  // Two evidence photos, as a phone's camera gives them.
  await addPhoto(page, info, await photo(browser, '#2a6'), '设备', '实训室计算机', 1);
  await addPhoto(page, info, await photo(browser, '#26a'), '场地', '物流实训中心', 2);
  await expect(page.locator('.photo-grid')).toContainText('实训室计算机');
  const thumb = page.locator('.photo-grid img').first();
  await expect(thumb).toHaveJSProperty('complete', true);
  expect(await thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await page.getByRole('button', { name: '确认计划人数无误' }).click();
  await expect(page.locator('.flag-checks')).toContainText('负责人已确认人数');
  await page.getByRole('button', { name: '提交校内审核' }).click();
  await expect(page.locator('.tag.status')).toHaveText('校内审核中');
  await logout(page, info);

  // The coordinator sees the totals and the flag, records the leader's approval and final-submits.
  await open(page, info, 'demo_coordinator', '/declarations');
  await expect(page.locator(`li.declaration[data-id="${id}"]`)).toHaveClass(/flagged/);
  await expect(page.locator('.totals .grand-total')).toContainText('累计人数');
  await page.goto(path);
  await ready(page, info);
  await page.getByLabel('校领导姓名').fill('李明');
  await page.getByLabel('职务').fill('副校长');
  await page.getByLabel('审批日期').fill('2026-03-01');
  await page.getByRole('button', { name: '记录校领导审批' }).click();
  await expect(page.locator('.leader-approval')).toContainText('李明 副校长');
  await page.goto('/declarations');
  await ready(page, info);
  await page.locator(`li.declaration[data-id="${id}"]`).getByLabel('选择').check();
  await page.getByRole('button', { name: '最终提交所选申报书' }).click();
  await expect(page.locator(`li.declaration[data-id="${id}"] .tag.status`)).toHaveText('待审核');
  await logout(page, info);

  // The secretariat returns it with a reason.
  await open(page, info, 'demo_secretariat', path);
  const back = actionForm(page, '退回修改');
  await back.getByLabel('原因或意见（必填）').fill('请补充设备照片');
  await back.getByRole('button', { name: '退回修改' }).click();
  await expect(page.locator('.tag.status')).toHaveText('退回修改');
  await logout(page, info);

  // The lead reads why in the inbox, fixes and resubmits; the coordinator final-submits again.
  await open(page, info, 'demo_lead', '/inbox');
  await expect(page.locator('.inbox li').first()).toContainText('请补充设备照片');
  await page.goto(path);
  await ready(page, info);
  await page.getByLabel('教学场所').fill('物流实训中心，面积600平方米，设备照片已补充');
  await submit(page, info, page.getByRole('button', { name: '保存', exact: true }));
  if (info.project.name === 'hydrated') await expect(page.locator('.save-state')).toHaveText('已保存。');
  await page.reload();
  await expect(page.getByLabel('教学场所')).toHaveValue(/设备照片已补充/);
  await ready(page, info);
  await page.getByRole('button', { name: '提交校内审核' }).click();
  await expect(page.locator('.tag.status')).toHaveText('校内审核中');
  await logout(page, info);
  await open(page, info, 'demo_coordinator', path);
  await page.getByRole('button', { name: '最终提交', exact: true }).click();
  await expect(page.locator('.tag.status')).toHaveText('待审核');
  await logout(page, info);

  // The secretariat approves; the lead sees 已通过 and the whole timeline.
  await open(page, info, 'demo_secretariat', path);
  await actionForm(page, '审批通过').getByRole('button', { name: '审批通过' }).click();
  await expect(page.locator('.tag.status')).toHaveText('已通过');
  await logout(page, info);
  await open(page, info, 'demo_lead', path);
  await expect(page.locator('.tag.status')).toHaveText('已通过');
  // Created, submitted, final-submitted, returned, resubmitted, final-submitted, approved.
  await expect(page.locator('.timeline > li')).toHaveCount(7);
  await expect(page.locator('.timeline')).toContainText('请补充设备照片');
  await expect(page.locator('.photo-grid li')).toHaveCount(2);
  await expect(page.getByRole('button', { name: '保存', exact: true })).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
});

test('a conflict shows both versions and nothing is overwritten until the person chooses', async ({ page }, info) => {
  test.skip(info.project.name !== 'hydrated', 'two tabs editing at once is the case with scripts');
  const id = await newDraft(page, info, '老年照护 · 初级');
  // Another phone saves first (a plain form post, as from a phone without scripts).
  const other = await page.context().request.post('/api/declarations/save', {
    form: { ...(await currentForm(page)), venues: '另一台手机写的场所' },
    headers: { Accept: 'application/json' },
  });
  expect(other.status()).toBe(200);
  await page.getByLabel('教学场所').fill('我写的场所');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  const conflict = page.locator('section.stale');
  await expect(conflict).toContainText('另一台手机写的场所');
  await expect(page.getByLabel('教学场所')).toHaveValue('我写的场所');
  await expect(page.locator('.sync-badge summary')).toContainText('需处理 1');
  expect((await declaration(page, id)).content.venues).toBe('另一台手机写的场所');
  // Even after a reload the conflict and what was typed are both still there.
  await page.reload();
  await ready(page, info);
  await expect(page.getByLabel('教学场所')).toHaveValue('我写的场所');
  await expect(conflict).toContainText('另一台手机写的场所');
  await conflict.getByRole('button', { name: '保留我的内容' }).click();
  await expect(page.locator('.save-state')).toHaveText('已保存。');
  await expect(conflict).toHaveCount(0);
  expect((await declaration(page, id)).content.venues).toBe('我写的场所');

  // Logging out with a change the server has not taken warns first, then clears it from the phone. (A
  // major outside the certificate's range: the server refuses it and it waits for the person.)
  await page.getByLabel(/申报专业/).fill('999999');
  await expect(page.locator('.sync-badge summary')).toContainText('需处理 1');
  await page.goto('/account');
  await ready(page, info);
  await expect(page.locator('.unsynced')).toContainText('1 项修改尚未同步到服务器');
  const asked = page.waitForEvent('dialog').then(async (dialog) => {
    const message = dialog.message();
    await dialog.accept();
    return message;
  });
  await page.getByRole('button', { name: '退出登录' }).click();
  expect(await asked).toContain('1 项修改尚未同步到服务器');
  await page.waitForURL('**/login');
  await login(page, info, 'demo_lead');
  await page.goto(`/declarations/${id}`);
  await ready(page, info);
  await expect(page.getByLabel(/申报专业/)).not.toHaveValue('999999');
  await expect(page.locator('.restored')).toHaveCount(0);
  await expect(page.locator('.sync-badge')).toHaveCount(0);
});

test('offline edits and photos survive a reload and reach the server exactly once', async ({ page, browser }, info) => {
  test.skip(info.project.name !== 'hydrated', 'the outbox lives in the browser');
  const id = await newDraft(page, info, '汽车运用与维修 · 初级');
  await page.getByLabel('教学场所').fill('汽车实训中心');
  await expect(page.locator('.save-state')).toHaveText('已保存。');
  // Opened once online, the page is kept by the service worker.
  await controlled(page);
  await page.reload();
  await ready(page, info);
  await expect(page.getByLabel('教学场所')).toHaveValue('汽车实训中心');
  await expect.poll(() => page.evaluate(async (p) => !!(await caches.match(p, { ignoreVary: true })), `/declarations/${id}`)).toBe(true);

  await page.context().setOffline(true);
  await page.getByLabel('教学场所').fill('汽车实训中心，离线时补充的内容');
  await expect(page.locator('.save-state')).toContainText('已保存在本机');
  await expect(page.locator('.sync-badge summary')).toContainText('待同步 1');
  const form = page.locator('form.photo-upload');
  await form.getByLabel('拍照或选择照片').setInputFiles({ name: 'offline.jpg', mimeType: 'image/jpeg', buffer: await photo(browser, '#a62') });
  await form.getByLabel('说明').fill('离线拍的实训车间');
  await form.getByRole('button', { name: '上传照片' }).click();
  await expect(page.locator('.waiting-photos')).toContainText('离线拍的实训车间');
  await expect(page.locator('.sync-badge summary')).toContainText('待同步 2');

  // Still offline, the page reopens from the phone with everything that was entered.
  await page.reload();
  await ready(page, info);
  await expect(page.locator('.offline-note')).toContainText('当前离线');
  await expect(page.getByLabel('教学场所')).toHaveValue('汽车实训中心，离线时补充的内容');
  await expect(page.locator('.restored')).toBeVisible();
  await expect(page.locator('.waiting-photos li')).toHaveCount(1);

  // Back online, the outbox is sent: once.
  await page.context().setOffline(false);
  await expect(page.locator('.sync-badge summary')).toContainText('已同步', { timeout: 30_000 });
  await expect(page.locator('.waiting-photos')).toHaveCount(0);
  await expect(page.locator('.photo-grid li')).toHaveCount(1);
  const stored = await declaration(page, id);
  expect(stored.content.venues).toBe('汽车实训中心，离线时补充的内容');
  expect(stored.photos.map((p: { caption: string }) => p.caption)).toEqual(['离线拍的实训车间']);
  expect(stored.version).toBe(3);
  await page.reload();
  await ready(page, info);
  await expect(page.getByLabel('教学场所')).toHaveValue('汽车实训中心，离线时补充的内容');
  await expect(page.locator('.restored')).toHaveCount(0);
});

test('an edit left on the phone when the session expires is still counted and is sent after logging in again', async ({ page }, info) => {
  test.skip(info.project.name !== 'hydrated', 'the outbox lives in the browser');
  const id = await newDraft(page, info, '汽车运用与维修 · 高级');
  await expect(page.getByLabel('教学场所')).toBeVisible();
  await page.context().setOffline(true);
  await page.getByLabel('教学场所').fill('高级实训室（会话过期前填写）');
  await expect(page.locator('.sync-badge summary')).toContainText('待同步 1');

  // The session ends while the edit waits; back online, the home page is a visitor's, and still tells the truth.
  await page.context().clearCookies();
  await page.context().setOffline(false);
  await page.goto('/');
  await ready(page, info);
  await expect(page.getByRole('link', { name: '登录' }).first()).toBeVisible();
  await expect(page.locator('.sync-badge summary')).toContainText('待同步 1');
  await page.locator('.sync-badge summary').click();
  await expect(page.locator('.sync-details')).toContainText('登录已过期');

  await login(page, info, 'demo_lead');
  await expect(page.locator('.sync-badge summary')).toContainText('已同步', { timeout: 30_000 });
  expect((await declaration(page, id)).content.venues).toBe('高级实训室（会话过期前填写）');
});
