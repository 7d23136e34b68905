// The load both bench scripts apply: autocannon, `connections` at once, no pipelining, each request
// bounded by a timeout. Response times are kept raw (autocannon's histogram truncates to whole ms).
import autocannon from 'autocannon';

export const connections = 32;
const request_timeout_seconds = 10;

/** Runs `options` for `duration_seconds`; pushes each response time (ms) onto `latencies` unless null. */
export function cannon(options, duration_seconds, latencies, onResponse = null) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { ...options, connections, duration: duration_seconds, timeout: request_timeout_seconds },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (latencies !== null) instance.on('response', (_client, _status, _bytes, response_time_ms) => latencies.push(response_time_ms));
    if (onResponse !== null) instance.on('response', onResponse);
  });
}
