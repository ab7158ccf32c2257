import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeCareWritesToPractice, Panel } from './panel';

// W3: the assistants' hub function — pass a message on inside the practice, then archive it in their inbox.
describe('W3 hub function of the assistants’ shared inbox', () => {
  let panel: Panel;
  const subject = 'Bloedsuiker mevrouw Hendriks';
  beforeAll(async () => {
    panel = await Panel.open();
    await homeCareWritesToPractice(panel, subject, 'De bloedsuikers zijn deze week hoog, tot 17. Wie kan meekijken?');
    await panel.actAs('p-jansen', 'Sanne Jansen');
  });
  afterAll(async () => {
    await panel?.close();
  });

  it('W3, R9, R8: an assistant adds the POH-S inbox; its members join “via POH-S”, recorded with who and when', async () => {
    await panel.openInbox('Doktersassistentes');
    await panel.openConversation(subject);
    await panel.main.getByText('Deelnemer toevoegen').click();
    await panel.accessible('conversation, add participant open');
    await panel.main.getByLabel('Gezamenlijke inbox').selectOption({ label: 'POH-S (Huisartsenpraktijk Lombok)' });
    await panel.main.getByRole('button', { name: 'Inbox toevoegen' }).click();
    await panel.status('Toegevoegd aan het gesprek.');
    const who = await panel.participants();
    expect(who).toMatch(/Mark Visser\s*Praktijkondersteuner \(POH-S\), Huisartsenpraktijk Lombok\s*via POH-S, toegevoegd door Sanne Jansen op/);
    expect(who).toMatch(/Gezamenlijke inboxen[\s\S]*POH-S\s*toegevoegd door Sanne Jansen op/);
  });

  it('W3, R9: an assistant adds the GP individually', async () => {
    await panel.main.getByLabel('Zorgprofessional').selectOption({ label: 'Anne de Vries – Huisarts, Huisartsenpraktijk Lombok' });
    await panel.main.getByRole('button', { name: 'Persoon toevoegen' }).click();
    await panel.status('Toegevoegd aan het gesprek.');
    expect(await panel.participants()).toMatch(/Anne de Vries\s*Huisarts, Huisartsenpraktijk Lombok\s*toegevoegd door Sanne Jansen op/);
  });

  it('W3, R10: archiving in “Doktersassistentes” hides it for every member of that inbox', async () => {
    await panel.main.getByRole('button', { name: 'Archiveren in Doktersassistentes' }).click();
    await panel.main.getByRole('button', { name: 'Archiveren', exact: true }).click();
    await panel.status('Gearchiveerd voor alle leden van deze inbox.');
    await panel.title('Doktersassistentes');
    expect((await panel.rows()).join()).not.toContain(subject);
    await panel.main.getByRole('button', { name: 'Gearchiveerd' }).click();
    await panel.main.getByRole('list', { name: 'Gesprekken' }).getByText(subject).waitFor();
    await panel.accessible('shared inbox, archived');
    await panel.actAs('p-elamrani', 'Samira El Amrani');
    await panel.openInbox('Doktersassistentes');
    await panel.main.getByText('Geen gesprekken.').waitFor();
  });

  it('W3, R7: the POH-S, added later, reads the whole history and answers', async () => {
    await panel.actAs('p-visser', 'Mark Visser');
    await panel.openInbox('POH-S');
    await panel.openConversation(subject);
    expect(await panel.messages().first().innerText()).toContain('De bloedsuikers zijn deze week hoog');
    await panel.send('Ik bel mevrouw Hendriks morgen en pas zo nodig de insuline aan.');
  });

  it('W3, R10: the new message brings the conversation back into “Doktersassistentes”', async () => {
    await panel.actAs('p-jansen', 'Sanne Jansen');
    await panel.nav.getByRole('button', { name: /Doktersassistentes.*1 ongelezen/ }).waitFor();
    await panel.openInbox('Doktersassistentes');
    const rows = await panel.rows();
    expect(rows.join()).toContain(subject);
    expect(rows.join()).toContain('ongelezen');
    await panel.openConversation(subject);
    expect(await panel.messages().last().innerText()).toMatch(/Mark Visser[\s\S]*Ik bel mevrouw Hendriks morgen/);
  });
});
