const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The reference page of one dialect: Swagger UI over its OpenAPI document. */
export function referencePage(title: string, base: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<style>body { margin: 0; } .topbar { display: none; }</style>
</head>
<body>
<div id="reference"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="${escapeHtml(base)}/init.js"></script>
</body>
</html>
`;
}

export function referenceInit(documentUrl: string): string {
  return `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(documentUrl)}, dom_id: '#reference', deepLinking: true, docExpansion: 'none', defaultModelsExpandDepth: 0 });\n`;
}

/** `/docs`: the four dialects with links to their reference pages and documents. */
export function referenceIndex(dialects: ReadonlyArray<{ name: string; title: string; endpoints: number }>): string {
  const rows = dialects.map((d) => `<li><a href="/docs/${d.name}">${escapeHtml(d.title)}</a> — ${d.endpoints} endpoints · <a href="/docs/${d.name}/openapi.json">openapi.json</a></li>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Lectern API reference</title>
<style>body { font: 15px/1.5 system-ui, sans-serif; max-width: 860px; margin: 40px auto; padding: 0 16px; color: #1d2733; }</style></head>
<body>
<h1>Lectern API reference</h1>
<p>Each vendor dialect this server speaks, described as OpenAPI 3.1 and browsable here.</p>
<ul>
${rows}
</ul>
</body>
</html>
`;
}
