import { SingleBar } from 'cli-progress';
import { projectionStatus } from '../projections/index.js';
import type { Views } from './views.js';

/**
 * Rebuilds the named views one after the other, a progress bar each (on a terminal),
 * then a summary line per view: its new build, the events it applied, how long it took.
 */
export const rebuildWithProgress = async ({ opened, engine }: Views, names: readonly string[]): Promise<void> => {
  const head = Number((await opened.db.query<{ p: number | null }>(`select max(position) as p from ${opened.schema}.events`)).rows[0]?.p ?? 0);
  const summary: string[] = [];
  for (const name of names) {
    const started = Date.now();
    const bar = new SingleBar({ format: `${name.padEnd(16)} [{bar}] {percentage}% | {value}/{total} positions | {duration_formatted}`, hideCursor: true, stream: process.stderr });
    bar.start(Math.max(1, head), 0);
    try {
      await engine.rebuild(name, { onProgress: (p) => bar.update(Math.min(head, p.cursor.position)) });
      bar.update(Math.max(1, head));
    } finally {
      bar.stop();
    }
    const live = (await projectionStatus(opened.db, opened.schema)).find((s) => s.name === name && s.active);
    summary.push(`${name}: rebuilt as ${live?.build ?? '?'}, ${live?.eventsApplied ?? 0} events applied, at position ${live?.position ?? 0}, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  console.log(summary.join('\n'));
};
