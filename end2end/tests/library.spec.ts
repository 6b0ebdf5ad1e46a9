import { expect, test } from './fixtures';
import { expectNoHorizontalOverflow, login, logout, ready, unique } from './helpers';

test('anyone finds a policy document by its number and sees which ones have no link', async ({ page }, info) => {
  await page.goto('/library');
  await ready(page, info);
  await page.getByLabel('按标题或文号搜索').fill('国发〔2019〕4号');
  await page.getByRole('button', { name: '筛选' }).click();
  const items = page.locator('.policies > li');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('国家职业教育改革实施方案');
  await expect(items.first().getByRole('link', { name: '查看原文' })).toHaveAttribute('href', /gov\.cn/);

  await page.goto('/library?scope=national');
  await expect(page.locator('.policies > li')).toHaveCount(24);
  await expect(page.locator('.no-link')).toHaveCount(7);
  await expectNoHorizontalOverflow(page);
});

test('the FAQ is searchable and the secretariat can be called with one tap', async ({ page }, info) => {
  await page.goto('/faq');
  await ready(page, info);
  await page.getByLabel('搜索问题和答案').fill('累计人数');
  await page.getByRole('button', { name: '搜索' }).click();
  await expect(page.locator('details.faq')).toHaveCount(1);
  await expect(page.getByRole('link', { name: '0771-6709558' })).toHaveAttribute('href', 'tel:0771-6709558');
  await expect(page.getByRole('link', { name: 'gxyjxmsc@gxgsxy.com' })).toHaveAttribute('href', 'mailto:gxyjxmsc@gxgsxy.com');
});

test('a notice the secretariat publishes reaches the home page of a lead', async ({ page }, info) => {
  const title = `申报培训通知${unique(info)}`;
  await login(page, info, 'demo_secretariat');
  await page.goto('/notices');
  await ready(page, info);
  await page.getByText('发布通知').click();
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('正文').fill('请各校证书负责人参加线上培训。');
  await page.getByLabel('发布对象').selectOption('lead');
  await page.getByRole('button', { name: '发布' }).click();
  await expect(page.locator('.notice-card').filter({ hasText: title })).toBeVisible();
  await logout(page, info);

  await login(page, info, 'demo_lead');
  await expect(page.locator('.latest-notices')).toContainText(title);
  await logout(page, info);
  await login(page, info, 'demo_coordinator');
  await expect(page.getByText(title)).toHaveCount(0);
});
