import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { DatasetError, ensureDemoData, loadDataset, type LoadedDataset } from './dataset.loader.js';
import type { SeriesPanel } from './series-panel.js';
import { dataDirSignature } from './data-signature.js';
import { isS3Url } from './data-file.access.js';
import { configureS3Data } from './s3/s3-data.settings.js';

/** A loaded data set and where it came from. */
export interface DatasetLoad {
  loaded: LoadedDataset;
  /** The folder read (`data.dir`, or the demo folder generated in it). */
  dir: string;
  /** True when this load generated the demo data first. */
  generated: boolean;
}

/**
 * The data set this process works on: `data.dir` (demo data generated there when it holds none),
 * read, validated and built into a panel once, and again when its files change. The API loads it
 * in the first-start job; a worker process loads it on its first job.
 */
@Injectable()
export class DatasetService {
  private readonly logger = new Logger(DatasetService.name);
  private current: LoadedDataset | null = null;
  private signature: string | null = null;
  private loading: Promise<DatasetLoad> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // `data.dir` = s3://bucket/prefix: reached with the storage section's region and endpoint.
    if (isS3Url(config.data.dir)) {
      const { region, endpoint, forcePathStyle } = config.storage.s3;
      configureS3Data({ region, endpoint, forcePathStyle });
    }
  }

  /** Replaces the data set (tests, or a caller that loaded it itself); the next change check reloads. */
  set(loaded: LoadedDataset): void {
    this.current = loaded;
    this.signature = null;
  }

  get loaded(): LoadedDataset | null {
    return this.current;
  }

  get panel(): SeriesPanel | null {
    return this.current?.panel ?? null;
  }

  /** Loads `data.dir` now (one load at a time: concurrent callers share it). */
  load(): Promise<DatasetLoad> {
    this.loading ??= this.readData().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** The panel, loading the data on first use. Throws DatasetError when the data has errors. */
  async requirePanel(): Promise<SeriesPanel> {
    if (this.current?.panel) return this.current.panel;
    const { loaded, dir } = await this.load();
    if (!loaded.panel) throw dataHasErrors(dir, loaded);
    return loaded.panel;
  }

  /** The current signature of `data.dir` when it differs from the loaded data's, else null. */
  async changedSignature(): Promise<string | null> {
    const now = await dataDirSignature(this.config.data.dir);
    return this.signature !== null && now === this.signature ? null : now;
  }

  /**
   * Reloads when the files in `data.dir` changed since the last load (or nothing was loaded by
   * this service yet); true when it reloaded. A reload whose data has errors keeps the old panel.
   */
  async reloadIfChanged(): Promise<boolean> {
    if (this.current && this.signature !== null) {
      const now = await dataDirSignature(this.config.data.dir);
      if (now === this.signature) return false;
    }
    const previous = this.current;
    const { loaded, dir } = await this.load();
    if (!loaded.panel && previous?.panel) {
      this.current = previous;
      throw dataHasErrors(dir, loaded);
    }
    return true;
  }

  private async readData(): Promise<DatasetLoad> {
    const { dir: dataDir, demo } = this.config.data;
    const t0 = performance.now();
    const found = await ensureDemoData(dataDir, demo);
    if (found.generated) {
      this.logger.log(
        `no data in ${dataDir}: generated the demo dataset (${demo.items} items × ${demo.days} days) into ${found.dir} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
    const signature = await dataDirSignature(dataDir);
    const loaded = await loadDataset({ data: found.dir });
    this.current = loaded;
    this.signature = signature;
    return { loaded, dir: found.dir, generated: found.generated };
  }
}

function dataHasErrors(dir: string, loaded: LoadedDataset): DatasetError {
  return new DatasetError(
    'INVALID_DATA',
    `the data in ${dir} has ${loaded.report.summary.errorCount} error(s); fix them or point data.dir elsewhere (freshcast data validate --data ${dir})`,
  );
}
