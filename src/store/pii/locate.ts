import type { PersonalField, SubjectId } from '../../domain/personalData.js';

type Json = Record<string, unknown>;

/** A declared value found in an event's data: where it sits and whose it is. */
export type Located = { holder: Json; key: string; subject: SubjectId };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every value `field` declares in `data` (present and not null: an empty field holds nothing personal). */
export const locate = (data: Json, field: PersonalField): Located[] => {
  const steps = field.path.split('.');
  const found: Located[] = [];
  const walk = (node: unknown, at: number, item: Json) => {
    if (!isObject(node)) return;
    const step = steps[at]!;
    const many = step.endsWith('[]');
    const key = many ? step.slice(0, -2) : step;
    if (at === steps.length - 1) {
      if (node[key] === undefined || node[key] === null) return;
      if (field.when && !field.when(item)) return;
      found.push({ holder: node, key, subject: field.subject(data, item) });
      return;
    }
    const next = node[key];
    if (many) {
      if (Array.isArray(next)) for (const child of next) walk(child, at + 1, isObject(child) ? child : item);
    } else walk(next, at + 1, item);
  };
  walk(data, 0, data);
  return found;
};
