import { z } from 'zod';
import { isBlank } from './text.js';

export const Uuid = z.uuid();
export type Uuid = z.infer<typeof Uuid>;

/**
 * Free text a person writes: trimmed, never blank — and blank means blank to the eye:
 * white space and invisible characters (U+200B and the like) only is blank too. Never
 * the NUL character either: PostgreSQL cannot store U+0000 in text or jsonb.
 */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'text cannot contain the NUL character (U+0000)')
    // An empty string is min(1)'s to report: one message per fault.
    .refine((s) => s === '' || !isBlank(s), 'text cannot be blank (only white space or invisible characters)');

/** The written reason every modification states (修改须书面提交, 说明内容和原因). */
export const Reason = Text(2000);
export type Reason = z.infer<typeof Reason>;
