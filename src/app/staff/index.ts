export * from './recordStaffMember.js';
