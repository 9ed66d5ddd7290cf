import { describe, expect, test } from 'vitest';
import { entryDiff, valueText } from './entryDiff.js';

describe('a history entry as a field-by-field diff', () => {
  test('a change of archive fields shows each field from its old value to its new', () => {
    expect(entryDiff({ customerId: 'c', changes: [{ field: 'region', from: '华东', to: '华南' }] })).toEqual([{ field: 'region', from: '华东', to: '华南' }]);
  });

  test('a registration shows the values it set, nested blocks by path, without ids', () => {
    expect(entryDiff({ customerId: 'c', salespersonId: 'sp-1', archive: { name: '华东精密', region: '华东' } })).toEqual([
      { field: 'salespersonId', from: undefined, to: 'sp-1' },
      { field: 'archive.name', from: undefined, to: '华东精密' },
      { field: 'archive.region', from: undefined, to: '华东' },
    ]);
  });

  test('nothing reads as a dash', () => {
    expect(valueText(null)).toBe('—');
    expect(valueText(undefined)).toBe('—');
    expect(valueText('华南')).toBe('华南');
  });
});
