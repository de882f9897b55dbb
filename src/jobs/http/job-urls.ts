/** Where the job routes answer for a job. */
export const jobUrls = {
  batchStatus: (id: string): string => `/predict/jobs/${id}`,
  batchResult: (id: string): string => `/predict/jobs/${id}/result`,
  adminStatus: (id: string): string => `/admin/jobs/${id}`,
};
