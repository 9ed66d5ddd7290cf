#!/usr/bin/env node
// Checks a customer-ledger evidence bundle with Node's built-ins only (Node 18 or later):
//   node verify.mjs [--public-key FILE] [BUNDLE_DIR]
// BUNDLE_DIR defaults to this file's directory. Give --public-key the signer's key as you
// received it from them (not from the bundle) to check who signed. Exit 0: every check
// passed; 1: at least one failed, each named on a FAIL line.
//
// What it checks, in the terms of RFC 9162 (Certificate Transparency v2):
// 1. checkpoint.json is signed (Ed25519) by the public key over the text
//    "customer-ledger checkpoint v1\nsize N\nroot R\ntime T\n";
// 2. each event's hash is SHA-256(previous hash ‖ the event's text as hashed), and the
//    events of one stream link: each names its predecessor's hash;
// 3. each event's hash is leaf number i of the signed tree: its inclusion proof leads from
//    SHA-256(0x00 ‖ hash) to the signed root (node = SHA-256(0x01 ‖ left ‖ right)).
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const keyAt = args.indexOf('--public-key');
const keyFile = keyAt >= 0 ? args.splice(keyAt, 2)[1] : undefined;
const dir = args[0] ?? dirname(fileURLToPath(import.meta.url));

let failures = 0;
const ok = (what) => console.log(`ok    ${what}`);
const fail = (what) => {
  failures += 1;
  console.log(`FAIL  ${what}`);
};
const read = (file) => readFileSync(join(dir, file), 'utf8');
const json = (file) => {
  try {
    return JSON.parse(read(file));
  } catch (e) {
    fail(`${file} cannot be read as JSON (${e.message})`);
    return null;
  }
};
const sha256 = (...parts) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const hex = (s) => (/^[0-9a-f]{64}$/.test(s ?? '') ? Buffer.from(s, 'hex') : Buffer.alloc(0));

// 1. The checkpoint and its signature.
const signed = json('checkpoint.json')?.checkpoint ?? {};
const keyPem = keyFile ? readFileSync(keyFile, 'utf8') : read('public-key.pem');
const key = createPublicKey(keyPem);
const keyId = sha256(key.export({ type: 'spki', format: 'der' })).toString('hex');
console.log(`public key ${keyId} (${keyFile ? `from ${keyFile}` : 'from the bundle: compare it with the one the signer published'})`);
const message = `customer-ledger checkpoint v1\nsize ${signed.size}\nroot ${signed.root}\ntime ${signed.time}\n`;
if (signed.keyId !== keyId) fail(`checkpoint.json names key ${signed.keyId}, not this public key`);
else if (!verify(null, Buffer.from(message), key, Buffer.from(String(signed.signature), 'base64'))) fail('checkpoint.json: the signature does not verify');
else ok(`checkpoint signed at ${signed.time}: the log's first ${signed.size} events have Merkle root ${signed.root}`);

// 2. Each event's hash from its content, and the links between the events of a stream.
const events = [];
read('events.ndjson')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .forEach((line, i) => {
    try {
      events.push(JSON.parse(line));
    } catch (e) {
      fail(`events.ndjson line ${i + 1} cannot be read as JSON (${e.message})`);
    }
  });
const at = (e) => `event at position ${e.position}`;
const byStream = new Map();
for (const e of events) {
  let content = {};
  try {
    content = JSON.parse(e.hashed);
  } catch {
    fail(`${at(e)}: its hashed text is not JSON`);
  }
  e.streamId = content.streamId;
  e.version = content.version;
  const hash = sha256(Buffer.from(e.prevHash ?? '', 'utf8'), Buffer.from(String(e.hashed), 'utf8')).toString('hex');
  if (hash !== e.hash) fail(`${at(e)} (stream ${e.streamId} version ${e.version}): its content does not give its hash`);
  if (content.version === 1 && e.prevHash !== null) fail(`${at(e)}: the first event of stream ${e.streamId} names a predecessor`);
  byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
}
let links = 0;
for (const [streamId, list] of byStream) {
  list.sort((a, b) => a.version - b.version);
  for (let i = 1; i < list.length; i += 1) {
    if (list[i].version !== list[i - 1].version + 1) continue; // not every event of a shared stream concerns this subject
    links += 1;
    if (list[i].prevHash !== list[i - 1].hash) fail(`stream ${streamId}: version ${list[i].version} does not link to version ${list[i - 1].version}`);
  }
}
ok(`${events.length} events of ${byStream.size} streams: each hash recomputed from its content, ${links} links between consecutive versions checked`);

// 3. Inclusion proofs (RFC 9162 §2.1.3.2) against the signed root.
const leafHash = (leaf) => sha256(Buffer.from([0]), leaf);
const nodeHash = (l, r) => sha256(Buffer.from([1]), l, r);
const included = (leaf, index, size, path, root) => {
  if (!(Number.isInteger(index) && Number.isInteger(size) && index >= 0 && index < size)) return false;
  let [fn, sn, r] = [index, size - 1, leafHash(leaf)];
  for (const p of path.map(hex)) {
    if (sn === 0 || p.length !== 32) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && r.equals(root);
};
const proofs = json('proofs.json') ?? { proofs: [] };
const proofOf = new Map(proofs.proofs.map((p) => [p.position, p]));
if (proofs.treeSize !== signed.size) fail(`proofs.json is for a tree of ${proofs.treeSize} events, the checkpoint signs ${signed.size}`);
let proven = 0;
for (const e of events) {
  const p = proofOf.get(e.position);
  if (!p) fail(`${at(e)}: no inclusion proof`);
  else if (!included(hex(e.hash), p.leafIndex, signed.size, p.path, hex(signed.root))) fail(`${at(e)} (stream ${e.streamId} version ${e.version}): its inclusion proof does not lead to the signed root`);
  else proven += 1;
}
if (proven === events.length) ok(`${proven} events proven to be leaves of the signed tree, at their places in the log`);

// The report is the product's rendering at a time point; its events are what is proven.
const report = json('report.json');
if (report) {
  const time = `as of ${report.asOf}, known at ${report.knownAt ?? 'the time it was rendered'}`;
  console.log(`note  report.json: ${report.kind} ${report.subject}, ${time}, computed at log position ${report.logPosition} (not signed; its events above are)`);
}
console.log(failures === 0 ? 'bundle verified' : `${failures} check(s) failed`);
process.exitCode = failures === 0 ? 0 : 1;
