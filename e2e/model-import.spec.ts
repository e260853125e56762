/** Importing model files from disk (no download), verified against the Hub's checksums. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODEL_NAME, expect, expectStatus, openModelSettings, repoFilePath, servedPerFile, test } from './support/model-actions';

test('a model folder picked from disk is verified and becomes Ready without downloading its files', async ({ page, hub }) => {
  const card = await openModelSettings(page, hub.url);
  await card.getByText('Import from disk').click();
  await card.getByLabel(`Import ${MODEL_NAME} from a folder`).setInputFiles(repoFilePath(''));
  await expectStatus(card, 'ready');
  await expect(card.getByText('Imported and verified 9 files: the model is ready.')).toBeVisible();
  expect(servedPerFile(hub).size).toBe(0);
});

test('an imported file that does not match its checksum is refused', async ({ page, hub }) => {
  const folder = join(await mkdtemp(join(tmpdir(), 'model-import-')), 'Qwen2-VL-2B-Instruct');
  try {
    await cp(repoFilePath(''), folder, { recursive: true });
    const target = join(folder, 'onnx', 'embed_tokens_q4.onnx');
    const bytes = await readFile(target);
    bytes[1000]! ^= 0x01;
    await writeFile(target, bytes);

    const card = await openModelSettings(page, hub.url);
    await card.getByText('Import from disk').click();
    await card.getByLabel(`Import ${MODEL_NAME} from a folder`).setInputFiles(folder);
    await expect(card.getByRole('alert')).toContainText('onnx/embed_tokens_q4.onnx from your disk does not match the model\'s checksum.');
    await expectStatus(card, 'error');
    expect(servedPerFile(hub).size).toBe(0);
  } finally {
    await rm(join(folder, '..'), { recursive: true, force: true });
  }
});
