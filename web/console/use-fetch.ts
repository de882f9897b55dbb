import { useEffect, useState } from 'preact/hooks';
import { errorText } from './api';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/** Runs `load` whenever `deps` change; the latest call wins. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: true });
  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    load(ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) setState({ data, error: null, loading: false });
      },
      (err: unknown) => {
        if (!ctrl.signal.aborted) setState({ data: null, error: errorText(err), loading: false });
      },
    );
    return () => ctrl.abort();
  }, deps);
  return state;
}

/** Calls `tick` every `ms` while `active`. */
export function useInterval(tick: () => void, ms: number, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const id = setInterval(tick, ms);
    return () => clearInterval(id);
  }, [tick, ms, active]);
}
