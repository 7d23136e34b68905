// A customer as Tender answers one (about 500 bytes of JSON), for the bench's own servers: the ceiling
// answers a fixed one, the stack-bounds server one per create.

/** @param {{id: string, created: number, email: string|null, name: string|null, metadata: Record<string, string>}} fields */
export function benchCustomer({ id, created, email, name, metadata }) {
  return {
    id,
    object: 'customer',
    address: null,
    balance: 0,
    created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email,
    invoice_prefix: 'ABCDEF12',
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata,
    name,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}
