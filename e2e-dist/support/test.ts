/**
 * The e2e `test` for the served dist/: the Hub and Claude stand-ins of the main suite, plus an
 * automatic CSP guard that fails the test on any violation anywhere in the context.
 */
import { test as offlineTest } from '../../e2e/support/offline-actions';
import { clearServerReports, serverReports, watchCsp, type CspReport } from './csp-guard';

export const test = offlineTest.extend<{ cspReports: CspReport[] }>({
  cspReports: [
    async ({ context, request }, use, testInfo) => {
      await clearServerReports(request);
      const { reports } = await watchCsp(context);
      await use(reports);
      reports.push(...(await serverReports(request)));
      // A spec that provokes violations on purpose reads them and opts out with this annotation.
      if (testInfo.annotations.some((annotation) => annotation.type === 'expects-csp-violations')) return;
      if (reports.length > 0) {
        throw new Error(`Content-Security-Policy violations:\n${reports.map((report) => `- ${report.where}: ${report.text}`).join('\n')}`);
      }
    },
    { auto: true },
  ],
});
export { expect } from '@playwright/test';
