// Every kind of scheduled job and the handler that runs it. A domain schedules a job with
// scheduleJob(..., { kind }) and exports its handler; this table is the one place they meet.
import type { JobHandlers } from './scheduler.js';

export const job_handlers: JobHandlers = {};
