/**
 * The review web app: a fastify server on 127.0.0.1 serving one hand-written page (assets/) and a
 * small JSON API over a ReviewStore. It refuses requests whose Host or Origin is not its own, serves
 * only its own asset files (a fixed list, no path from the URL touches the filesystem), and validates
 * every decision with zod before it is written.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DecisionRequestSchema, ReviewerSchema } from '../decisions/schema';
import { zodIssues } from '../decisions/apply';
import type { Gazetteer } from '../gazetteer/gazetteer';
import type { TableRules } from '../extract/tables';
import { allowedHosts, refusalReason } from './hosts';
import { searchPlaces } from './places';
import { APPLY_FIELDS, REVIEW_FILTERS, ReviewStore } from './store';

export interface ReviewServerOptions {
  outDir: string;
  baseDir: string;
  reviewer: string;
  host: string;
  port: number;
  gazetteer: Gazetteer | null;
  tables?: TableRules | null;
  decisionsFile?: string;
  /** Milliseconds a reviewer's page keeps the records it was given. */
  leaseMs?: number;
}

export interface RunningReviewServer {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The page's files: index.html, the style, and the ES modules under js/, listed once at start-up (no path from a URL reaches the filesystem). */
function listAssets(dir: string): Map<string, { file: string; type: string }> {
  const assets = new Map<string, { file: string; type: string }>([
    ['/', { file: 'index.html', type: 'text/html; charset=utf-8' }],
    ['/app.css', { file: 'app.css', type: 'text/css; charset=utf-8' }],
  ]);
  for (const name of readdirSync(path.join(dir, 'js'))) {
    if (/^[a-z-]+\.js$/.test(name)) assets.set(`/js/${name}`, { file: path.join('js', name), type: 'text/javascript; charset=utf-8' });
  }
  const docs = path.join(dir, 'review.png');
  if (existsSync(docs)) assets.set('/review.png', { file: 'review.png', type: 'image/png' });
  return assets;
}

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
const Session = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
const StateQuerySchema = z.object({
  session: Session.optional(),
  reviewer: ReviewerSchema.optional(),
  view: z.enum(['queue', 'all']).default('queue'),
  review: z.enum(REVIEW_FILTERS).default(''),
  flag: z.string().max(80).default(''),
  file: z.string().max(1000).default(''),
  city: z.string().max(80).default(''),
  status: z.enum(['', 'actual', 'target']).default(''),
  metric: z.string().max(80).default(''),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  claim: z.enum(['0', '1']).default('0'),
});
const SkipBody = z.strictObject({ recordId: IdParams.shape.id, session: Session, reviewer: ReviewerSchema.optional() });
const BulkBody = z.strictObject({ recordId: IdParams.shape.id, scope: z.enum(['sentence', 'article']), session: Session, reviewer: ReviewerSchema.optional() });
const ApplyBody = z.strictObject({ recordId: IdParams.shape.id, field: z.enum(APPLY_FIELDS), session: Session, reviewer: ReviewerSchema.optional() });
const PlacesQuery = z.object({ q: z.string().max(40).default('') });

/** Builds the app; `listen` decides the port, so the allowed Host names are set by `startReviewServer`. */
export async function buildReviewApp(options: ReviewServerOptions, allowed: () => ReadonlySet<string>): Promise<FastifyInstance> {
  const store = await ReviewStore.open({ outDir: options.outDir, baseDir: options.baseDir, gazetteer: options.gazetteer, tables: options.tables ?? null, decisionsFile: options.decisionsFile, leaseMs: options.leaseMs });
  const dir = assetsDir();
  const assets = new Map([...listAssets(dir)].map(([route, a]) => [route, { body: readFileSync(path.join(dir, a.file)), type: a.type }]));
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
  app.setErrorHandler(async (error, request, reply) => {
    const status = typeof (error as { statusCode?: number }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
    // the page gets no details; whoever runs the server does
    if (status >= 500) process.stderr.write(`zhstat review: ${request.method} ${request.url}: ${(error as Error).stack ?? String(error)}\n`);
    return reply.code(status).send({ error: status >= 500 ? 'internal error' : (error as Error).message });
  });

  for (const [route, asset] of assets) {
    app.get(route, async (_request, reply) => reply.type(asset.type).send(asset.body));
  }

  // browsers ask for it on their own; answering 204 keeps their console free of noise
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());

  app.get('/api/state', async (request, reply) => {
    const query = StateQuerySchema.safeParse(request.query);
    if (!query.success) return reply.code(400).send({ error: 'bad query', issues: zodIssues(query.error.issues) });
    const q = query.data;
    const state = await store.state({ ...q, session: q.session ?? '', reviewer: q.reviewer ?? options.reviewer, claim: q.claim === '1' });
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

  // a cross-site <form> can only send form or text bodies; JSON needs a script of our own origin
  const jsonOnly = async (request: { headers: Record<string, string | string[] | undefined> }, reply: { code(n: number): { send(x: unknown): unknown } }) => {
    if (!/^application\/json\b/i.test(String(request.headers['content-type'] ?? ''))) {
      return reply.code(415).send({ error: 'requests must be sent as application/json' });
    }
  };

  app.post('/api/decisions', { preHandler: jsonOnly }, async (request, reply) => {
    const body = DecisionRequestSchema.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: 'invalid decision', issues: zodIssues(body.error.issues) });
    const reviewer = ReviewerSchema.parse(body.data.reviewer ?? options.reviewer);
    const result = await store.decide(body.data, reviewer);
    if (result.ok) return reply.code(201).send({ decision: result.decision, item: result.item, offers: result.offers });
    return reply.code(result.status).send({ error: result.error, issues: result.issues ?? [], head: result.head ?? null, lease: result.lease ?? null, item: result.item });
  });

  app.post('/api/skip', { preHandler: jsonOnly }, async (request, reply) => {
    const body = SkipBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: 'invalid skip', issues: zodIssues(body.error.issues) });
    const ok = await store.skip(body.data.recordId, body.data.reviewer ?? options.reviewer, body.data.session);
    return ok ? { skipped: body.data.recordId } : reply.code(404).send({ error: 'no such record' });
  });

  app.post('/api/release', { preHandler: jsonOnly }, async (request, reply) => {
    const body = z.strictObject({ session: Session }).safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: 'invalid request', issues: zodIssues(body.error.issues) });
    return { released: await store.release(body.data.session) };
  });

  app.post('/api/bulk-accept', { preHandler: jsonOnly }, async (request, reply) => {
    const body = BulkBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: 'invalid request', issues: zodIssues(body.error.issues) });
    const result = await store.bulkAccept(body.data.recordId, body.data.scope, body.data.reviewer ?? options.reviewer, body.data.session);
    return result ?? reply.code(404).send({ error: 'no such record' });
  });

  app.post('/api/apply-to-article', { preHandler: jsonOnly }, async (request, reply) => {
    const body = ApplyBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: 'invalid request', issues: zodIssues(body.error.issues) });
    const result = await store.applyToArticle(body.data.recordId, body.data.field, body.data.reviewer ?? options.reviewer, body.data.session);
    return 'error' in result ? reply.code(409).send(result) : result;
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
