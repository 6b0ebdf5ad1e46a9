import { expect, Page, TestInfo, test } from './fixtures';
import { expectNoHorizontalOverflow, login, logout, ready, submit } from './helpers';

/** A server function called as the logged-in page's user (form in, JSON out). */
async function call(page: Page, endpoint: string, form: Record<string, string>) {
  const response = await page.request.post(`/api/${endpoint}`, { form, headers: { Accept: 'application/json' } });
  expect(response.status(), `${endpoint}: ${await response.text()}`).toBe(200);
  return response.json();
}

/** Scores the assignment of one declaration as the logged-in expert, on the phone. */
async function score(page: Page, info: TestInfo, title: string, marks: string[], recommendation: string, comment: string) {
  await page.goto('/assignments');
  await ready(page, info);
  await page.locator('.assignments li', { hasText: title }).getByRole('link').click();
  await ready(page, info);
  await expect(page.locator('section.photos')).toBeVisible();
  const form = page.locator('form.score');
  for (const [n, mark] of marks.entries()) await form.locator(`input[name="marks[${n}]"]`).fill(mark);
  await form.getByLabel(recommendation).check();
  await form.getByLabel('评审意见').fill(comment);
  await submit(page, info, form.getByRole('button', { name: '提交评分' }));
  if (info.project.name === 'hydrated') await expect(page.getByText('评分已保存。')).toBeVisible();
  // Reopened, the form shows the score the server keeps.
  await page.reload();
  await ready(page, info);
  await expect(page.locator('form.score input[name="marks[0]"]')).toHaveValue(marks[0]);
  await expect(page.locator('form.score').getByLabel(recommendation)).toBeChecked();
}

test('experts score on phones and the secretariat approves in one decision', async ({ page }, info) => {
  // Each project reviews its own declaration, so the runs are independent.
  const offering = info.project.name === 'hydrated' ? '老年照护 · 中级' : '汽车运用与维修 · 中级';
  await login(page, info, 'demo_lead');
  const options = await call(page, 'declarations/create-options', {});
  const [certificate, level] = offering.split(' · ');
  const levelCode = level === '中级' ? 'intermediate' : 'junior';
  const choice = options.offerings.find((o: [number, string, string]) => o[1] === certificate && o[2] === 'Intermediate');
  expect(choice, JSON.stringify(options.offerings)).toBeTruthy();
  const id = String(
    await call(page, 'declarations/create', { college_id: String(options.colleges[0][0]), offering: `${choice[0]}:${levelCode}` }),
  );
  const majors = certificate === '老年照护' ? '590302' : '500211';
  await call(page, 'declarations/save', {
    id, version: '1', majors, planned_count: '80', venues: '实训中心', teacher_training: '3名教师已培训', students: '在校生200人',
    pilot_years: '', pilot_trained: '', pilot_certified: '',
  });
  await call(page, 'declarations/act', { id, action: 'Submit', comment: '' });
  await logout(page, info);
  await login(page, info, 'demo_coordinator');
  await call(page, 'declarations/act', { id, action: 'FinalSubmit', comment: '' });
  await logout(page, info);

  // The secretariat assigns two experts by hand.
  await login(page, info, 'demo_secretariat');
  for (const expert of ['评审专家（演示）', '乙校评审专家（演示）']) {
    await page.goto('/review');
    await ready(page, info);
    const form = page.locator('form.manual-assign');
    await form.getByLabel('申报书').selectOption({ label: `演示职业技术学院 · ${offering}` });
    const option = form.locator('select[name="expert_id"] option', { hasText: new RegExp(`^${expert}（`) });
    await form.getByLabel(/评审专家/).selectOption((await option.getAttribute('value'))!);
    await form.getByRole('button', { name: '分配' }).click();
    await expect(page.locator(`.review-row[data-id="${id}"] .scores`)).toContainText(expert);
  }
  await logout(page, info);

  for (const [username, marks, recommendation, comment] of [
    ['demo_expert', ['80', '80', '80', '80', '80'], '建议通过', '条件具备'],
    ['demo_expert_b', ['70', '60', '60', '60', '60'], '有条件通过', '补充设备清单'],
  ] as const) {
    await login(page, info, username);
    await score(page, info, certificate, [...marks], recommendation, comment);
    await logout(page, info);
  }

  await login(page, info, 'demo_secretariat');
  await page.goto('/review');
  await ready(page, info);
  const row = page.locator(`.review-row[data-id="${id}"]`);
  await expect(row.locator('.aggregate')).toContainText('平均 71.3');
  await row.getByLabel('选择').check();
  await row.getByLabel(/单独意见/).fill('设备清单已补齐，同意试点');
  const decide = page.locator('form.decide');
  await decide.getByLabel('通过', { exact: true }).check();
  await decide.getByLabel(/审批意见/).fill('同意试点');
  await decide.getByRole('button', { name: '提交审批结果' }).click();
  await expect(page.locator(`.review-row[data-id="${id}"] .tag.status`)).toHaveText('已通过');
  await logout(page, info);

  await login(page, info, 'demo_lead');
  await page.goto(`/declarations/${id}`);
  await ready(page, info);
  await expect(page.locator('.tag.status')).toHaveText('已通过');
  await expect(page.locator('.timeline')).toContainText('设备清单已补齐，同意试点');
  await logout(page, info);

  // The school records its working organization and contacts for the secretariat.
  await login(page, info, 'demo_coordinator');
  await page.goto('/followup');
  await ready(page, info);
  await expect(page.getByText('获批试点：')).toContainText(certificate);
  const followup = page.locator('form.followup');
  const fields: Record<string, string> = {
    leadership_group: '组长：教学副校长张三；成员：教务处处长、各二级学院院长',
    working_group: '教务处牵头，各证书负责人参加',
    leader_name: '张三', leader_title: '副校长', leader_phone: '0771-1234567',
    staff_name: '李四', staff_title: '教务处副处长', staff_mobile: '13800000000', staff_qq_email: '12345678@qq.com',
  };
  for (const [name, value] of Object.entries(fields)) await followup.locator(`[name="${name}"]`).fill(value);
  const mailboxes = followup.locator('input[name$="[qq_email]"]');
  for (let n = 0; n < (await mailboxes.count()); n++) await mailboxes.nth(n).fill(`8765432${n}@qq.com`);
  await submit(page, info, followup.getByRole('button', { name: '提交秘书处' }));
  if (info.project.name === 'hydrated') await expect(page.getByText('已提交秘书处。')).toBeVisible();
  await page.reload();
  await expect(page.getByText('上次提交：')).toBeVisible();
  await expect(page.locator('form.followup [name="staff_name"]')).toHaveValue('李四');
});

