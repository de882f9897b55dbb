import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AdminKeyField } from './admin-key';
import { ADMIN_KEY_EVENT } from './api';
import { HealthView } from './views/health-view';
import { ItemView } from './views/item-view';
import { JobsView } from './views/jobs-view';
import { ModelsView } from './views/models-view';
import { OrdersView } from './views/orders-view';

const VIEWS = [
  { id: 'item', label: 'Item', view: ItemView },
  { id: 'orders', label: "Tomorrow's orders", view: OrdersView },
  { id: 'models', label: 'Models', view: ModelsView },
  { id: 'jobs', label: 'Jobs', view: JobsView },
  { id: 'health', label: 'Health', view: HealthView },
] as const;
type ViewId = (typeof VIEWS)[number]['id'];

function currentView(): ViewId {
  const id = location.hash.replace(/^#\/?/, '').split('?')[0];
  return VIEWS.some((v) => v.id === id) ? (id as ViewId) : 'item';
}

function App() {
  const [view, setView] = useState<ViewId>(currentView());
  // Views re-mount when the admin key changes, so what they load follows it.
  const [keyVersion, setKeyVersion] = useState(0);
  useEffect(() => {
    const onHash = (): void => setView(currentView());
    const onKey = (): void => setKeyVersion((n) => n + 1);
    addEventListener('hashchange', onHash);
    addEventListener(ADMIN_KEY_EVENT, onKey);
    return () => {
      removeEventListener('hashchange', onHash);
      removeEventListener(ADMIN_KEY_EVENT, onKey);
    };
  }, []);
  const active = VIEWS.find((v) => v.id === view) ?? VIEWS[0];
  const View = active.view;
  useEffect(() => {
    document.title = `${active.label} · freshcast console`;
  }, [active]);
  return (
    <>
      <header class="top">
        <h1>freshcast</h1>
        <nav aria-label="Views">
          <ul>
            {VIEWS.map((v) => (
              <li key={v.id}>
                <a href={`#/${v.id}`} aria-current={v.id === view ? 'page' : undefined}>
                  {v.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <AdminKeyField />
      </header>
      <main id="view" data-view={view} tabIndex={-1}>
        <View key={`${view}-${keyVersion}`} />
      </main>
    </>
  );
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
