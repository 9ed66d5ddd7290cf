import { z } from 'zod';

export const Uuid = z.uuid();
export type Uuid = z.infer<typeof Uuid>;

/**
 * Free text a person writes: trimmed, never empty. Never the NUL character either:
 * PostgreSQL cannot store U+0000 in text or jsonb, so it is refused here, at the field.
 */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'text cannot contain the NUL character (U+0000)');

/** The written reason every modification states (修改须书面提交, 说明内容和原因). */
export const Reason = Text(2000);
export type Reason = z.infer<typeof Reason>;
