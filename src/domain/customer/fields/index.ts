export * from './archive.js';
export * from './basics.js';
export * from './canonical.js';
export * from './contact.js';
export * from './creditCode.js';
export * from './groups.js';
export * from './labels.js';
export * from './phone.js';
