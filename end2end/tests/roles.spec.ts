import { expect, test } from './fixtures';
import { expectNoHorizontalOverflow, login, logout, ready } from './helpers';

const roles: [string, string][] = [
  ['demo_secretariat', '秘书处'],
  ['demo_expert', '评审专家'],
  ['demo_org', '培训评价组织'],
  ['demo_coordinator', '校级总账号'],
  ['demo_lead', '证书负责人'],
];

for (const [username, label] of roles) {
  test(`${username} logs in and lands on the ${label} home`, async ({ page }, info) => {
    await login(page, info, username);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(label);
    await expectNoHorizontalOverflow(page);
    await logout(page, info);
  });
}

test('a wrong password says so in Chinese and keeps the user on the login page', async ({ page }, info) => {
  await page.goto('/login');
  await ready(page, info);
  await page.getByLabel('用户名').fill('demo_lead');
  await page.getByLabel('密码').fill('wrong-password-1');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
  await expect(page).toHaveURL(/\/login/);
});

test('each role home shows its own data', async ({ page }, info) => {
  await login(page, info, 'demo_secretariat');
  await expect(page.getByText('待激活注册')).toBeVisible();
  await logout(page, info);
  await login(page, info, 'demo_lead');
  // The demo lead is scoped to its school's first college.
  await expect(page.locator('.scope li')).toHaveCount(1);
  await logout(page, info);
});

test('English can be switched on and stays on after a reload', async ({ page }, info) => {
  await page.goto('/login');
  await ready(page, info);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
});
