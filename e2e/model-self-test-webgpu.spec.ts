/**
 * The self-test on Chromium's software WebGPU adapter (SwiftShader, `--enable-unsafe-webgpu`): the
 * app tests WebGPU first; a wrong answer there is checked on the CPU, which must give the same
 * answer (the fixture's weights are random, so right or wrong is chance; both devices computing
 * the same answer is not). The 4,096-wide lm_head fixture keeps SwiftShader to seconds per token.
 */
import { chromiumArgs, chromiumPath } from './support/chromium';
import { expect, installDefaultModel, reportRuns, runSelfTest, test } from './support/model-self-test';

test.use({ hubVariant: 'narrowHead', launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, '--enable-unsafe-webgpu'] } });
test.setTimeout(300_000);

test('WebGPU first; if its answer is wrong the CPU is asked too, and both devices agree', async ({ page, hub }) => {
  const card = await installDefaultModel(page, hub.url);
  await expect(page.getByTestId('model-device')).toHaveText('This device runs models on WebGPU.');
  await expect(card.getByTestId('model-download-size')).toContainText('(vision fp32 · embed fp32 · decoder fp32)');

  const report = await runSelfTest(card, 240_000);
  const runs = await reportRuns(report);
  console.log(`self-test on SwiftShader: ${runs.map((run) => `${run.device} load ${run.load}, prefill ${run.prefill}, decode ${run.decode}, ${run.answer}`).join('; ')}`);
  expect(runs[0]).toMatchObject({ device: 'WebGPU', dtype: 'vision fp32 · embed fp32 · decoder fp32' });
  expect(runs[0]!.answer).toMatch(/^"\w+ \w+" \((right|wrong)\)$/);
  if (runs[0]!.answer.endsWith('(right)')) {
    expect(runs).toHaveLength(1);
    await expect(report.getByRole('status').first()).toContainText('Passed');
  } else {
    expect(runs.map((run) => run.device)).toEqual(['WebGPU', 'CPU (WASM)']);
    expect(runs[1]!.answer).toBe(runs[0]!.answer); // the same numbers on both devices
    await expect(report.getByRole('status').first()).toContainText('Failed');
    await expect(report.getByRole('note')).toHaveCount(0); // nothing to switch: the CPU is no better
  }
  await expect(report).toContainText('google');
});
