/** The style images and code step as a user types: the sref help follows every keystroke. */
import { openApp } from './support/app';
import { expect, test } from './support/test';

test('the style reference help follows the code as it is typed, key by key', async ({ page }) => {
  await openApp(page);
  const field = page.getByLabel('Style reference (--sref)');
  await field.pressSequentially('2468013579 --sw 250');
  await expect(page.getByText('Prompts will end with --sref 2468013579 --sw 250')).toBeVisible();
  await field.press('Backspace');
  await field.press('Backspace');
  await field.press('Backspace');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.pressSequentially('300');
  await expect(page.getByText('Prompts will end with --sref 2468013579 --sw 300')).toBeVisible();
});
