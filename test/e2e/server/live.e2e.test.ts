import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDLE_MS } from '../../../server/auth/sessions';
import { pgliteServer, testClock, type TestServer } from '../../server/helpers';
import { eventually } from '../background/support';
import { type Panel, writesToPractice } from '../workflows/panel';
import { newProfile, signIn } from './profiles';

/**
 * Issue 4, across browsers: each person has their own Chromium profile with
 * the extension, set to the reference server (PGlite, demo region) and
 * signed in in the side panel. A home-care nurse starts a conversation with
 * the GP practice's shared inbox "Doktersassistentes"; both assistants,
 * looking at that inbox, see it appear without reloading. Their panels'
 * clocks stand still meanwhile, so no poll or timer can bring it: only the
 * server's live event stream. An assistant added to the inbox afterwards
 * does not see it (R8).
 */

/** Runs `fn` while these panels' clocks stand still: no interval, timeout or backoff fires in them. */
async function stillClock<T>(panels: Panel[], fn: () => Promise<T>): Promise<T> {
  for (const p of panels) await p.page.clock.pauseAt(Date.now() + 1_000);
  try {
    return await fn();
  } finally {
    for (const p of panels) await p.page.clock.resume();
  }
}

/** A row of the list on screen, once it shows. */
const row = (p: Panel, subject: string) => p.main.getByRole('list', { name: 'Gesprekken' }).getByRole('listitem').filter({ hasText: subject }).waitFor();
const message = (p: Panel, text: string) => p.messages().filter({ hasText: text }).waitFor();

/** A mark on the page: gone if it was reloaded. */
const mark = (p: Panel) => p.page.evaluate(() => void ((globalThis as { nzMark?: boolean }).nzMark = true));
const stillMarked = (p: Panel) => p.page.evaluate(() => (globalThis as { nzMark?: boolean }).nzMark === true);

describe('issue 4: a shared inbox, live, in separate browsers', () => {
  let server: TestServer;
  const panels: Panel[] = [];
  let nurse: Panel;
  let sanne: Panel;
  let samira: Panel;
  const subject = 'Benauwdheid mevrouw Hendriks';

  beforeAll(async () => {
    server = await pgliteServer();
    // One after the other: the machine is shared.
    for (let i = 0; i < 3; i++) panels.push(await newProfile(server));
    [nurse, sanne, samira] = panels as [Panel, Panel, Panel];
    await signIn(nurse, server, { id: 'p-yilmaz' }, 'Yusuf Yilmaz');
    await signIn(sanne, server, { id: 'p-jansen' }, 'Sanne Jansen');
    await signIn(samira, server, { id: 'p-elamrani' }, 'Samira El Amrani');
  });
  afterAll(async () => {
    for (const p of panels) await p.close();
    await server?.close();
  });

  it('both assistants, looking at “Doktersassistentes”, see the nurse’s new conversation appear without reloading', async () => {
    const assistants = [sanne, samira];
    for (const a of assistants) {
      await a.openInbox('Doktersassistentes');
      await a.main.getByText('Geen gesprekken.').waitFor();
      await mark(a);
    }
    // Every panel has its event stream open (the server counts one subscriber per stream).
    await eventually(async () => server.ctx.hub.subscribers, (n) => n >= 3);

    await stillClock(assistants, async () => {
      await writesToPractice(nurse, subject, 'Mevrouw is sinds vannacht benauwd. Kan de huisarts vandaag langskomen?');
      for (const a of assistants) {
        await row(a, subject);
        await a.nav.getByRole('button', { name: /Doktersassistentes.*1 ongelezen/ }).waitFor();
      }
    });
    expect(await Promise.all(assistants.map(stillMarked))).toEqual([true, true]);
    await sanne.accessible('shared inbox after a live update');
  });

  it('a reply shows in the nurse’s open conversation without reloading', async () => {
    await sanne.openConversation(subject);
    await mark(nurse);
    await stillClock([nurse], async () => {
      await sanne.send('Ik plan een visite in voor vanmiddag.');
      await message(nurse, 'Ik plan een visite in voor vanmiddag.');
    });
    expect(await stillMarked(nurse)).toBe(true);
  });

  it('R8: an assistant the account manager adds to the inbox afterwards does not see the earlier conversation', async () => {
    // In Samira's profile she signs out, and the practice's account manager adds Eva de Boer to the inbox.
    await samira.page.getByRole('banner').getByRole('button', { name: 'Afmelden' }).click();
    await signIn(samira, server, { id: 'p-mulder' }, 'Peter Mulder');
    await samira.go('Beheer');
    await samira.title('Beheer');
    const team = samira.main.getByRole('region', { name: 'Team Praktijkteam Lombok' });
    await team.getByText('Inbox Doktersassistentes (leden: 2)').click();
    const members = team.getByRole('form', { name: 'Leden van Doktersassistentes' });
    await members.getByLabel('Eva de Boer').check();
    await members.getByRole('button', { name: 'Leden opslaan' }).click();
    await samira.status('De leden van Doktersassistentes zijn opgeslagen.');
    await team.getByText('Inbox Doktersassistentes (leden: 3)').waitFor();

    // Eva, in a profile of her own, looks at the inbox: empty, nothing unread.
    const eva = await newProfile(server);
    panels.push(eva);
    await signIn(eva, server, { id: 'p-deboer' }, 'Eva de Boer');
    await eva.openInbox('Doktersassistentes');
    await eva.main.getByText('Geen gesprekken.').waitFor();
    await eventually(async () => server.ctx.hub.subscribers, (n) => n >= 4);

    // A new message in that conversation reaches its participants live (Sanne), not Eva, who joined the inbox later.
    await stillClock([sanne, eva], async () => {
      await nurse.send('Zij krijgt nu zuurstof.');
      await message(sanne, 'Zij krijgt nu zuurstof.');
    });
    await eva.openInbox('Doktersassistentes');
    expect(await eva.rows()).toEqual([]);
    expect(await eva.nav.getByRole('button', { name: /ongelezen/ }).count()).toBe(0);
  });
});

/*
 * Security row 5: idle time counts from what the person does. The background's own requests (unread
 * counts each minute, the live stream's heartbeat) do not keep a session alive, so a panel left alone
 * past the 30-minute idle limit asks for sign-in again. The server's clock is moved on; the browser's
 * background keeps running on its own, real clock.
 */
describe('security row 5: a panel left alone past the idle limit asks for sign-in again', () => {
  let server: TestServer;
  let panel: Panel;
  const clock = testClock();

  beforeAll(async () => {
    server = await pgliteServer({ now: clock.now });
    panel = await newProfile(server);
    await signIn(panel, server, { id: 'p-jansen' }, 'Sanne Jansen');
  });
  afterAll(async () => {
    await panel?.close();
    await server?.region.dispose();
  });

  it('idle expiry: 33 minutes without use, in three steps with the live stream checking between them: the open panel shows the sign-in screen, without a reload or a click', async () => {
    await mark(panel);
    const step = Math.ceil(IDLE_MS / 3) + 60_000;
    for (let i = 0; i < 2; i++) {
      clock.advance(step);
      // Past a heartbeat (every 25 s): it checks the session, and must not count as use.
      await new Promise((r) => setTimeout(r, 27_000));
      await panel.title('Mijn lijst');
    }
    clock.advance(step);
    await panel.title('Aanmelden', 60_000);
    expect(await stillMarked(panel)).toBe(true);
  });
});
