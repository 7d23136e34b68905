// Every effect the SDK needs from its host: ids, randomness, clocks, sleeping, runtime identity.
// Only this file touches crypto.randomUUID, Math.random, Date.now, performance.now, setTimeout for sleeps
// and `process`; tests pass their own Platform so retries are deterministic and never really wait.

/** Host effects, injectable through `new StripeClient(key, { platform })`. */
export interface Platform {
  /** A random UUIDv4, used for idempotency keys. */
  uuid(): string;
  /** A float in [0, 1), used for retry jitter. */
  random(): number;
  /** Wall-clock time in Unix milliseconds, used for webhook timestamps. */
  nowMs(): number;
  /** A monotonic clock in milliseconds, used to measure request durations. */
  monotonicNowMs(): number;
  /** Resolves after `delayMs`; rejects with the signal's reason if it aborts first. */
  sleep(delayMs: number, signal?: AbortSignal): Promise<void>;
  /** Runtime description for `X-Stripe-Client-User-Agent`. */
  runtimeInfo(): RuntimeInfo;
}

export interface RuntimeInfo {
  lang: string;
  lang_version: string;
  /** Operating system and architecture; sent only while telemetry is on. */
  platform: string | undefined;
}

function sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function runtimeInfo(): RuntimeInfo {
  const host = (globalThis as { process?: { version?: string; platform?: string; arch?: string } }).process;
  if (host?.version !== undefined) {
    return { lang: 'node', lang_version: host.version, platform: `${host.platform ?? 'unknown'} ${host.arch ?? ''}`.trim() };
  }
  return { lang: 'javascript', lang_version: 'unknown', platform: undefined };
}

/** The platform backed by Web APIs available in Node 20 and edge runtimes. */
export const defaultPlatform: Platform = {
  uuid: () => globalThis.crypto.randomUUID(),
  random: () => Math.random(),
  nowMs: () => Date.now(),
  monotonicNowMs: () => performance.now(),
  sleep,
  runtimeInfo,
};

/** Fills the gaps of a partial platform (as tests pass it) from the default one. */
export function resolvePlatform(overrides: Partial<Platform> | undefined): Platform {
  return { ...defaultPlatform, ...overrides };
}
