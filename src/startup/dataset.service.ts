import { Injectable } from '@nestjs/common';
import type { LoadedDataset } from '../data/dataset.loader.js';
import type { SeriesPanel } from '../data/series-panel.js';

/** The data set the server works on (loaded at start; replaced when new data is loaded). */
@Injectable()
export class DatasetService {
  private current: LoadedDataset | null = null;

  set(loaded: LoadedDataset): void {
    this.current = loaded;
  }

  get loaded(): LoadedDataset | null {
    return this.current;
  }

  get panel(): SeriesPanel | null {
    return this.current?.panel ?? null;
  }
}
