/**
 * Test support (Node only, never bundled): a local HTTP server on 127.0.0.1
 * that answers as LibreTranslate's and DeepL's documented APIs do — their
 * request shapes, their CORS preflight, their error statuses and bodies —
 * so the connectors are tested without an engine on the machine. Used by
 * the unit tests (src/mt/translate.test.ts) and the e2e spec (e2e/mt.spec.ts).
 *
 * `mode` makes it misbehave on purpose: 'hang' never answers, 'malformed'
 * sends a body that is not JSON, 'wrongShape' JSON of the wrong shape,
 * 'quota' DeepL's 456, 'rateLimited' 429, 'serverError' 500.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The key both fake engines accept. DeepL's ends in ":fx", as a free key does. */
export const MOCK_LIBRE_KEY = 'libre-test-key';
export const MOCK_DEEPL_KEY = 'deepl-test-key:fx';

export type MockMode =
  'ok' | 'hang' | 'malformed' | 'wrongShape' | 'quota' | 'rateLimited' | 'serverError';

export interface MockRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface MockEngine {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Every request received, preflights included. */
  requests: MockRequest[];
  mode: MockMode;
  close(): Promise<void>;
}

/** What the fake engines answer for a French text: recognisable, and never the input. */
export function mockTranslation(text: string): string {
  return `EN: ${text}`;
}

function send(res: ServerResponse, status: number, body: unknown, raw = false): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
  res.end(raw ? String(body) : JSON.stringify(body));
}

export async function startMockEngine(): Promise<MockEngine> {
  const engine: MockEngine = {
    url: '',
    requests: [],
    mode: 'ok',
    close: () => Promise.resolve(),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // kept as text
      }
      const path = (req.url ?? '/').split('?')[0]!;
      engine.requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      // CORS preflight, as LibreTranslate (flask-cors) and a DeepL proxy answer it.
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Methods': 'POST, OPTIONS',
          'Access-Control-Allow-Headers': 'Content-Type, Authorization, Accept',
        });
        res.end();
        return;
      }
      if (engine.mode === 'hang') return; // never answers
      if (req.method !== 'POST') return send(res, 405, { error: 'Method Not Allowed' });
      if (path === '/translate') return libre(res, body);
      if (path === '/v2/translate') return deepl(req, res, body);
      send(res, 404, { error: 'Not Found' });
    });
  });

  function misbehave(res: ServerResponse, deeplApi: boolean): boolean {
    const errorBody = (message: string) => (deeplApi ? { message } : { error: message });
    switch (engine.mode) {
      case 'malformed':
        send(res, 200, '<html>Bad gateway</html>', true);
        return true;
      case 'quota':
        // LibreTranslate has no 456; its key limits are 403s and 429s.
        if (deeplApi) send(res, 456, errorBody('Quota exceeded'));
        else send(res, 429, errorBody('Too many request limits violations'));
        return true;
      case 'rateLimited':
        send(res, 429, errorBody(deeplApi ? 'Too many requests' : 'Slowdown: 20 per 1 minute'));
        return true;
      case 'serverError':
        send(res, 500, errorBody('Cannot translate text: internal error'));
        return true;
      default:
        return false;
    }
  }

  function libre(res: ServerResponse, body: unknown): void {
    const b = (body ?? {}) as {
      q?: unknown;
      source?: unknown;
      target?: unknown;
      api_key?: unknown;
    };
    if (b.api_key !== MOCK_LIBRE_KEY) return send(res, 403, { error: 'Invalid API key' });
    if (misbehave(res, false)) return;
    if (b.q === undefined) return send(res, 400, { error: 'Invalid request: missing q parameter' });
    if (b.source !== 'fr' || b.target !== 'en')
      return send(res, 400, { error: 'fr→en only on this server' });
    if (engine.mode === 'wrongShape') return send(res, 200, { translation: 'no' });
    const q = b.q;
    const translatedText = Array.isArray(q)
      ? q.map((x) => mockTranslation(String(x)))
      : mockTranslation(String(q));
    send(res, 200, { translatedText });
  }

  function deepl(req: IncomingMessage, res: ServerResponse, body: unknown): void {
    if (req.headers.authorization !== `DeepL-Auth-Key ${MOCK_DEEPL_KEY}`)
      return send(res, 403, { message: 'Forbidden' });
    if (misbehave(res, true)) return;
    const b = (body ?? {}) as { text?: unknown; source_lang?: unknown; target_lang?: unknown };
    if (!Array.isArray(b.text) || b.text.length === 0 || b.text.length > 50)
      return send(res, 400, { message: "Value for 'text' not supported." });
    if (b.target_lang !== 'EN-GB' && b.target_lang !== 'EN-US')
      return send(res, 400, { message: "Value for 'target_lang' not supported." });
    if (engine.mode === 'wrongShape')
      return send(res, 200, {
        translations: b.text.map(() => ({ detected_source_language: 'FR' })),
      });
    send(res, 200, {
      translations: b.text.map((t) => ({
        detected_source_language: 'FR',
        text: mockTranslation(String(t)),
      })),
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  engine.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  engine.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return engine;
}
