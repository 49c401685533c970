import type { FastifyInstance } from 'fastify';
import fastifyMultipart from '@fastify/multipart';

/**
 * Body parsing that never refuses a client for its framing: forms keep their raw text (signatures
 * cover it), JSON may be empty (one Gensee client sends a JSON content type on bodyless GETs),
 * multipart bodies are left for the endpoint runner to stream (their text fields become parameters,
 * their files are spooled to disk: see framework/multipart.ts), and other content types are read
 * and ignored.
 */
export async function registerBodyParsers(app: FastifyInstance): Promise<void> {
  // Files are never buffered in memory; the runner reads parts as a stream with its own limits.
  await app.register(fastifyMultipart, { throwFileSizeLimit: true, limits: { fieldSize: 4 * 1024 * 1024, parts: 1000 } });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (req, body, done) => {
    req.rawForm = String(body);
    done(null, {});
  });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body).trim();
    if (!text) return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      // A malformed body is treated as absent; the endpoint then reports what it misses.
      done(null, undefined);
    }
  });
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, _body, done) => done(null, undefined));
}
