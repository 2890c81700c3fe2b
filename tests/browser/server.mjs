// A static server the browser tests can stop and restart, for offline and republishing tests.
// Sends the same Content-Security-Policy as `cargo xtask serve` unless told not to (a static
// host that cannot send headers), and lets a test answer some requests itself (errors, cut
// or slow bodies, lying lengths).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
};
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

/**
 * Serves `dir` on 127.0.0.1:`port` (0 = any free port); resolves to { url, port, close }.
 * Options: `csp: false` sends no Content-Security-Policy; `handle(req, res, path)` is asked
 * first for every request (`path` is the URL path, e.g. `/bundle.json`) and answers it itself
 * by returning true.
 */
export function serveDir(dir, port = 0, { csp = true, handle = () => false } = {}) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    if (await handle(req, res, path)) return;
    const file = join(dir, path.endsWith('/') ? path + 'index.html' : path);
    try {
      const body = await readFile(file);
      const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' };
      if (csp) headers['Content-Security-Policy'] = CSP;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => {
    const actual = server.address().port;
    resolve({
      url: `http://127.0.0.1:${actual}/`,
      port: actual,
      close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
    });
  }));
}
