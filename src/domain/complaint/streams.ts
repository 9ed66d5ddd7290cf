/** One customer complaint (客诉) and every step of its handling. */
export const complaintStreamId = (complaintId: string): string => `complaint-${complaintId}`;
