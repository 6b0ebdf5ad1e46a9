import { expect, test } from './fixtures';
import { creditCode, login, logout, ready, unique } from './helpers';

test('a new school is added, registers its coordinator, and is activated by the secretariat', async ({ page }, info) => {
  const id = unique(info);
  const school = `测试职业学院${id}`;
  // The secretariat adds the school to the registry.
  await login(page, info, 'demo_secretariat');
  await page.goto('/registry/new');
  await ready(page, info);
  await page.getByLabel('院校名称').fill(school);
  await page.getByLabel('统一社会信用代码').fill(creditCode(`124500004${Date.now().toString().slice(-8)}`));
  await page.getByLabel('学校标识码').fill('4145011234');
  await page.getByLabel('详细地址').fill('南宁市测试路1号');
  await page.getByRole('button', { name: '保存' }).click();
  if (info.project.name === 'hydrated') {
    await expect(page.getByRole('status')).toContainText('已保存');
  }
  await logout(page, info);

  // The school finds itself and registers.
  await page.goto(`/register?q=${encodeURIComponent(school)}`);
  await ready(page, info);
  await page.getByRole('link', { name: '注册本校' }).click();
  await ready(page, info);
  await page.getByLabel('用户名').fill(`coord_${id}`);
  await page.getByLabel('密码', { exact: true }).fill('School2026pw');
  await page.getByLabel('再次输入密码').fill('School2026pw');
  await page.getByLabel('联系人姓名').fill('张老师');
  await page.getByLabel('联系人手机号').fill('13812345678');
  await page.getByLabel('联系人邮箱').fill('zhang@qq.com');
  await page.getByRole('button', { name: '提交注册' }).click();
  await expect(page.getByRole('status')).toContainText('等待秘书处激活');

  // The secretariat activates it.
  await login(page, info, 'demo_secretariat');
  await page.goto('/registry');
  await ready(page, info);
  const card = page.locator(`[data-school="${school}"]`);
  await card.getByRole('button', { name: '激活' }).click();
  await expect(card).toHaveCount(0);
  await logout(page, info);

  await login(page, info, `coord_${id}`, 'School2026pw');
  await expect(page.getByText(school)).toBeVisible();
});

test('a coordinator creates a scoped sub-account that must change its password', async ({ page }, info) => {
  const username = `lead_${unique(info)}`;
  await login(page, info, 'demo_coordinator');
  await page.goto('/school');
  await ready(page, info);
  await page.getByText('新建子账号').click();
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: '创建子账号' }) });
  await form.getByLabel('用户名').fill(username);
  await form.getByLabel('姓名').fill('物流证书负责人');
  await form.getByLabel('手机号').fill('13912345678');
  await form.getByLabel('汽车工程学院').check();
  await form.getByRole('button', { name: '创建子账号' }).click();
  const issued = page.locator('.issued').filter({ hasText: username });
  await expect(issued).toBeVisible();
  const password = (await issued.locator('.issued-password').textContent())!.trim();
  await logout(page, info);

  await login(page, info, username, password);
  await expect(page).toHaveURL(/\/account\/password/);
  await ready(page, info);
  await page.getByLabel('当前密码').fill(password);
  await page.getByLabel('新密码', { exact: true }).fill('Changed2026pw');
  await page.getByLabel('再次输入新密码').fill('Changed2026pw');
  await page.getByRole('button', { name: '保存新密码' }).click();
  await expect(page.locator('.scope li')).toHaveText(['汽车工程学院']);
});

test('a lead of school A sees a refusal, not school B, when it opens school B', async ({ page }, info) => {
  await login(page, info, 'demo_lead');
  // Demo data: school B is the second institution of a fresh database.
  await page.goto('/registry/2');
  await expect(page.getByRole('alert')).toContainText('无权');
  await expect(page.getByText('演示中等职业学校')).toHaveCount(0);
});

test('the credit code is checked as it is typed, with the shared validator', async ({ page }, info) => {
  test.skip(info.project.name !== 'hydrated', 'live checks need scripts; the server checks the same rule on submit');
  await login(page, info, 'demo_secretariat');
  await page.goto('/registry/new');
  await ready(page, info);
  await page.getByLabel('统一社会信用代码').pressSequentially('91350100M000100Y44');
  await expect(page.getByText('校验位不正确')).toBeVisible();
  await page.getByLabel('统一社会信用代码').fill('');
  await page.getByLabel('统一社会信用代码').pressSequentially('91350100M000100Y43');
  await expect(page.getByText('校验位不正确')).toHaveCount(0);
});

test('with scripts off a bad registry entry comes back with the field errors', async ({ page }, info) => {
  test.skip(info.project.name !== 'no-js', 'the scripted path shows the same errors without a reload');
  await login(page, info, 'demo_secretariat');
  await page.goto('/registry/new');
  await page.getByLabel('院校名称').fill('缺信息学院');
  await page.getByLabel('统一社会信用代码').fill('123');
  await page.getByLabel('学校标识码').fill('4145011234');
  await page.getByLabel('详细地址').fill('地址');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.field-error', { hasText: '统一社会信用代码应为18位' })).toBeVisible();
  // Nothing typed is lost: the form comes back filled in.
  await expect(page.getByLabel('院校名称')).toHaveValue('缺信息学院');
  await expect(page.getByLabel('统一社会信用代码')).toHaveValue('123');
});
