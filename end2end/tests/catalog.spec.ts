import { expect, test } from '@playwright/test';
import { expectNoHorizontalOverflow, login, logout, ready } from './helpers';

test('a lead finds a certificate by search and reads each level on a phone', async ({ page }, info) => {
  await login(page, info, 'demo_lead');
  await page.goto('/certificates');
  await ready(page, info);
  await page.getByLabel('搜索证书或培训评价组织').fill('BIM');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByRole('link', { name: '建筑信息模型(BIM)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('建筑信息模型(BIM)');
  await expect(page.locator('[data-level="senior"] .fee')).toContainText('¥500');
  await expect(page.locator('[data-level="junior"] .fee')).toContainText('¥290');
  await expect(page.getByRole('link', { name: /致电/ })).toHaveAttribute('href', /^tel:/);
  // A lead sees no editor.
  await expect(page.getByRole('button', { name: '保存' })).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
  await logout(page, info);
});

test('an organization updates its exam fee and a fee above the cap is refused in Chinese', async ({ page }, info) => {
  await login(page, info, 'demo_org');
  await page.goto('/certificates?q=物流管理');
  await ready(page, info);
  await page.getByRole('link', { name: '物流管理' }).click();
  await ready(page, info);
  const junior = page.locator('details').filter({ hasText: '初级' }).first();
  await junior.locator('summary').click();
  const fee = junior.getByLabel('每人考核费用（元）');
  await fee.fill('700');
  await junior.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('超过考核成本上限').first()).toBeVisible();
  // With scripts the editor stays open; without, the page came back and the editor is closed again.
  const again = page.locator('details').filter({ hasText: '初级' }).first();
  if (!(await again.evaluate((d) => (d as HTMLDetailsElement).open))) await again.locator('summary').click();
  await again.getByLabel('每人考核费用（元）').fill('310');
  await again.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('[data-level="junior"] .fee')).toContainText('¥310');
});

test('a lead checks whether a major may declare a certificate level', async ({ page }, info) => {
  await login(page, info, 'demo_lead');
  await page.goto('/certificates?q=物流管理');
  await ready(page, info);
  await page.getByRole('link', { name: '物流管理' }).click();
  await ready(page, info);
  const junior = page.locator('form.check-major').filter({ hasText: '初级' });
  await junior.getByLabel(/检查本校专业/).fill('530802');
  await junior.getByRole('button', { name: '检查' }).click();
  await expect(page.locator('.eligibility')).toContainText('该专业可以申报此证书等级');
  const again = page.locator('form.check-major').filter({ hasText: '初级' });
  await again.getByLabel(/检查本校专业/).fill('440301');
  await again.getByRole('button', { name: '检查' }).click();
  await expect(page.locator('.eligibility')).toContainText('不在此证书的试点专业范围内');
});

test('a lead asks for a major to be added and the organization accepts it', async ({ page }, info) => {
  // Each project asks for a different major, so the runs do not depend on each other.
  const major = info.project.name === 'hydrated' ? '510202' : '590302';
  await login(page, info, 'demo_lead');
  await page.goto('/certificates?q=物流管理');
  await page.getByRole('link', { name: '物流管理' }).click();
  await ready(page, info);
  const junior = page.locator('form.check-major').filter({ hasText: '初级' });
  await junior.getByLabel(/检查本校专业/).fill(major);
  await junior.getByRole('button', { name: '检查' }).click();
  await expect(page.locator('.eligibility')).toContainText('不在此证书的试点专业范围内');
  await page.getByRole('button', { name: '请培训评价组织增加该专业' }).click();
  if (info.project.name === 'hydrated') {
    await expect(page.getByText('已请培训评价组织确认')).toBeVisible();
  }
  await page.goto('/');
  await expect(page.locator(`.major-requests [data-major="${major}"] .request-status`)).toContainText('等待');
  await logout(page, info);

  await login(page, info, 'demo_org');
  const request = page.locator(`.major-requests [data-major="${major}"]`);
  await request.getByRole('button', { name: '同意增加' }).click();
  await expect(request).toHaveCount(0);
  await logout(page, info);

  await login(page, info, 'demo_lead');
  await expect(page.locator(`.major-requests [data-major="${major}"] .request-status`)).toContainText('已同意');
});
