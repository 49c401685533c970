import http from 'node:http';
import { expect } from 'vitest';

/**
 * POSTs a Gensee export over a real socket (the site is named by the Host header) and reads the
 * answer as it arrives. `meanwhile` runs once the first chunk is in, and must be done before the
 * last one: the proof that the export streams while other requests are answered. Returns the text.
 */
export async function streamGenseeExport(address: string, site: string, path: string, form: string, meanwhile: () => Promise<void>): Promise<string> {
  const { port } = new URL(address);
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, headers: { host: site, 'content-type': 'application/x-www-form-urlencoded' } }, resolve);
    req.on('error', reject);
    req.end(form);
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-length']).toBeUndefined();
  expect(res.headers['transfer-encoding']).toBe('chunked');
  res.setEncoding('utf8');
  const chunks = res[Symbol.asyncIterator]();
  let received = String((await chunks.next()).value);
  let finished = false;
  const rest = (async () => {
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) received += String(next.value);
    finished = true;
  })();
  await meanwhile();
  expect(finished).toBe(false);
  await rest;
  return received;
}
