/**
 * The review web app: a fastify server on 127.0.0.1 serving one hand-written page (assets/) and a
 * small JSON API over a ReviewStore. It refuses requests whose Host or Origin is not its own, serves
 * only its own asset files (a fixed list, no path from the URL touches the filesystem), and validates
 * every decision with zod before it is written.
 */
import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DecisionRequestSchema, ReviewerSchema } from '../decisions/schema';
import { zodIssues } from '../decisions/apply';
import type { Gazetteer } from '../gazetteer/gazetteer';
import { allowedHosts, refusalReason } from './hosts';
import { searchPlaces } from './places';
import { ReviewStore } from './store';

export interface ReviewServerOptions {
  outDir: string;
  baseDir: string;
  reviewer: string;
  host: string;
  port: number;
  gazetteer: Gazetteer | null;
  decisionsFile?: string;
}

export interface RunningReviewServer {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
};

/** The page loads nothing but its own script and style; inline script and markup injection have nowhere to go. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The assets live in src/review/assets; compiled code runs from dist/review, which has no copy. */
export function assetsDir(): string {
  const candidates = [path.join(__dirname, 'assets'), path.resolve(__dirname, '..', '..', 'src', 'review', 'assets')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  if (!found) throw new Error(`review page assets not found (looked in ${candidates.join(', ')})`);
  return found;
}

const IdParams = z.strictObject({ id: z.string().min(8).max(128).regex(/^[A-Za-z0-9_-]+$/) });
const PlacesQuery = z.object({ q: z.string().max(40).default('') });

/** Builds the app; `listen` decides the port, so the allowed Host names are set by `startReviewServer`. */
export async function buildReviewApp(options: ReviewServerOptions, allowed: () => ReadonlySet<string>): Promise<FastifyInstance> {
  const store = await ReviewStore.open({ outDir: options.outDir, baseDir: options.baseDir, gazetteer: options.gazetteer, decisionsFile: options.decisionsFile });
  const dir = assetsDir();
  const assets = new Map(Object.entries(ASSETS).map(([route, a]) => [route, { body: readFileSync(path.join(dir, a.file)), type: a.type }]));
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });

  app.addHook('onRequest', async (request, reply) => {
    const reason = refusalReason(request.headers as Record<string, string | undefined>, allowed(), request.method);
    if (reason) return reply.code(403).type('text/plain; charset=utf-8').send(`Forbidden: ${reason}\n`);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    return payload;
  });
  app.setErrorHandler(async (error, _request, reply) => {
    const status = typeof (error as { statusCode?: number }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
    return reply.code(status).send({ error: status >= 500 ? 'internal error' : (error as Error).message });
  });

  for (const [route, asset] of assets) {
    app.get(route, async (_request, reply) => reply.type(asset.type).send(asset.body));
  }

  // browsers ask for it on their own; answering 204 keeps their console free of noise
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());

  app.get('/api/state', async () => {
    const state = await store.state();
    return { reviewer: options.reviewer, outDir: path.basename(path.resolve(options.outDir)), ...state };
  });

  app.get('/api/records/:id/context', async (request, reply) => {
    const params = IdParams.safeParse(request.params);
    if (!params.success) return reply.code(400).send({ error: 'bad record id' });
    const context = await store.context(params.data.id);
    if (!context) return reply.code(404).send({ error: 'no such record' });
    return context;
  });

  app.get('/api/places', async (request, reply) => {
    const query = PlacesQuery.safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: 'bad query', issues: zodIssues(query.error.issues) });
    return { places: options.gazetteer ? searchPlaces(options.gazetteer.places(), query.data.q) : [] };
  });

  app.post('/api/decisions', async (request, reply) => {
    // a cross-site <form> can only send form or text bodies; JSON needs a script of our own origin
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      return reply.code(415).send({ error: 'decisions must be sent as application/json' });
    }
    const body = DecisionRequestSchema.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: 'invalid decision', issues: zodIssues(body.error.issues) });
    const reviewer = ReviewerSchema.parse(body.data.reviewer ?? options.reviewer);
    const { result, item } = await store.decide(body.data, reviewer);
    if (result.ok) return reply.code(201).send({ decision: result.decision, item });
    if (result.status === 409) return reply.code(409).send({ error: result.error, head: result.head, item });
    return reply.code(400).send({ error: result.error, issues: result.issues, item });
  });

  return app;
}

export async function startReviewServer(options: ReviewServerOptions): Promise<RunningReviewServer> {
  let allowed: ReadonlySet<string> = new Set();
  const app = await buildReviewApp(options, () => allowed);
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  allowed = allowedHosts(options.host, port);
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { url: `http://${shownHost}:${port}/`, app, close: () => app.close() };
}
