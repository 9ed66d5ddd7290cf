import type { Instant } from '../domain/shared/index.js';
import { beijingTime } from './sheet.js';

/** The report's time travel, said on the form: as effective then (asOf), as recorded then (knownAt). */
export type TimeCuts = { asOf?: Instant | undefined; knownAt?: Instant | undefined };

export const timeCutLines = (cuts: TimeCuts): string[] => [
  ...(cuts.asOf ? [`生效截至(asOf): ${beijingTime(cuts.asOf)} 北京时间`] : []),
  ...(cuts.knownAt ? [`记录截至(knownAt): ${beijingTime(cuts.knownAt)} 北京时间`] : []),
];
