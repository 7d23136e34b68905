// The logging seam. Nothing is logged unless a logger is given; request logs never include the
// Authorization header or bodies.

export interface Logger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = {};