test('the secretariat names lead institutions and publishes; the lead institution reads its roster', async ({ page }, info) => {
  // Runs after the review test above, whose approved declaration (demo school A) it publishes.
  const certificate = info.project.name === 'hydrated' ? '老年照护' : '汽车运用与维修';
  await login(page, info, 'demo_secretariat');
  await page.goto('/results');
  await ready(page, info);
  const ours = page.locator('.certificate-result', { hasText: certificate });
  await ours.getByLabel('牵头院校').selectOption({ label: '演示职业技术学院' });
  await submit(page, info, ours.getByRole('button', { name: '指定' }));
  await expect(page.locator('.certificate-result', { hasText: certificate }).locator('.lead strong')).toHaveText('演示职业技术学院');
  // Certificates approved by other tests need a lead institution too before publishing.
  const unnamed = page.locator('.certificate-result', { has: page.locator('.lead .tag.flag') });
  for (let left = await unnamed.count(); left > 0; left--) {
    await submit(page, info, unnamed.first().getByRole('button', { name: '指定' }));
    await expect(unnamed).toHaveCount(left - 1);
  }
  const publish = page.locator('form.publish');
  const confirm = publish.locator('input[name="confirm_undecided"]');
  if ((await confirm.count()) > 0) await confirm.check();
  await submit(page, info, publish.getByRole('button', { name: /公布本年度结果|更新已公布的结果/ }));
  await expect(page.locator('.published')).toContainText('已公布');
  await expectNoHorizontalOverflow(page);
  await logout(page, info);

  // Everyone reads the notice.
  await page.goto('/notices');
  await ready(page, info);
  await expect(page.locator('body')).toContainText(`${certificate}（牵头院校：演示职业技术学院）`);

  // The lead institution's coordinator opens the roster of its certificate, with its own contacts.
  await login(page, info, 'demo_coordinator');
  await page.goto('/results');
  await ready(page, info);
  await page.locator('.rosters a', { hasText: certificate }).click();
  await ready(page, info);
  await expect(page.locator('h1')).toContainText(certificate);
  const school = page.locator('.roster-school', { hasText: '演示职业技术学院' });
  await expect(school).toContainText('李四');
  await expect(school).toContainText('0771-1234567');
  await expectNoHorizontalOverflow(page);
  const href = await page.getByRole('link', { name: '下载 Excel' }).getAttribute('href');
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toContain('spreadsheetml');
});

test('an expert ticks the areas they know, kept on the server', async ({ page }, info) => {
  await login(page, info, 'demo_expert');
  await page.goto('/assignments');
  await ready(page, info);
  await page.getByText('我熟悉的专业大类').click();
  const form = page.locator('form.areas');
  const area = info.project.name === 'hydrated' ? '交通运输大类' : '土木建筑大类';
  const box = form.getByLabel(area);
  const wanted = !(await box.isChecked());
  await box.setChecked(wanted);
  await submit(page, info, form.getByRole('button', { name: '保存' }));
  // Read back from the server: a fresh page shows what it keeps.
  await expect.poll(async () => {
    const response = await page.request.post('/api/review/my-areas', { headers: { Accept: 'application/json' } });
    return ((await response.json())[1] as string[]).includes(area);
  }).toBe(wanted);
  await page.reload();
  await ready(page, info);
  await page.getByText('我熟悉的专业大类').click();
  await expect(page.locator('form.areas').getByLabel(area)).toBeChecked({ checked: wanted });
});
