export * from './getComplaint.js';
export * from './receiveComplaint.js';
export * from './runComplaintCommand.js';
export * from './takeComplaintStep.js';
