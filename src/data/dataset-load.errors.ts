export type DatasetErrorCode =
  /** The folder or file does not exist. */
  | 'NOT_FOUND'
  /** `{ data }` names a file, or `{ series }` names a folder. */
  | 'WRONG_TYPE'
  /** The folder holds no annex or long-format file. */
  | 'NO_DATA'
  /** `<dataDir>/demo` exists, holds no data files and is not empty: demo data cannot go there. */
  | 'DEMO_BLOCKED'
  /** The data was read but its validation report has errors, so there is no panel. */
  | 'INVALID_DATA';

/**
 * The data cannot be loaded at all (as opposed to data with errors, which gives a report). The
 * message is one line meant for people: callers show it as it is.
 */
export class DatasetError extends Error {
  constructor(
    readonly code: DatasetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DatasetError';
  }
}
