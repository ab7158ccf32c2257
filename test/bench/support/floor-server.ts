/**
 * The least a send can cost on this machine (server.bench.ts's floor row):
 * an HTTP POST on a kept-alive socket, its JSON body read, then a
 * transaction of two round trips to PostgreSQL, as the reference server
 * makes them (BEGIN with a read; the write with its COMMIT), and a small
 * JSON answer. No sign-in, rules, list rows, audit, events or idempotency.
 *
 *   DATABASE_URL=… PORT=… node --import tsx test/bench/support/floor-server.ts
 */
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query('CREATE TABLE IF NOT EXISTS bench_floor (id text PRIMARY KEY, doc jsonb NOT NULL)');
await pool.query(`INSERT INTO bench_floor (id, doc) VALUES ('floor', '{}') ON CONFLICT DO NOTHING`);

async function send(body: { conversationId: string; messageId: string; text: string }) {
  const c = await pool.connect();
  try {
    await c.query(`BEGIN ISOLATION LEVEL READ COMMITTED; SELECT doc FROM bench_floor WHERE id = ${pg.escapeLiteral(body.conversationId)}`);
    await c.query(`INSERT INTO bench_floor (id, doc) VALUES (${pg.escapeLiteral(body.messageId)}, ${pg.escapeLiteral(JSON.stringify(body))}); COMMIT`);
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    send(JSON.parse(Buffer.concat(chunks).toString('utf8'))).then(
      () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
      },
      (e: Error) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(e.message);
      },
    );
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`floor on http://127.0.0.1:${process.env.PORT}`));
