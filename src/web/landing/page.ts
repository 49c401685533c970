import type { FastifyInstance } from 'fastify';
import type { Dialect, DialectContext } from '../../dialects/framework/dialect.js';
import { DOCS_BASE } from '../reference/plugin.js';
import { TOOL_BASE } from '../integration-tool/plugin.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface LandingFacts {
  version: string;
  dialects: ReadonlyArray<Dialect<DialectContext>>;
  /** The readiness check's current answer (the same one /readyz gives). */
  readiness(): Promise<{ ready: boolean; checks: Record<string, string> }>;
}

/** The page at `/`: what this server is, where its references and test tool are, its health, and entry by code. */
export function landingPage(facts: { version: string; dialects: ReadonlyArray<{ name: string; title: string; endpoints: number; prefixes: readonly string[] }>; ready: boolean; checks: Record<string, string> }): string {
  const dialectRows = facts.dialects.map((d) => `<li><a href="${escapeHtml(`${DOCS_BASE}/${d.name}`)}">${escapeHtml(d.title)}</a> — ${d.endpoints} endpoints under <code>${d.prefixes.map(escapeHtml).join('</code>, <code>')}</code></li>`).join('');
  const checkRows = Object.entries(facts.checks).map(([name, state]) => `<li>${escapeHtml(name)}: ${escapeHtml(state)}</li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Lectern</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2em}.ok{color:#176b1b}.down{color:#a11}</style></head><body>
<h1>Lectern ${escapeHtml(facts.version)}</h1>
<p>A self-hosted live-classroom server. It answers the HTTP APIs of Gensee Webcast, Gensee Training, CC collect and Baijiayun at the vendors' own paths, so that software written for those services can run against it.</p>
<h2>API reference</h2><ul>${dialectRows}</ul>
<p>Try any endpoint by hand in the <a href="${escapeHtml(`${TOOL_BASE}/tool.html`)}">integration test tool</a>, or read all reference pages at <a href="${DOCS_BASE}">${DOCS_BASE}</a>.</p>
<h2>Health</h2><p id="health" class="${facts.ready ? 'ok' : 'down'}">${facts.ready ? 'Ready' : 'Not ready'}</p><ul>${checkRows}</ul>
<p>Machine-readable: <a href="/healthz">/healthz</a> (liveness), <a href="/readyz">/readyz</a> (readiness), <a href="/metrics">/metrics</a> (Prometheus).</p>
<h2>Enter a classroom</h2>
<p><a href="/enter">The classroom entry page</a>, or straight from here:</p>
<form method="get" action="/enter">
<p><label>Classroom code <input name="code" required autocomplete="off"></label></p>
<p><label>Your name <input name="name" required></label></p>
<p><button type="submit">Enter</button></p>
</form>
</body></html>`;
}

export function registerLanding(app: FastifyInstance, facts: LandingFacts): void {
  const dialects = facts.dialects.map((d) => ({ name: d.name, title: d.docs.title, endpoints: d.endpoints.length, prefixes: d.prefixes }));
  app.get('/', async (_req, reply) => {
    const { ready, checks } = await facts.readiness();
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(landingPage({ version: facts.version, dialects, ready, checks }));
  });
}
