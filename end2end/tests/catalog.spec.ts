import { expect, test } from './fixtures';
import { expectNoHorizontalOverflow, login, logout, ready, unique } from './helpers';

test('a lead finds a certificate by search and reads each level on a phone', async ({ page }, info) => {
  await login(page, info, 'demo_lead');
  await page.goto('/certificates');
  await ready(page, info);
  await page.getByLabel(/搜索证书/).fill('BIM');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByRole('link', { name: '建筑信息模型(BIM)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('建筑信息模型(BIM)');
  await expect(page.locator('[data-level="senior"] .fee')).toContainText('¥500');
  await expect(page.locator('[data-level="junior"] .fee')).toContainText('¥290');
  await expect(page.getByRole('link', { name: /致电/ })).toHaveAttribute('href', /^tel:/);
  // A lead sees no editor.
  await expect(page.getByRole('button', { name: '保存', exact: true })).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
  await logout(page, info);
});

test('an organization updates its exam fee and a fee above the cap is refused in Chinese', async ({ page }, info) => {
  await login(page, info, 'demo_org');
  await page.goto('/certificates?q=物流管理');
  await ready(page, info);
  await page.locator('.certificates').getByRole('link', { name: '物流管理' }).click();
  await ready(page, info);
  const junior = page.locator('details[data-offering$="-junior"]');
  await junior.locator('summary').click();
  const fee = junior.getByLabel('每人考核费用（元）');
  await fee.fill('700');
  await junior.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('超过考核成本上限').first()).toBeVisible();
  // With scripts the editor stays open; without, the page came back and the editor is closed again, but
  // with what was typed in it.
  const again = page.locator('details[data-offering$="-junior"]');
  if (!(await again.evaluate((d) => (d as HTMLDetailsElement).open))) await again.locator('summary').click();
  await expect(again.getByLabel('每人考核费用（元）')).toHaveValue('700');
  await again.getByLabel('每人考核费用（元）').fill('310');
  await again.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.locator('[data-level="junior"] .fee')).toContainText('¥310');
});

test('a lead checks whether a major may declare a certificate level', async ({ page }, info) => {
  await login(page, info, 'demo_lead');
  await page.goto('/certificates?q=物流管理');
  await ready(page, info);
  await page.locator('.certificates').getByRole('link', { name: '物流管理' }).click();
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
  await page.locator('.certificates').getByRole('link', { name: '物流管理' }).click();
  await ready(page, info);
  const junior = page.locator('form.check-major').filter({ hasText: '初级' });
  await junior.getByLabel(/检查本校专业/).fill(major);
  await junior.getByRole('button', { name: '检查' }).click();
  await expect(page.locator('.eligibility')).toContainText('不在此证书的试点专业范围内');
  // The check is a plain GET form: wait for the page it loads to be interactive.
  await ready(page, info);
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

test('pinyin initials find a certificate and a major shows what it may declare', async ({ page }, info) => {
  await page.goto('/certificates');
  await ready(page, info);
  await page.getByLabel(/搜索证书/).fill('lnzh');
  await page.getByRole('button', { name: '搜索' }).click();
  await expect(page.locator('.certificates .title')).toHaveText(['老年照护']);
  await page.goto('/certificates?q=530802');
  await expect(page.locator('.majors-found')).toContainText('物流管理');
  await expect(page.locator('.majors-found').getByRole('link', { name: '物流管理' })).toHaveAttribute('href', /\/certificates\/\d+/);
  await expectNoHorizontalOverflow(page);
});

test('an organization publishes an equipment list and a lead checks the school against it', async ({ page }, info) => {
  const level = info.project.name === 'hydrated' ? 'intermediate' : 'senior';
  await login(page, info, 'demo_org');
  await page.goto('/certificates?q=物流管理');
  await page.locator('.certificates').getByRole('link', { name: '物流管理' }).click();
  await ready(page, info);
  const editor = page.locator(`details[data-offering$="-${level}"]`);
  await editor.locator('summary').click();
  await editor.getByLabel(/设备与软件清单/).fill('叉车模拟器 | 含考核软件 | 2\n计算机 | i5 | 40');
  await editor.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.locator(`[data-level="${level}"] table.equipment tbody tr`)).toHaveCount(2);
  await page.locator('details.history summary').click();
  await expect(page.locator('details.history')).toContainText('设备清单：3 项 → 2 项');
  await logout(page, info);

  await login(page, info, 'demo_lead');
  await page.goto('/certificates?q=物流管理');
  await page.locator('.certificates').getByRole('link', { name: '物流管理' }).click();
  await ready(page, info);
  const check = page.locator(`details.assessment[data-level="${level}"]`);
  await check.locator('summary').click();
  const forklift = check.locator('fieldset').filter({ hasText: '叉车模拟器' });
  await forklift.getByLabel('已具备').check();
  await forklift.getByLabel('现有数量').fill('2');
  await check.getByRole('button', { name: '保存自查' }).click();
  const saved = page.locator(`details.assessment[data-level="${level}"]`);
  if (!(await saved.evaluate((d) => (d as HTMLDetailsElement).open))) await saved.locator('summary').click();
  await expect(saved.locator('.error-box')).toContainText('尚缺：计算机');
  await expectNoHorizontalOverflow(page);
});

test('the secretariat imports majors: a bad file is reported row by row and nothing is imported', async ({ page }, info) => {
  await login(page, info, 'demo_secretariat');
  await page.goto('/majors');
  await ready(page, info);
  await expect(page.locator('.majors-total')).toContainText('共 7 个专业');
  await page.getByLabel('选择文件').setInputFiles({
    name: 'majors.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('专业代码,专业名称,层次\n61020,云计算,专科\n'),
  });
  await page.getByRole('button', { name: '导入' }).click();
  await page.waitForURL(/\/majors\/imports\/\d+/);
  await expect(page.getByRole('alert')).toContainText('未导入任何数据');
  await expect(page.locator('table.report')).toContainText('专业代码应为6位数字');
  await page.getByRole('link', { name: '返回专业目录' }).click();
  await expect(page.locator('.majors-total')).toContainText('共 7 个专业');
});

test('the secretariat adds an organization and a certificate that leads then find', async ({ page }, info) => {
  const name = `演示组织${unique(info)}`;
  await login(page, info, 'demo_secretariat');
  await page.goto('/organizations');
  await ready(page, info);
  const add = page.locator('details').filter({ hasText: '新增培训评价组织' }).first();
  await add.locator('summary').click();
  await add.getByLabel('组织名称').fill(name);
  await add.getByLabel('联系电话').fill('0771-1234567');
  await add.getByRole('button', { name: '保存' }).click();
  const org = page.locator(`section[data-organization="${name}"]`);
  await expect(org).toBeVisible();
  const addCert = org.locator('details').filter({ hasText: '新增证书' });
  await addCert.locator('summary').click();
  await addCert.getByLabel('证书名称').fill(`${name}证书`);
  await addCert.getByRole('button', { name: '保存证书' }).click();
  await expect(page.locator(`section[data-organization="${name}"]`).getByRole('link', { name: `${name}证书` })).toBeVisible();
  await page.goto(`/certificates?q=${encodeURIComponent(name)}`);
  await expect(page.locator('.certificates .title')).toHaveText([`${name}证书`]);
});
