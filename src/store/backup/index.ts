export { backupEventLog, type BackupOptions, type BackupSource, type BackupSummary } from './backup.js';
export { followEventLog, type FollowEnd, type FollowOptions } from './follow.js';
export { canonicalEvent, eventDigest } from './digest.js';
export { BackupRow, Manifest, manifestName, type SegmentEntry } from './format.js';
export { backupLocation, type BackupLocation, type StoreDisk } from './location.js';
export type { BackupProblem } from './manifestFile.js';
export { takePidLock, type LockHolder, type PidLock } from './pidLock.js';
export { checkBackup, restoreEventLog, type CheckedBackup, type RestoreProgress, type RestoreSummary } from './restore.js';
export { pruneErasedKeys, type PruneSummary } from './keys.js';
