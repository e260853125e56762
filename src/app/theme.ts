/** Applies the theme setting; 'system' follows prefers-color-scheme through CSS. */
import type { Theme } from '../domain/settings';

export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
