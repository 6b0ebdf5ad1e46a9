import { expect, Page, test } from '@playwright/test';
import { login, logout, ready } from './helpers';

/** Waits until the service worker is activated and controls the page. */
async function controlled(page: Page) {
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return registration?.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
  });
}

test.describe('installable app', () => {
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled === false, 'a service worker needs scripts');

  test('Chromium finds the app installable with its Chinese manifest and icons', async ({ page }, info) => {
    await page.goto('/');
    await ready(page, info);
    await controlled(page);
    const cdp = await page.context().newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    const parsed = JSON.parse(manifest.data!);
    expect(parsed.short_name).toBe('申报');
    expect(parsed.display).toBe('standalone');
    const purposes = parsed.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`);
    expect(purposes).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
  });

  test('opened pages can be read offline; others show the offline page', async ({ page }, info) => {
    await login(page, info, 'demo_lead');
    await controlled(page);
    await page.goto('/certificates?q=物流管理');
    await page.locator('.certificates').getByRole('link', { name: '物流管理' }).click();
    await ready(page, info);
    await expect(page.locator('[data-level="junior"] .fee')).toBeVisible();
    const url = page.url();
    await page.waitForFunction(async (u) => !!(await caches.match(u, { ignoreVary: true })), url);

    await page.context().setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('物流管理');
    await expect(page.locator('[data-level="junior"] table.equipment')).toBeVisible();
    await page.goto('/faq?q=never-opened');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('当前没有网络');
    await page.context().setOffline(false);
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('物流管理');

    // Logging out clears the pages kept for offline reading (phones are shared).
    await logout(page, info);
    await page.waitForFunction(async (u) => !(await caches.match(u, { ignoreVary: true })), url);
  });
});
