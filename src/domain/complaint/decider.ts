import type { Decider } from '../shared/index.js';
import type { ComplaintCommand } from './commands.js';
import { decideComplaint } from './decide.js';
import type { ComplaintError } from './errors.js';
import type { ComplaintEvent } from './events.js';
import { evolveComplaint } from './evolve.js';
import { type ComplaintState, initialComplaintState } from './state.js';

export const complaintDecider: Decider<ComplaintCommand, ComplaintState, ComplaintEvent, ComplaintError> = {
  decide: decideComplaint,
  evolve: evolveComplaint,
  initialState: initialComplaintState,
};
