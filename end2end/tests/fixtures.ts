// Every test runs with the server's Content-Security-Policy on, and fails if the browser reports a violation
// on any page of its context: a policy that blocks the app's own scripts, styles or chunks is a broken app.
import { expect, test as base } from '@playwright/test';

export { expect };
export type { Browser, Page, TestInfo } from '@playwright/test';

export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ context }, use) => {
      const violations: string[] = [];
      const watch = (page: import('@playwright/test').Page) =>
        page.on('console', (m) => {
          if (m.text().includes('Content Security Policy')) violations.push(`${page.url()}: ${m.text().slice(0, 240)}`);
        });
      context.pages().forEach(watch);
      context.on('page', watch);
      await use();
      expect(violations, 'CSP violations reported by the browser').toEqual([]);
    },
    { auto: true },
  ],
});
