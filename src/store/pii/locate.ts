import type { PersonalField, SubjectId } from '../../domain/personalData.js';

type Json = Record<string, unknown>;

/** A declared value found in an event's data: where it sits and whose it is. */
export type Located = { holder: Json; key: string; subject: SubjectId; /** e.g. `contacts.0.name` */ at: string };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every value `field` declares in `data` (present and not null: an empty field holds nothing personal). */
export const locate = (data: Json, field: PersonalField): Located[] => {
  const steps = field.path.split('.');
  const found: Located[] = [];
  const walk = (node: unknown, at: number, item: Json, trail: string) => {
    if (!isObject(node)) return;
    const step = steps[at]!;
    const many = step.endsWith('[]');
    const key = many ? step.slice(0, -2) : step;
    if (at === steps.length - 1) {
      if (node[key] === undefined || node[key] === null) return;
      if (field.when && !field.when(item)) return;
      found.push({ holder: node, key, subject: field.subject(data, item), at: `${trail}${key}` });
      return;
    }
    const next = node[key];
    if (many) {
      if (Array.isArray(next)) next.forEach((child, i) => walk(child, at + 1, isObject(child) ? child : item, `${trail}${key}.${i}.`));
    } else walk(next, at + 1, item, `${trail}${key}.`);
  };
  walk(data, 0, data, '');
  return found;
};
