// The server package's public surface: start a Tender, or build its parts for tests and tools.
export { startTender, default_test_secret_key, type RunningTender, type StartOptions } from './server.js';
export { buildApp, type AppOptions } from './http/app.js';
export { createRuntime, type Runtime } from './runtime/runtime.js';
export { createFakeClock, systemClock, type Clock, type FakeClock } from './runtime/clock.js';
export { createOffsetClock, type AdjustableClock, type OffsetClock } from './runtime/clock.js';
export { signatureHeader } from './webhooks/signature.js';
export { webhook_delivery_headers } from './webhooks/delivery-worker.js';
export { createSeededRandom, createCryptoRandom } from './runtime/random.js';
export { createLogger } from './runtime/logger.js';
export { openStore } from './store/open-store.js';
export type { Store } from './store/store.js';
export { verifyLedger, type LedgerReport, type LedgerViolation } from './ledger/verify-ledger.js';
