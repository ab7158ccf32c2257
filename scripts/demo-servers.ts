// The demo record systems and the demo intranet page that `npm start` serves
// beside the API, each on its own origin as they would be in a practice.
import { serveEhrDemo } from '../demo/ehr/server';
// @ts-expect-error plain ESM module without types
import { serveIntranetDemo } from '../demo/intranet/serve.mjs';

const api = process.env.NZ_PUBLIC_URL || `http://127.0.0.1:${process.env.NZ_PORT || 8787}`;
const ehr = await serveEhrDemo(Number(process.env.NZ_EHR_PORT || 8788));
const intranet = await serveIntranetDemo({ port: Number(process.env.NZ_INTRANET_PORT || 8790), serverUrl: api });

console.log('Demo pages (training data):');
console.log(`  GP record system (HIS):        ${ehr.his}`);
console.log(`  Home-care record system (ECD): ${ehr.ecd}`);
console.log(`  Intranet page with the widget: ${intranet.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void Promise.all([ehr.close(), intranet.close()]).then(() => process.exit(0)));
}
