/** A loading note or an error, announced to screen readers. */
export function StatusLine({ loading, error }: { loading?: boolean; error?: string | null }) {
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (loading)
    return (
      <p class="muted" role="status">
        Loading…
      </p>
    );
  return null;
}
