import { expect, Page, test } from './fixtures';
import { logout, newDraft, open, ready, submit } from './helpers';

const PAYLOAD = '</textarea><img src=x onerror=alert(1)><script>alert(2)</script>';

/** Records every dialog (an alert would mean injected script ran) and every CSP violation of the page. */
function watch(page: Page) {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) seen.push(`csp: ${m.text().slice(0, 200)}`);
  });
  return seen;
}

test('markup typed into a text area stays text for everyone who reads it, and a crafted link runs nothing', async ({ page }, info) => {
  const seen = watch(page);
  const level = info.project.name === 'hydrated' ? '初级' : '中级';
  const id = await newDraft(page, info, `网络系统建设与运维 · ${level}`);
  await page.getByLabel('教学场所').fill(PAYLOAD);
  await page.getByLabel('学生情况').fill(PAYLOAD);
  await submit(page, info, page.getByRole('button', { name: '保存', exact: true }));
  if (info.project.name === 'hydrated') await expect(page.getByText('已保存。')).toBeVisible();

  // Read back after a reload (server-rendered, then hydrated) by the lead, then by the coordinator.
  await page.reload();
  await ready(page, info);
  await expect(page.getByLabel('教学场所')).toHaveValue(PAYLOAD);
  await expect(page.getByLabel('学生情况')).toHaveValue(PAYLOAD);
  await logout(page, info);
  await open(page, info, 'demo_coordinator', `/declarations/${id}`);
  await expect(page.getByLabel('教学场所')).toHaveValue(PAYLOAD);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  // The old echo through the URL is gone: a link cannot put text into a form or show an error.
  const crafted = encodeURIComponent(JSON.stringify({ offering: 'new', equipment: PAYLOAD }));
  await page.goto(`/certificates/1?form_values=${crafted}&form_error=%7B%22NotFound%22%3Anull%7D`);
  await ready(page, info);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(seen).toEqual([]);
});

test('a form refused without scripts comes back with what was typed, as text, and no address carries it', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-js', 'the flash is how plain form posts come back');
  const seen = watch(page);
  const id = await newDraft(page, info, '网络系统建设与运维 · 高级');
  await page.getByLabel('教学场所').fill(PAYLOAD);
  await page.getByLabel(/计划培训人数/).fill('200000');
  await submit(page, info, page.getByRole('button', { name: '保存', exact: true }));
  expect(page.url()).toMatch(new RegExp(`/declarations/${id}\\?flash=[0-9a-f]{32}$`));
  await expect(page.getByRole('alert').first()).toContainText('计划培训人数应为0到100000之间的整数');
  await expect(page.getByLabel('教学场所')).toHaveValue(PAYLOAD);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(seen).toEqual([]);
});
