// The SDK's own version and the API version it pins. Pinning matters against real Stripe: object
// shapes change between versions, and the types in src/types describe this one.

/** Version of this SDK, reported in `User-Agent` and `X-Stripe-Client-User-Agent`. */
export const SDK_VERSION = '0.1.0';

/** The `Stripe-Version` sent unless the client or the request sets another. */
export const DEFAULT_API_VERSION = '2025-02-24.acacia';
