export { type CheckpointFile, CheckpointDirProblem, listCheckpoints, publicKeyFile, readLeaves } from './checkpointDir.js';
export { checkpointActor, type Checkpointer, createCheckpointer, LogNotConsistent } from './checkpointer.js';
export { eachLeaf, readLogLeaves } from './logLeaves.js';
export { MerkleTree } from './merkle.js';
export { verifyConsistency, verifyInclusion } from './proofs.js';
export { KeyProblem, readPublicKey, readSigningKey, type SigningKey, signatureValid } from './signing.js';
export { type CheckpointProblem, type CheckpointReport, verifyCheckpoints } from './verifyCheckpoints.js';
export { type EvidenceEvent, type EvidenceSubject, evidenceEventsSql } from './evidenceSql.js';
export { type CheckpointEvery, type CheckpointSchedule, scheduleCheckpoints } from './schedule.js';
