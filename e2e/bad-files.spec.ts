/** Wrong, corrupt, huge and surplus files are refused with a reason; nothing else is lost. */
import { chooseImages, openApp } from './support/app';
import { expect, styleImages, test } from './support/test';
import { encodePng } from './support/png';

test('bad files are rejected with messages, good ones kept', async ({ page }) => {
  await openApp(page);
  const good = styleImages(1)[0]!;
  const truncated = encodePng(300, 300, new Uint8Array(300 * 300 * 3).fill(200)).subarray(0, 200);
  const huge = Buffer.alloc(31 * 1024 * 1024);
  good.buffer.copy(huge);

  await chooseImages(page, [
    good,
    { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('this is not an image at all') },
    { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) },
    { name: 'anim.png', mimeType: 'image/png', buffer: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1') },
    { name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from(truncated) },
    { name: 'poster.png', mimeType: 'image/png', buffer: huge },
    { name: 'tiny.png', mimeType: 'image/png', buffer: encodePng(16, 16, new Uint8Array(16 * 16 * 3)) },
  ]);

  const alert = page.getByRole('alert').filter({ hasText: 'Some files were not added' });
  // Each reason agrees with the file's name and label: no "is not a PNG (it is image/png)".
  await expect(alert).toContainText('notes.png: is named as a PNG image, but its contents are not an image');
  await expect(alert).toContainText('empty.png: is empty (0 bytes)');
  await expect(alert).toContainText('anim.png: is in GIF format; only JPG, PNG or WEBP images can be used');
  await expect(alert).not.toContainText('(it is image/png)');
  await expect(alert).toContainText('broken.png: could not be decoded');
  await expect(alert).toContainText('poster.png: is 31 MB');
  await expect(alert).toContainText('tiny.png: is only 16×16 px');
  await expect(page.getByRole('list', { name: 'Style images' }).getByRole('listitem')).toHaveCount(1);

  // An 11th image is refused: a project holds at most 10.
  await chooseImages(page, styleImages(10));
  await expect(page.getByRole('list', { name: 'Style images' }).getByRole('listitem')).toHaveCount(10);
  await expect(page.getByRole('alert').filter({ hasText: 'at most 10 images' })).toBeVisible();
});
