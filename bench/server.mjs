// A tiny static server for the benchmark: the production bundle at /, and
// the benchmark's own generated files (static floor pages, the exchange
// bundle) under /__bench/. Every response says `Cache-Control: no-cache`
// without validators, so each load fetches the same bytes the same way.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

async function fileIn(root, urlPath) {
  const rel = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  const full = join(root, rel);
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    const s = await stat(full);
    if (s.isDirectory()) return fileIn(root, join(rel, 'index.html'));
    return full;
  } catch {
    return null;
  }
}

/** Serves `distDir` at / and `benchDir` at /__bench/ on 127.0.0.1:`port`. */
export function serve({ distDir, benchDir, port }) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [root, path] = url.pathname.startsWith('/__bench/')
      ? [benchDir, url.pathname.slice('/__bench/'.length)]
      : [distDir, url.pathname];
    const file = await fileIn(root, path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
    });
    res.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
