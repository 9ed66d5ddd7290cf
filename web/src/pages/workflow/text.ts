/** A message with `{name}` placeholders filled in: `fill('共 {n} 家', { n: 3 })`. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

/** A rate 0–1 as the office writes it: `95.0%`. */
export const formatRate = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

/** Text the API counts as written: something left after removing spaces and invisible characters. */
export const isWritten = (text: string | undefined): boolean => (text ?? '').replace(/[\s\p{Default_Ignorable_Code_Point}]/gu, '') !== '';

/** A money amount as the API takes it (元, up to two decimals, no float on the way). */
export const moneyPattern = /^\d{1,13}(\.\d{1,2})?$/;

/** A Form.Item rule: the field must be written (isWritten), else `message`. */
export const writtenRule = (message: string) => ({
  validator: async (_: unknown, value: string | undefined) => (isWritten(value) ? undefined : Promise.reject(new Error(message))),
});
