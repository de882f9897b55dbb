import { useState } from 'preact/hooks';
import { adminKey, setAdminKey } from './api';

/** The admin key field: kept in sessionStorage for this tab only, never in the page's URL. */
export function AdminKeyField() {
  const [saved, setSaved] = useState(adminKey() !== '');
  const [draft, setDraft] = useState('');
  if (saved)
    return (
      <div class="admin-key">
        <span>Admin key set for this tab</span>
        <button
          type="button"
          onClick={() => {
            setAdminKey('');
            setSaved(false);
          }}
        >
          Forget key
        </button>
      </div>
    );
  return (
    <form
      class="admin-key"
      onSubmit={(e) => {
        e.preventDefault();
        setAdminKey(draft.trim());
        setDraft('');
        setSaved(draft.trim() !== '');
      }}
    >
      <label for="admin-key">Admin key</label>
      <input
        id="admin-key"
        type="password"
        autocomplete="off"
        value={draft}
        onInput={(e) => setDraft(e.currentTarget.value)}
      />
      <button type="submit">Use key</button>
    </form>
  );
}
