import { z } from 'zod';

const OperationState = z
  .object({
    lastRunAt: z.iso.datetime().meta({ description: 'when the command last ran' }),
    passed: z.boolean().meta({ description: 'whether that run passed' }),
    summary: z.string().meta({ description: 'its one-line outcome, as the command printed it (English)' }),
    lastPassedAt: z.iso.datetime().nullable().meta({ description: 'when a run last passed; null: never' }),
    coveredPosition: z.number().int().min(0).nullable().meta({ description: 'the log position the last passing run reached: every event up to it was verified / is in the backup' }),
  })
  .meta({ description: 'a command’s last outcome' });

export const OperationStatusBody = z
  .object({
    logPosition: z.number().int().min(0).meta({ description: 'the log’s last position now (a backup’s lag is the difference)' }),
    verify: OperationState.nullable().meta({ description: '`customer-ledger verify`; null: never run on this store' }),
    backup: OperationState.nullable().meta({ description: '`customer-ledger backup`; null: never run on this store' }),
  })
  .meta({ id: 'OperationStatus' });
