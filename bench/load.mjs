// Load generator, run as its own process so it never shares the server's event loop.
// Usage: node bench/load.mjs '<json>' with {url, method, headers, body, connections, duration,
// overallRate?, stagger?, expect: "baijiayun" | "gensee" | "hello" | "health"}. Prints one JSON summary line.
//
// stagger=k splits the connections and the rate over k autocannon instances started 1/k s apart.
// autocannon paces `overallRate` with a per-second quota per connection, so one instance sends
// bursts at every second tick; k staggered instances spread the same load over the second.
import autocannon from 'autocannon';

const args = JSON.parse(process.argv[2] ?? '{}');

// A fast error is not a result: every body must be the dialect's success envelope.
// Prefix checks keep the load generator cheap; both envelopes serialise `code` first.
const SUCCESS = {
  baijiayun: (body) => body.startsWith('{"code":0,'),
  gensee: (body) => body.startsWith('{"code":"0",'),
  hello: (body) => body === '{"hello":"world"}',
  health: (body) => body.startsWith('{"status":"ok"'),
  cc: (body) => body.startsWith('{"result":"OK"'),
};
const isSuccess = SUCCESS[args.expect];
if (!isSuccess) throw new Error(`unknown expect "${args.expect}"`);

let firstMismatch;
const verifyBody = (body) => {
  const ok = isSuccess(body);
  if (!ok && firstMismatch === undefined) firstMismatch = body.slice(0, 300);
  return ok;
};

const connections = args.connections ?? 32;
const duration = args.duration ?? 10;
const common = { url: args.url, method: args.method ?? 'GET', headers: args.headers ?? {}, body: args.body, duration, timeout: 10, verifyBody };

/** Splits n into k near-equal integer parts. */
const split = (n, k) => Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));

async function staggered(k) {
  const conns = split(connections, k);
  const rates = split(args.overallRate, k);
  const runs = conns.map((c, i) => new Promise((resolve) => setTimeout(resolve, (i * 1000) / k)).then(() =>
    autocannon({ ...common, connections: c, overallRate: rates[i], skipAggregateResult: true })));
  const results = await Promise.all(runs);
  const merged = autocannon.aggregateResult(results, { url: args.url, connections });
  // The merged duration is only the first instance's: the rate is the sum of each instance's own.
  merged.rps = results.reduce((sum, r) => sum + r.totalCompletedRequests / r.duration, 0);
  return merged;
}

const result = args.stagger > 1 && args.overallRate
  ? await staggered(Math.min(args.stagger, connections))
  : await autocannon({ ...common, connections, overallRate: args.overallRate });

process.stdout.write(JSON.stringify({
  requests: result.requests.total,
  seconds: result.duration,
  rps: result.rps ?? result.requests.total / result.duration,
  latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.mean },
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  mismatches: result.mismatches,
  firstMismatch,
}) + '\n');
