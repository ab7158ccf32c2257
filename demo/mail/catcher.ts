import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One mail as it arrived: its envelope, its headers and both bodies. */
export interface CaughtMail {
  seq: number;
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
  receivedAt: string;
}

export interface MailCatcher {
  /** `smtp://127.0.0.1:<port>`: what NZ_SMTP_URL points at. */
  smtpUrl: string;
  /** The page that lists caught mails, when an HTTP port was asked for. */
  pageUrl?: string;
  readonly mails: readonly CaughtMail[];
  /** Resolves with the mails once `count` of them match, or rejects after `timeoutMs`. */
  waitFor(match: (m: CaughtMail) => boolean, options?: { count?: number; timeoutMs?: number }): Promise<CaughtMail[]>;
  close(): Promise<void>;
}

export interface CatcherOptions {
  host?: string;
  smtpPort?: number;
  /** Serve the list of caught mails (HTML, and JSON at `/mails.json`) on this port. */
  httpPort?: number;
  /** Recipients to refuse for good (SMTP 550), to show what a bounce does. */
  refuse?: (address: string) => boolean;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Text shown as text; only its web addresses become links (escaped first, so mail text never becomes markup). */
const linked = (text: string) => escapeHtml(text).replace(/https?:\/\/[^\s<>"'&]+(?:&#38;[^\s<>"'&]+)*/g, (u) => `<a href="${u}">${u}</a>`);

function page(mails: readonly CaughtMail[]): string {
  const items = [...mails].reverse().map((m) => `<article><h2>${escapeHtml(m.subject)}</h2>
<p class="meta">Aan ${escapeHtml(m.to)} · van ${escapeHtml(m.from)} · ${escapeHtml(m.receivedAt)}</p><pre>${linked(m.text)}</pre></article>`).join('\n');
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Netwerkzorg: ontvangen mail (${mails.length})</title><style>body{font:15px/1.45 system-ui,sans-serif;max-width:52rem;margin:1rem auto;padding:0 1rem;color:#1d2330}
article{border:1px solid #ccd2dc;border-radius:6px;padding:.25rem 1rem;margin:.75rem 0}h2{font-size:1.05rem}.meta{color:#4d5666;font-size:.85rem}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font:inherit}</style></head><body><h1>Ontvangen mail</h1>
<p>Elke mail die de demo-server verstuurt, komt hier aan (lokaal; niets gaat naar buiten). Vernieuw de pagina voor nieuwe mail.</p>
${items || '<p>Nog geen mail.</p>'}</body></html>`;
}

/**
 * A local SMTP server that keeps every mail it is given, for `npm start`
 * and the tests: built on smtp-server and mailparser, so the server's mail
 * goes through a real SMTP conversation. Listens on loopback only.
 */
export async function startMailCatcher(options: CatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const mails: CaughtMail[] = [];
  let waiters: (() => void)[] = [];
  const smtp = new SMTPServer({
    // Loopback, a development tool: no TLS to offer (the server requires STARTTLS everywhere else).
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) {
        const err = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        const headers: Record<string, string> = {};
        for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
        mails.push({
          seq: mails.length + 1,
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          from: parsed.from?.text ?? '',
          to: Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : parsed.to?.text ?? '',
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          messageId: parsed.messageId ?? '',
          headers,
          receivedAt: new Date().toISOString(),
        });
        const w = waiters;
        waiters = [];
        for (const f of w) f();
        callback();
      }, (e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, host, () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let http: HttpServer | undefined;
  if (options.httpPort !== undefined) {
    http = createHttpServer((req, res) => {
      const json = req.url === '/mails.json';
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Type', json ? 'application/json' : 'text/html; charset=utf-8');
      res.end(json ? JSON.stringify(mails) : page(mails));
    });
    await new Promise<void>((resolve, reject) => {
      http!.once('error', reject);
      http!.listen(options.httpPort, host, () => resolve());
    });
  }
  const pagePort = http ? (http.address() as AddressInfo).port : undefined;

  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    pageUrl: pagePort === undefined ? undefined : `http://${host}:${pagePort}/`,
    mails,
    async waitFor(match, { count = 1, timeoutMs = 10_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.filter(match);
        if (found.length >= count) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`waited ${timeoutMs} ms for ${count} mail(s); ${found.length} matched of ${mails.length} caught`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (http) await new Promise<void>((resolve) => http!.close(() => resolve()));
    },
  };
}
