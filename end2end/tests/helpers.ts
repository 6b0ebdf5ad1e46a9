import { Browser, expect, Page, TestInfo } from '@playwright/test';

export const DEMO_PASSWORD = 'Demo2026shenbao';

/** Waits for hydration when scripts are on (the wasm marks nothing, so we wait for the module to load). */
export async function ready(page: Page, info: TestInfo) {
  if (info.project.name === 'hydrated') {
    await page.waitForFunction(() => (window as any).__shenbao_hydrated === true);
  }
}

/** Submits a form by its button: an action with scripts; without them a plain post, waiting for the page
 * the server answers with before going on. */
export async function submit(page: Page, info: TestInfo, button: ReturnType<Page['locator']>) {
  if (info.project.name === 'hydrated') {
    await button.click();
  } else {
    await Promise.all([page.waitForNavigation(), button.click()]);
  }
}

export async function login(page: Page, info: TestInfo, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await ready(page, info);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await ready(page, info);
}

export async function logout(page: Page, info: TestInfo) {
  await page.goto('/account');
  await ready(page, info);
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL('**/login');
}

/** The page fits a phone: nothing wider than the viewport. */
export async function expectNoHorizontalOverflow(page: Page) {
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(fits).toBe(true);
}

/** A valid 统一社会信用代码 for a 17-character prefix (GB 32100-2015), for unique test schools. */
export function creditCode(prefix17: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...prefix17].reduce((acc, c, i) => acc + chars.indexOf(c) * weights[i], 0);
  return prefix17 + chars[(31 - (sum % 31)) % 31];
}

/** A short unique suffix per test run and project. */
export function unique(info: TestInfo): string {
  return `${info.project.name === 'hydrated' ? 'h' : 'n'}${Date.now().toString().slice(-7)}`;
}

/** Waits until the service worker is activated and controls the page. */
export async function controlled(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return registration?.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
      }),
    )
    .toBe(true);
}

/** Opens a declaration page as a role and waits until it can be used. */
export async function open(page: Page, info: TestInfo, username: string, path: string) {
  await login(page, info, username);
  await page.goto(path);
  await ready(page, info);
}

/** The demo lead creates a draft for `offering` ("证书 · 等级") and is on its page: its id. */
export async function newDraft(page: Page, info: TestInfo, offering: string): Promise<string> {
  await open(page, info, 'demo_lead', '/declarations');
  await page.locator('details.new-declaration summary').click();
  await page.getByLabel('证书与等级').selectOption({ label: offering });
  await page.getByRole('button', { name: '创建草稿' }).click();
  await page.waitForURL(/\/declarations\/\d+$/);
  await ready(page, info);
  await expect(page.getByLabel('教学场所')).toBeVisible();
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** The declaration as the server holds it. */
export async function declaration(page: Page, id: string) {
  const response = await page.request.post('/api/declarations/get', { form: { id }, headers: { Accept: 'application/json' } });
  expect(response.status()).toBe(200);
  return response.json();
}

/** A real JPEG photo (640×480), drawn by Chromium in a context with scripts on. */
export async function photo(browser: Browser, color: string): Promise<Buffer> {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  const dataUrl = await page.evaluate((fill) => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const g = canvas.getContext('2d')!;
    g.fillStyle = fill;
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#fff';
    g.fillRect(100, 100, 200, 150);
    return canvas.toDataURL('image/jpeg', 0.9);
  }, color);
  await context.close();
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}
