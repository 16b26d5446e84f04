/** rules/confidence.yaml: the confidence model's weights, written by `npm run calibrate` (see record/confidence.ts). */
import { z } from 'zod';

/** A feature as record/confidence.ts names it: `trace:<rule id>`, `flag:<flag>`, `kind:growth`, … or `approx`. */
const featureName = z.string().regex(/^(?:(?:trace|flag|kind|status|metric|city|period):\S+|approx)$/u, 'features look like `trace:<rule id>`, `flag:<flag>`, `kind:<kind>`, `status:…`, `metric:…`, `city:…`, `period:…` or `approx`');

export const ConfidenceFileSchema = z.strictObject({
  version: z.literal(1),
  /** What the weights were fitted on and how well they held on files left out: for the reader, not used. */
  fitted: z
    .strictObject({
      records: z.number().int().nonnegative(),
      sets: z.array(z.string().min(1)),
      l2: z.number().nonnegative(),
      minCount: z.number().int().positive(),
    })
    .optional(),
  bias: z.number().finite(),
  weights: z.record(featureName, z.number().finite()),
});
export type ConfidenceFile = z.infer<typeof ConfidenceFileSchema>;
