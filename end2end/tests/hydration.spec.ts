import { expect, test } from './fixtures';
import { login, logout } from './helpers';

// Every page each role can open must hydrate without a mismatch: a page that fails to hydrate still
// shows its server-rendered HTML, so only this check catches it. Nothing may break the page's
// Content-Security-Policy either (a blocked script would leave it unhydrated too).
const pages: Record<string, string[]> = {
  demo_secretariat: ['/', '/declarations', '/declarations?status=pending_review', '/windows', '/inbox', '/certificates/1', '/organizations', '/majors', '/registry', '/registry/1', '/registry/new', '/staff', '/review', '/followup', '/results', '/library', '/notices', '/faq', '/account'],
  demo_coordinator: ['/', '/declarations', '/followup', '/results', '/survey', '/inbox', '/school', '/certificates/1', '/library', '/notices', '/faq', '/account'],
  demo_lead: ['/', '/declarations', '/survey', '/windows', '/inbox', '/certificates', '/certificates/1', '/library', '/notices', '/faq', '/account', '/account/password'],
  demo_expert: ['/', '/assignments', '/library', '/account'],
  demo_org: ['/', '/certificates', '/certificates/2', '/organizations'],
};

for (const [username, paths] of Object.entries(pages)) {
  test(`every page of ${username} hydrates`, async ({ page }, info) => {
    test.skip(info.project.name !== 'hydrated', 'hydration needs scripts');
    const panics: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('panicked') || m.text().includes('Content Security Policy')) panics.push(`${page.url()}: ${m.text().slice(0, 200)}`);
    });
    await login(page, info, username);
    for (const path of paths) {
      await page.goto(path);
      await page.waitForFunction(() => (window as any).__shenbao_hydrated === true);
    }
    expect(panics).toEqual([]);
    await logout(page, info);
  });
}

test('the public pages hydrate', async ({ page }, info) => {
  test.skip(info.project.name !== 'hydrated', 'hydration needs scripts');
  const blocked: string[] = [];
  page.on('console', (m) => { if (m.text().includes('Content Security Policy')) blocked.push(`${page.url()}: ${m.text().slice(0, 200)}`); });
  for (const path of ['/', '/login', '/register', '/register?q=演示', '/library', '/faq', '/notices', '/certificates', '/certificates?q=lnzh', '/certificates/3', '/majors']) {
    await page.goto(path);
    await page.waitForFunction(() => (window as any).__shenbao_hydrated === true);
  }
  expect(blocked).toEqual([]);
});
