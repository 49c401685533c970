import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';

/**
 * Body parsing that never refuses a client for its framing: forms keep their raw text (signatures
 * cover it), JSON may be empty (one Gensee client sends a JSON content type on bodyless GETs),
 * multipart bodies are left as streams for the endpoint to read (its files are streamed to disk,
 * see `framework/uploads.ts`), and other content types are read and ignored.
 */
export async function registerBodyParsers(app: FastifyInstance): Promise<void> {
  await app.register(multipart);
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
