import { z } from 'zod';

/**
 * Fitted parameter vectors per series id, plus the component-wise median used for series the fit did
 * not see. JSON form: parallel arrays (ids are never used as object keys).
 */
export interface PerSeriesParamsJson {
  names: string[];
  ids: string[];
  values: number[][];
  fallback: number[];
}

export const perSeriesParamsSchema = z.object({
  names: z.array(z.string()),
  ids: z.array(z.string()),
  values: z.array(z.array(z.number().finite())),
  fallback: z.array(z.number().finite()),
});

export class PerSeriesParams {
  private readonly byId: Map<string, number[]>;

  constructor(private readonly json: PerSeriesParamsJson) {
    const width = json.names.length;
    if (json.ids.length !== json.values.length || json.fallback.length !== width)
      throw new Error('per-series parameters: arrays of different lengths');
    if (json.values.some((v) => v.length !== width))
      throw new Error('per-series parameters: a vector of the wrong width');
    this.byId = new Map(json.ids.map((id, i) => [id, json.values[i]]));
  }

  /** Builds the table with the median of the fitted vectors as fallback (`defaults` when none). */
  static fromFitted(
    names: string[],
    fitted: Map<string, number[]>,
    defaults: number[],
  ): PerSeriesParams {
    const ids = [...fitted.keys()];
    const values = ids.map((id) => fitted.get(id) ?? defaults);
    const fallback = names.map((_, k) => {
      const column = values.map((v) => v[k]).sort((a, b) => a - b);
      return column.length === 0 ? defaults[k] : column[Math.floor(column.length / 2)];
    });
    return new PerSeriesParams({ names, ids, values, fallback });
  }

  /** The vector fitted for `id`, or the fallback. */
  get(id: string): number[] {
    return this.byId.get(id) ?? this.json.fallback;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  toJSON(): PerSeriesParamsJson {
    return this.json;
  }
}
