import { expect, test } from './fixtures';
import { controlled, login, logout, ready } from './helpers';

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
    await expect.poll(() => page.evaluate(async (u) => !!(await caches.match(u, { ignoreVary: true })), url)).toBe(true);

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
    await expect.poll(() => page.evaluate(async (u) => !!(await caches.match(u, { ignoreVary: true })), url)).toBe(false);
  });
});

test.describe('push notifications', () => {
  test('the worker shows a pushed notification that opens its declaration', async ({ page, context, baseURL }, info) => {
    test.skip(info.project.name !== 'hydrated', 'a service worker needs scripts');
    await login(page, info, 'demo_lead');
    await controlled(page);
    const origin = new URL(baseURL!).origin;
    await context.grantPermissions(['notifications'], { origin });
    const cdp = await context.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find((r) => r.scopeURL.startsWith(origin) && !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    const payload = { title: '物流管理 初级：已通过', body: '祝贺', url: '/declarations/7' };
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin,
      registrationId: await registrationId,
      data: JSON.stringify(payload),
    });
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.ready;
          const list = await registration.getNotifications();
          return list.map((n) => ({ title: n.title, body: n.body, url: n.data.url }));
        }),
      )
      .toEqual([payload]);
  });

  test('notifications are turned on from the account page, never asked for on load', async ({ page, context, baseURL }, info) => {
    await login(page, info, 'demo_lead');
    await page.goto('/account');
    await ready(page, info);
    const button = page.getByRole('button', { name: '在此设备开启通知' });
    if (info.project.name === 'no-js') {
      await expect(button).toBeDisabled();
      await expect(page.locator('.notifications')).toContainText('开启通知需要启用浏览器脚本');
    } else {
      expect(await page.evaluate(() => Notification.permission)).toBe('default');
      await context.grantPermissions(['notifications'], { origin: new URL(baseURL!).origin });
      await controlled(page);
      await page.getByLabel('新通知公告').uncheck();
      await button.click();
      // There is no push service on this machine: the real subscribe fails and says so.
      await expect(page.locator('.notifications [role=alert]')).toContainText('暂时无法连接推送服务');
    }

    // A device subscribed elsewhere is listed and can be removed (a plain form without scripts). Each
    // project picks its own kind so that runs side by side do not see each other's device.
    const [kind, label] = info.project.name === 'no-js' ? ['results', '评审结果'] : ['returns', '退回修改及意见'];
    const subscribed = await page.request.post('/api/push/subscribe', {
      form: {
        endpoint: `http://127.0.0.1:9/push/${info.project.name}-${Date.now()}`,
        p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
        auth: 'tBHItJI5svbpez7KI4CCXg',
        'kinds[0]': kind,
      },
    });
    expect(subscribed.status()).toBe(200);
    await page.reload();
    await ready(page, info);
    const device = page.locator('.devices li', { hasText: label });
    await expect(device).toHaveCount(1);
    await device.getByRole('button', { name: '移除' }).click();
    await expect(page.locator('.devices li', { hasText: label })).toHaveCount(0);
  });
});
