import { useCallback, useEffect, useState } from 'preact/hooks';
import { adminKey, api, errorText, query } from '../api';
import { DataTable } from '../data-table';
import { StatusLine } from '../status-line';
import { TARGETS, type JobInfo, type Target } from '../types';
import { useInterval } from '../use-fetch';
import { MAX_HORIZON_DAYS } from '../../../src/common/forecast-horizon';

const MINE = 'freshcast.myJobs';
const POLL_MS = 2000;
const ACTIVE = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/** Ids of the jobs submitted from this tab (sessionStorage), newest first. */
function myJobIds(): string[] {
  try {
    const ids: unknown = JSON.parse(sessionStorage.getItem(MINE) ?? '[]');
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function rememberJob(id: string): void {
  sessionStorage.setItem(
    MINE,
    JSON.stringify([id, ...myJobIds().filter((x) => x !== id)].slice(0, 20)),
  );
}

/** Running and recent jobs: every job with the admin key, else the batch jobs sent from this tab. */
async function loadJobs(): Promise<JobInfo[]> {
  if (adminKey() !== '')
    return (await api<{ jobs: JobInfo[] }>(`/admin/jobs${query({ limit: 30 })}`, { admin: true }))
      .jobs;
  const jobs: JobInfo[] = [];
  for (const id of myJobIds())
    jobs.push(await api<JobInfo>(`/predict/jobs/${encodeURIComponent(id)}`));
  return jobs;
}

export function JobsView() {
  const [jobs, setJobs] = useState<JobInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [target, setTarget] = useState<Target>('quantity');
  const [horizon, setHorizon] = useState('14');
  const refresh = useCallback(() => {
    loadJobs().then(
      (j) => {
        setJobs(j);
        setError(null);
      },
      (err: unknown) => setError(errorText(err)),
    );
  }, []);
  useEffect(refresh, [refresh]);
  // Then poll while a job is queued or running.
  useInterval(refresh, POLL_MS, jobs === null || jobs.some((j) => ACTIVE.has(j.state)));

  const submitBatch = async (e: Event): Promise<void> => {
    e.preventDefault();
    const h = Number(horizon);
    if (!Number.isInteger(h) || h < 1 || h > MAX_HORIZON_DAYS) {
      setNotice({
        ok: false,
        text: `Horizon must be a whole number of days from 1 to ${MAX_HORIZON_DAYS}.`,
      });
      return;
    }
    try {
      const res = await api<{ job_id: string }>('/predict/batch', {
        method: 'POST',
        body: { all: true, target, horizon: h },
      });
      rememberJob(res.job_id);
      setNotice({ ok: true, text: `Batch forecast submitted: ${res.job_id}` });
      setJobs(null);
    } catch (err) {
      setNotice({ ok: false, text: `Batch forecast refused: ${errorText(err)}` });
    }
  };
  const submitRetrain = async (): Promise<void> => {
    if (adminKey() === '') {
      setNotice({
        ok: false,
        text: 'Retrain refused: this needs the admin key. Enter it under "Admin key" first.',
      });
      return;
    }
    try {
      const res = await api<{ job_id: string }>('/admin/retrain', {
        method: 'POST',
        body: { target },
        admin: true,
      });
      setNotice({ ok: true, text: `Retrain submitted: ${res.job_id}` });
      setJobs(null);
    } catch (err) {
      setNotice({ ok: false, text: `Retrain refused: ${errorText(err)}` });
    }
  };

  return (
    <div class="jobs-view">
      <h2>Jobs</h2>
      <form class="row" onSubmit={(e) => void submitBatch(e)}>
        <label for="jobs-target">Target</label>
        <select
          id="jobs-target"
          value={target}
          onChange={(e) => setTarget(e.currentTarget.value as Target)}
        >
          {TARGETS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <label for="jobs-horizon">Horizon (days)</label>
        <input
          id="jobs-horizon"
          inputMode="numeric"
          size={4}
          value={horizon}
          onInput={(e) => setHorizon(e.currentTarget.value)}
        />
        <button type="submit">Forecast every item</button>
        <button type="button" class="admin" onClick={() => void submitRetrain()}>
          Retrain
        </button>
      </form>
      {notice && (
        <p class={notice.ok ? 'ok' : 'error'} role="alert">
          {notice.text}
        </p>
      )}
      <StatusLine loading={jobs === null && error === null} error={error} />
      {jobs && jobs.length === 0 && (
        <p>
          {adminKey() === ''
            ? 'No job submitted from this tab yet (the admin key shows every job).'
            : 'No jobs.'}
        </p>
      )}
      {jobs && jobs.length > 0 && (
        <DataTable
          class="jobs"
          caption={
            <>
              {adminKey() === '' ? 'Jobs submitted from this tab' : 'Recent jobs, newest first'};
              refreshed every 2 s while one runs
            </>
          }
          columns={['Job', 'Kind', 'State', 'Progress', 'Submitted', 'Error']}
          rows={jobs}
          rowKey={(j) => j.job_id}
          cells={(j) => (
            <>
              <td>
                <code>{j.job_id}</code>
              </td>
              <td>{j.name}</td>
              <td>
                {j.state}
                {j.stage ? ` (${j.stage})` : ''}
              </td>
              <td>
                <progress max={100} value={j.progress} aria-label={`${j.job_id} progress`}>
                  {j.progress} %
                </progress>{' '}
                {j.progress} %
              </td>
              <td>{j.created_at}</td>
              <td>{j.error ?? ''}</td>
            </>
          )}
        />
      )}
    </div>
  );
}
