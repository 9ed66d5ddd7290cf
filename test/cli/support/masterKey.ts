import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The master key of the personal data every spawned command and in-process check of the
 * tests shares: a configured store, as in production (without it a command would make a
 * development key in its DATA_DIR and warn on stderr).
 */
export const testMasterKeyFile = join(tmpdir(), 'customer-ledger-test-pii-master.key');
writeFileSync(testMasterKeyFile, `${'07'.repeat(32)}\n`, { mode: 0o600 });

export const testMasterKey = { kind: 'file', path: testMasterKeyFile } as const;
