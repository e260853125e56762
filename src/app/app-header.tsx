/** The header: the app's name and the main navigation, folded into a menu on narrow screens. */
import { createSignal, onCleanup, onMount } from 'solid-js';
import { hrefFor, type Route } from './router';

const NAV: { route: Route; label: string }[] = [
  { route: 'workspace', label: 'Project' },
  { route: 'training', label: 'Training set' },
  { route: 'projects', label: 'Projects' },
  { route: 'settings', label: 'Settings' },
];

export function AppHeader(props: { route: Route }) {
  const [menuOpen, setMenuOpen] = createSignal(false);
  const closeMenuOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && menuOpen()) {
      setMenuOpen(false);
      document.querySelector<HTMLElement>('.menu-button')?.focus();
    }
  };
  onMount(() => document.addEventListener('keydown', closeMenuOnEscape));
  onCleanup(() => document.removeEventListener('keydown', closeMenuOnEscape));

  return (
    <header class="app-header">
      <h1 class="app-title">
        <a class="brand" href={hrefFor('workspace')}>
          <img src="./icons/icon.svg" alt="" width="28" height="28" />
          <span>LoRA Dataset Generator</span>
        </a>
      </h1>
      {/* On narrow screens the links fold into a menu; the button is hidden on wide ones (styles.css). */}
      <button
        type="button"
        class="menu-button"
        aria-expanded={menuOpen()}
        aria-controls="main-nav"
        onClick={() => setMenuOpen(!menuOpen())}
      >
        Menu
      </button>
      <nav id="main-nav" aria-label="Main" classList={{ open: menuOpen() }} onClick={() => setMenuOpen(false)}>
        {NAV.map((item) => (
          <a href={hrefFor(item.route)} aria-current={props.route === item.route ? 'page' : undefined}>
            {item.label}
          </a>
        ))}
      </nav>
    </header>
  );
}
