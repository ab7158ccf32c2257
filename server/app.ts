import { Hono } from 'hono';
import { operations as contractOperations, type OperationRegistry } from '../lib/contract/operations';
import { DOCS_STYLE_HASH, docsPage } from './api/docs';
import { embedRoutes } from './api/embed';
import { openApiDocument } from './api/openapi';
import { opsRoutes } from './api/ops';
import { pageRoutes } from './api/pages';
import { security } from './api/security';
import { attachmentRoutes } from './attachments/routes';
import { authRoutes } from './auth/routes';
import type { ServerContext } from './context';
import { eventRoutes } from './events/routes';
import { fhirRoutes } from './fhir/routes';

/** The reference server's HTTP application (routes only; server/main.ts runs it). */
export function createApp(ctx: ServerContext, operations: OperationRegistry = contractOperations as unknown as OperationRegistry): Hono {
  const app = new Hono();
  security(app, ctx);
  const doc = openApiDocument(operations);
  const docs = docsPage(doc as never);

  app.get('/api/v1/health', (c) => c.json({ ok: true, database: ctx.db.kind }));
  app.get('/api/v1/openapi.json', (c) => c.json(doc));
  app.get('/api/v1/docs', (c) => {
    c.header('Content-Security-Policy', `default-src 'none'; style-src ${DOCS_STYLE_HASH}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`);
    return c.html(docs);
  });
  pageRoutes(app);
  app.get('/', (c) => c.redirect('/api/v1/docs'));
  authRoutes(app, ctx);
  opsRoutes(app, ctx, operations);
  attachmentRoutes(app, ctx, operations);
  eventRoutes(app, ctx);
  embedRoutes(app, ctx);
  fhirRoutes(app, ctx);
  return app;
}
