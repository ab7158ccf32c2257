// `npm start`'s mail catcher: every mail the demo server sends arrives here, on loopback only.
import { startMailCatcher } from './catcher';

const catcher = await startMailCatcher({
  smtpPort: Number(process.env.NZ_CATCHER_SMTP_PORT || 2525),
  httpPort: Number(process.env.NZ_CATCHER_PORT || 8791),
});
process.stdout.write(`Mail catcher (every mail the demo sends): ${catcher.pageUrl} (SMTP ${catcher.smtpUrl})\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void catcher.close().then(() => process.exit(0)));
}
