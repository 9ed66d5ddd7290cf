import { describe, test } from 'vitest';
import { type MonthlyFiguresRecorded, type RecordMonthlyFigures, figuresDecider } from '../../../src/domain/grading/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import { actor } from '../../arbitraries/grading.js';

const spec = deciderSpec(figuresDecider);
const customerId = '00000000-0000-4000-8000-000000000001';
const clerk = actor('clerk', 'archiveClerk');

const record = (data: Partial<RecordMonthlyFigures['data']> = {}, meta: Partial<RecordMonthlyFigures['meta']> = {}): RecordMonthlyFigures => ({
  type: 'RecordMonthlyFigures',
  data: { customerId, period: '2026-09', sales: '110000', creditDue: '100000.0', creditPaidOnTime: '95000.00', ...data },
  meta: { actor: clerk, at: '2026-10-02T09:00:00+08:00', reason: '财务月结数据', ...meta },
});

const recorded = (data: Partial<MonthlyFiguresRecorded['data']> = {}): MonthlyFiguresRecorded => ({
  type: 'MonthlyFiguresRecorded',
  data: { customerId, period: '2026-09', sales: '110000.00', creditDue: '100000.00', creditPaidOnTime: '95000.00', ...data },
});

describe('when no figures were recorded', () => {
  test('records a month in canonical money', () => {
    spec.given().when(record()).then(recorded());
  });
  test('records the current month, which is under way', () => {
    spec.given().when(record({ period: '2026-10' })).then(recorded({ period: '2026-10' }));
  });
  test('refuses a month that has not begun (in Shanghai time)', () => {
    spec.given().when(record({ period: '2026-11' }, { at: '2026-10-31T15:59:59Z' })).thenRefused('PeriodIsInTheFuture');
    spec.given().when(record({ period: '2026-11' }, { at: '2026-10-31T16:00:00Z' })).then(recorded({ period: '2026-11' }));
  });
  test('refuses more paid on time than was due', () => {
    spec.given().when(record({ creditDue: '100.00', creditPaidOnTime: '100.01' })).thenRefused('PaidExceedsDue');
  });
  test('refuses a salesperson', () => {
    spec.given().when(record({}, { actor: actor('s', 'salesperson') })).thenRefused('RoleNotAllowed');
  });
  test('refuses a change without a written reason', () => {
    spec.given().when(record({}, { reason: '  ' })).thenRefused('ReasonRequired');
  });
});

describe('when the month was recorded', () => {
  test('recording the same figures again is a no-op', () => {
    spec.given(recorded()).when(record()).then();
  });
  test('a correction is a new event that supersedes', () => {
    spec.given(recorded()).when(record({ sales: '120000.00' })).then(recorded({ sales: '120000.00' }));
  });
  test('another month is recorded beside it', () => {
    spec.given(recorded()).when(record({ period: '2026-08' })).then(recorded({ period: '2026-08' }));
  });
  test('a correction back to earlier figures is recorded, since the latest wins', () => {
    spec.given(recorded(), recorded({ sales: '1.00' })).when(record()).then(recorded());
  });
});
