// WAL checkpoints mostly off the request path. SQLite's automatic checkpoint runs inside whichever
// COMMIT pushes the WAL past its limit, so that request pays for copying the log back into the
// database, on the only thread that serves requests. A worker thread with its own connection to the
// file runs PASSIVE checkpoints on a timer and does that copying in the background; it never blocks
// the writer. The server's connection keeps its automatic checkpoint: by the time it fires, the
// frames are already copied, so it is cheap, and it is what lets the WAL restart from its beginning
// (a background checkpoint alone never catches a writer that commits without pause, and the WAL
// would grow without bound).
import { Worker } from 'node:worker_threads';

export const checkpoint_interval_ms = 20;

// The worker runs as an eval'd script, so it works the same from TypeScript sources (tests) and the
// built JavaScript; it loads better-sqlite3 relative to this module.
const worker_source = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const Database = createRequire(workerData.base)('better-sqlite3');
const connection = new Database(workerData.filename);
connection.pragma('busy_timeout = 0');
const checkpoint = connection.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try {
    checkpoint.run();
  } catch (error) {
    // SQLITE_BUSY: another checkpoint or a writer's restart is under way; the next tick tries again.
    if (error && error.code !== 'SQLITE_BUSY' && error.code !== 'SQLITE_LOCKED') throw error;
  }
}, workerData.interval_ms);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  connection.close();
  parentPort.postMessage('stopped');
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** Starts the checkpoint thread for `filename`; `logError` hears if it dies (checkpoints then stay inline). */
export function startCheckpointer(filename: string, logError: (error: unknown) => void): Checkpointer {
  const worker = new Worker(worker_source, {
    eval: true,
    workerData: { filename, base: import.meta.url, interval_ms: checkpoint_interval_ms },
  });
  worker.unref();
  worker.on('error', logError);
  return {
    async stop() {
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        worker.once('exit', done);
        worker.once('message', () => void worker.terminate().then(done, done));
        worker.postMessage('stop');
        setTimeout(() => void worker.terminate().then(done, done), 2000).unref();
      });
    },
  };
}
