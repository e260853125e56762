/**
 * The e2e `test` for the served dist/: the Hub and Claude stand-ins of the main suite and its
 * CSP guard (e2e/support/csp-guard.ts), which this suite's config sets to also read the reports
 * the server collects.
 */
export { expect, test } from '../../e2e/support/offline-actions';
