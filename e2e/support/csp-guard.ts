/**
 * Watches a browser context for Content-Security-Policy trouble, three ways:
 * - `securitypolicyviolation` events in every page (from its first script on), dedicated worker
 *   and service worker (from when Playwright sees it: a worker's first lines may run before);
 * - the console messages Chromium writes for a violation or for a policy it cannot parse;
 * - with `cspServerReports` (the served-dist suite), the violation reports the browser POSTs to
 *   the server (`serve-dist --csp-reports`), which come from every context, a worker's very
 *   first line included.
 * Every e2e test gets the guard as an automatic fixture: any report fails the test. Under
 * `vite preview` only the page's <meta> policy applies; the served-dist suite sends the full
 * header policy, workers included.
 */
import type { APIRequestContext, BrowserContext, ConsoleMessage, Fixtures, PlaywrightTestArgs, PlaywrightTestOptions, Worker } from '@playwright/test';

export const VIOLATION_MARK = '[securitypolicyviolation]';

export interface CspReport {
  /** Where it happened: page, worker or service worker URL. */
  where: string;
  text: string;
}

/** A listener that logs each violation with the mark (runs in a page, a worker or the service worker). */
function listenForViolations(mark: string): void {
  const target: EventTarget = typeof document === 'undefined' ? self : document;
  target.addEventListener(
    'securitypolicyviolation',
    (event) => {
      const violation = event as SecurityPolicyViolationEvent;
      console.error(`${mark} ${violation.effectiveDirective} blocked ${violation.blockedURI || '(inline)'} at ${violation.sourceFile}:${violation.lineNumber}`);
    },
    true,
  );
}

export async function watchCsp(context: BrowserContext): Promise<{ reports: CspReport[] }> {
  const reports: CspReport[] = [];
  const seen = new Set<string>();
  const record = (where: string, text: string) => {
    if (seen.has(`${where} ${text}`)) return;
    seen.add(`${where} ${text}`);
    reports.push({ where, text });
  };
  const onConsole = (message: ConsoleMessage) => {
    const text = message.text();
    if (text.includes(VIOLATION_MARK) || /Content[ -]Security[ -]Policy/i.test(text)) {
      record(message.worker()?.url() ?? message.page()?.url() ?? 'unknown', text);
    }
  };
  const watchWorker = (worker: Worker) => {
    worker.on('console', onConsole);
    void worker.evaluate(listenForViolations, VIOLATION_MARK).catch(() => undefined); // a worker may end first
  };

  await context.addInitScript(listenForViolations, VIOLATION_MARK);
  context.on('console', onConsole);
  context.on('serviceworker', watchWorker);
  context.serviceWorkers().forEach(watchWorker);
  const watchPage = (page: import('@playwright/test').Page) => page.on('worker', watchWorker);
  context.on('page', watchPage);
  context.pages().forEach(watchPage);
  return { reports };
}

const REPORTS_PATH = '__csp-reports';

/** Forgets the reports the server holds (before a test). */
export async function clearServerReports(request: APIRequestContext): Promise<void> {
  const response = await request.delete(REPORTS_PATH);
  if (!response.ok()) throw new Error(`The server does not collect CSP reports (DELETE ${REPORTS_PATH}: ${response.status()}); start it with --csp-reports.`);
}

/** The violation reports the browser sent to the server since the last clear. */
export async function serverReports(request: APIRequestContext): Promise<CspReport[]> {
  const reports = (await (await request.get(REPORTS_PATH)).json()) as { 'csp-report': Record<string, string | number> }[];
  return reports.map(({ 'csp-report': report }) => ({
    where: String(report['document-uri']),
    text: `[report] ${report['effective-directive'] ?? report['violated-directive']} blocked ${report['blocked-uri'] || '(inline)'} at ${report['source-file'] ?? ''}:${report['line-number'] ?? ''}`,
  }));
}

export interface CspGuardFixtures {
  /** What the guard saw so far (a spec that provokes violations reads them). */
  cspReports: CspReport[];
  /** Also read the reports the server collected (only `serve-dist --csp-reports` collects them). */
  cspServerReports: boolean;
}

/** Annotation for a spec that provokes violations on purpose and checks them itself. */
export const EXPECTS_CSP_VIOLATIONS = 'expects-csp-violations';

export const cspGuardFixtures: Fixtures<CspGuardFixtures, object, PlaywrightTestArgs & PlaywrightTestOptions> = {
  cspServerReports: [false, { option: true }],
  cspReports: [
    async ({ context, request, cspServerReports }, use, testInfo) => {
      if (cspServerReports) await clearServerReports(request);
      const { reports } = await watchCsp(context);
      await use(reports);
      if (cspServerReports) reports.push(...(await serverReports(request)));
      if (testInfo.annotations.some((annotation) => annotation.type === EXPECTS_CSP_VIOLATIONS)) return;
      if (reports.length > 0) {
        throw new Error(`Content-Security-Policy violations:\n${reports.map((report) => `- ${report.where}: ${report.text}`).join('\n')}`);
      }
    },
    { auto: true },
  ],
};
