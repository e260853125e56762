/** Values the e2e runs share (Playwright specs and the Firefox smoke run). */
export const TEST_SREF = '2468013579';
export const TEST_API_KEY = 'sk-ant-test-0123456789abcdef';
