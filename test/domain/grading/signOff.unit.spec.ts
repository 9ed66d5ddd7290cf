import { describe, expect, test } from 'vitest';
import { type GradeSummarySignedOff, periodDecider } from '../../../src/domain/grading/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import { actor } from '../../arbitraries/grading.js';
import { acme, clerk, fullySigned, groupGM, history, manager, ningbo, override, run, signOff, vp } from './periodFixtures.js';

const spec = deciderSpec(periodDecider);
const graded = history(run([acme, ningbo]));
const signedOff = (step: GradeSummarySignedOff['data']['step'], by: { id: string; name: string }, role: string) => ({
  type: 'GradeSummarySignedOff',
  data: { period: '2026-10', step, signerId: by.id, signerName: by.name, role },
});

describe('when nothing has been graded', () => {
  test('the summary cannot be prepared', () => {
    spec.given().when(signOff('prepared', clerk)).thenRefused('NothingToSignOff');
  });
});

describe('when the period was graded', () => {
  test('the archive clerk prepares it (编制)', () => {
    spec.given(...graded).when(signOff('prepared', clerk)).then(signedOff('prepared', clerk, 'archiveClerk') as GradeSummarySignedOff);
  });
  test('no later step may come first', () => {
    spec.given(...graded).when(signOff('reviewed', manager)).thenRefused('StepOutOfOrder');
    spec.given(...graded).when(signOff('approved', groupGM)).thenRefused('StepOutOfOrder');
  });
  test('another role may not prepare it', () => {
    spec.given(...graded).when(signOff('prepared', manager)).thenRefused('RoleNotAllowed');
  });
});

describe('when the summary was prepared', () => {
  const prepared = history(run([acme, ningbo]), signOff('prepared', clerk));
  test('the sales admin manager reviews it (复核)', () => {
    spec.given(...prepared).when(signOff('reviewed', manager)).then(signedOff('reviewed', manager, 'salesAdminManager') as GradeSummarySignedOff);
  });
  test('the preparer, even holding the manager role, may not review it', () => {
    const both = { ...clerk, roles: ['archiveClerk' as const, 'salesAdminManager' as const] };
    spec.given(...prepared).when(signOff('reviewed', both)).thenRefused('SignerAlreadySigned');
  });
  test('preparing it again by the same person is a no-op', () => {
    spec.given(...prepared).when(signOff('prepared', clerk)).then();
  });
  test('preparing it again by someone else is out of order', () => {
    spec.given(...prepared).when(signOff('prepared', actor('clerk2', 'archiveClerk'))).thenRefused('StepOutOfOrder');
  });
});

describe('when the summary was reviewed', () => {
  const reviewed = history(run([acme, ningbo]), ...fullySigned().slice(0, 2));
  test('the sales VP or the sales GM audits it (审核)', () => {
    spec.given(...reviewed).when(signOff('audited', vp)).then(signedOff('audited', vp, 'salesVP') as GradeSummarySignedOff);
    const gm = actor('gm', 'salesGM');
    spec.given(...reviewed).when(signOff('audited', gm)).then(signedOff('audited', gm, 'salesGM') as GradeSummarySignedOff);
  });
  test('the group GM may not audit it', () => {
    spec.given(...reviewed).when(signOff('audited', groupGM)).thenRefused('RoleNotAllowed');
  });
});

describe('when the summary was audited', () => {
  const audited = history(run([acme, ningbo]), ...fullySigned().slice(0, 3));
  test('the group GM approves it (审批), making each computed limit effective', () => {
    spec.given(...audited).when(signOff('approved', groupGM)).then({
      ...signedOff('approved', groupGM, 'groupGM'),
      data: {
        ...signedOff('approved', groupGM, 'groupGM').data,
        step: 'approved',
        effective: [
          { customerId: acme.customerId, grade: 'B', vip: false, score: 85, creditLimit: '125400.00', policyVersion: 1, revision: 1 },
          expect.objectContaining({ customerId: ningbo.customerId, revision: 1 }),
        ],
      },
    } as GradeSummarySignedOff);
  });
  test('nobody else approves it', () => {
    spec.given(...audited).when(signOff('approved', vp)).thenRefused('RoleNotAllowed');
  });
});

describe('when the summary was approved', () => {
  const frozen = history(run([acme, ningbo]), ...fullySigned());
  test('the period is frozen', () => {
    expect(frozen.reduce(periodDecider.evolve, periodDecider.initialState).status).toBe('frozen');
  });
  test('approving it again by the approver is a no-op', () => {
    spec.given(...frozen).when(signOff('approved', groupGM)).then();
  });
  test('any other sign-off is refused as frozen', () => {
    spec.given(...frozen).when(signOff('prepared', clerk)).thenRefused('PeriodIsFrozen');
    spec.given(...frozen).when(signOff('approved', actor('ggm2', 'groupGM'))).thenRefused('PeriodIsFrozen');
  });
  test('runs and overrides are refused as frozen', () => {
    spec.given(...frozen).when(run([acme])).thenRefused('PeriodIsFrozen');
    spec.given(...frozen).when(override(acme, 10)).thenRefused('PeriodIsFrozen');
  });
});
