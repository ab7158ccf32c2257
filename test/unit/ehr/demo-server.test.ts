import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFile, serveEhrDemo, type EhrDemo } from '../../../demo/ehr/server';

describe('the demo record systems server', () => {
  let demo: EhrDemo;
  beforeAll(async () => {
    demo = await serveEhrDemo(0);
  });
  afterAll(() => demo?.close());

  it('serves the two systems on two origins', () => {
    expect(new URL(demo.his).origin).not.toBe(new URL(demo.ecd).origin);
  });

  it.each([
    ['his', 'patient-1.html', 200, 'Jan Pietersen'],
    ['his', '', 200, 'Patiëntenlijst'],
    ['ecd', 'clienten/40233', 200, 'Maria Hendriks'],
    ['ecd', 'client-40391.html', 200, 'Truus de Wit'],
    ['ecd', 'clienten/99999', 404, 'Niet gevonden'],
    ['ecd', '../his/patient-1.html', 404, 'Niet gevonden'],
  ] as const)('%s: %s → %i', async (system, path, status, text) => {
    const res = await fetch(`${demo[system]}${path}`);
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(text);
  });

  it('serves each system only on its own origin', async () => {
    const res = await fetch(`${new URL(demo.ecd).origin}/his/patient-1.html`);
    expect(res.status).toBe(404);
  });

  it.each([
    ['his', '/his/patient-1.html', 'patient-1.html'],
    ['ecd', '/ecd/clienten/40117', 'client-40117.html'],
    ['ecd', '/ecd/', 'index.html'],
    ['his', '/his/%2e%2e/secret.html', null],
    ['his', '/his/../package.json', null],
    ['his', '/ecd/client-40117.html', null],
    ['his', '/his/sub/patient-1.html', null],
  ] as const)('%s %s is file %j', (system, path, file) => {
    expect(demoFile(system, path)).toBe(file);
  });
});
