import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Panel } from './panel';

// W5: withdrawal of consent — one action; the network and its conversations become read-only and say so.
describe('W5 withdrawal of consent', () => {
  let panel: Panel;
  const subject = 'Medicatie meneer Pietersen';
  beforeAll(async () => {
    panel = await Panel.open();
    await panel.openClient('Jan Pietersen');
    await panel.recordConsent();
    await panel.createNetwork('Jan Pietersen');
    await panel.startConversation({ org: 'Thuiszorg Zorgzaam', subject, text: 'Graag de medicatierol vanaf maandag controleren.' });
  });
  afterAll(async () => {
    await panel?.close();
  });

  it('W5, R3: consent is withdrawn in one action, and the client screen says so', async () => {
    await panel.main.getByRole('button', { name: /^Cliënt: Jan Pietersen/ }).click();
    await panel.title('Jan Pietersen');
    await panel.main.getByRole('button', { name: 'Toestemming intrekken' }).click();
    await panel.accessible('withdraw confirmation');
    await panel.main.getByRole('button', { name: 'Ja, intrekken' }).click();
    await panel.status('De toestemming is ingetrokken. Het netwerk en de gesprekken zijn nu alleen-lezen.');
    const consent = await panel.main.getByRole('region', { name: 'Toestemming' }).innerText();
    expect(consent).toContain('De toestemming is ingetrokken. Er is geen actieve toestemming.');
    expect(consent).toContain('Eerdere toestemmingen (1)');
    expect(await panel.main.getByRole('region', { name: 'Netwerk', exact: true }).innerText()).toContain('Alleen-lezen: toestemming ingetrokken.');
  });

  it('W5, R3: the network is read-only and marked as such', async () => {
    await panel.main.getByRole('button', { name: 'Netwerk openen' }).click();
    await panel.title('Netwerk van Jan Pietersen');
    const note = panel.main.getByRole('note');
    expect(await note.innerText()).toContain('Alleen-lezen: de cliënt heeft de toestemming ingetrokken');
    expect(await panel.main.getByRole('button', { name: 'Nieuw gesprek' }).count()).toBe(0);
    expect(await panel.main.getByRole('button', { name: 'Uitnodigen voor het portaal' }).count()).toBe(0);
    await panel.accessible('read-only network');
  });

  it('W5, R3: the conversation keeps its history but takes no new messages or participants', async () => {
    await panel.main.getByRole('list', { name: 'Gesprekken' }).getByRole('button', { name: new RegExp(subject) }).click();
    await panel.title(subject);
    expect(await panel.main.getByRole('note').innerText()).toContain('Alleen-lezen');
    expect(await panel.messages().first().innerText()).toContain('Graag de medicatierol vanaf maandag controleren.');
    expect(await panel.main.getByRole('textbox', { name: 'Bericht' }).count()).toBe(0);
    expect(await panel.main.getByText('Deelnemer toevoegen').count()).toBe(0);
    await panel.accessible('read-only conversation');
  });

  it('W5, R3: the home-care side sees the same read-only conversation, history intact', async () => {
    await panel.actAs('p-yilmaz', 'Yusuf Yilmaz');
    await panel.openInbox('Wijkverpleging Kanaleneiland');
    await panel.openConversation(subject);
    expect(await panel.main.getByRole('note').innerText()).toContain('Alleen-lezen');
    expect(await panel.messages().count()).toBe(1);
    expect(await panel.main.getByRole('textbox', { name: 'Bericht' }).count()).toBe(0);
  });
});
