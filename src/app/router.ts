/** Hash routes: they work from any sub-path of any static host, with no server rewrites. */
import { createSignal, onCleanup } from 'solid-js';

export const ROUTES = ['workspace', 'projects', 'settings', 'training'] as const;
export type Route = (typeof ROUTES)[number];

export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'workspace';
}

export function hrefFor(route: Route): string {
  return route === 'workspace' ? '#/' : `#/${route}`;
}

export function createRouter() {
  const [route, setRoute] = createSignal<Route>(routeFromHash(location.hash));
  const onHashChange = () => setRoute(routeFromHash(location.hash));
  window.addEventListener('hashchange', onHashChange);
  onCleanup(() => window.removeEventListener('hashchange', onHashChange));
  const navigate = (to: Route) => {
    location.hash = hrefFor(to);
  };
  return { route, navigate };
}
