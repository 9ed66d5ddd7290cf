import type { BackupProblem } from '../store/backup/index.js';
import { CliError, exitCodes } from './errors.js';

/** A refused backup or restore as one line, with the exit code a script can act on. */
export const backupProblemError = (problem: BackupProblem): CliError => {
  switch (problem.code) {
    case 'BackupInUse':
      return new CliError(problem.message, exitCodes.unavailable);
    case 'NotABackupDir':
    case 'ForeignBackup':
    case 'StoreNotEmpty':
      return new CliError(problem.message, exitCodes.refused);
    case 'ManifestInvalid':
    case 'SegmentMissing':
    case 'SegmentChecksumMismatch':
    case 'SegmentInvalid':
    case 'ChainBroken':
    case 'StreamHeadMismatch':
      return new CliError(`backup refused: ${problem.message}`, exitCodes.integrity);
  }
};
