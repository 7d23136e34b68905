// Every bound on what a request may carry, in one place. Stripe publishes the 5000-character string
// cap and the expand depth; the others are Tender's own (implementation-defined, documented in README).

export const request_body_bytes_max = 1024 * 1024;
/** Brackets deep: `a[b][c][d][e][f]` is 5. Stripe's deepest real params (line_items[0][price_data][recurring][interval]) use 4. */
export const param_nesting_depth_max = 6;
/** Elements in one array parameter, e.g. `expand[]` or `line_items[]`. */
export const param_array_length_max = 250;
/** Key/value pairs in one form body or query string. */
export const param_count_max = 1000;
/** JSON bodies: containers deep. */
export const json_nesting_depth_max = 10;
export const idempotency_key_chars_max = 255;
export const list_limit_max = 100;
export const list_limit_default = 10;
export const expand_depth_max = 4;
export const expand_paths_max = 100;
/** Characters in one path segment such as an id; Stripe's string cap. */
export const path_param_chars_max = 5000;
