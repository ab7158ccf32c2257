import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeCareWritesToPractice, Panel } from './panel';

// W4: the shared-inbox snapshot — a new member does not see earlier conversations until added to one.
describe('W4 shared-inbox snapshot', () => {
  let panel: Panel;
  const subject = 'Valpartij mevrouw Hendriks';
  beforeAll(async () => {
    panel = await Panel.open();
    await homeCareWritesToPractice(panel, subject, 'Mevrouw Hendriks is gisteren gevallen. Geen letsel, wel angstig.');
  });
  afterAll(async () => {
    await panel?.close();
  });

  it('W4, R16: the team’s contact person adds a member to the shared inbox in management', async () => {
    await panel.actAs('p-jansen', 'Sanne Jansen');
    await panel.go('Beheer');
    await panel.title('Beheer');
    const team = panel.main.getByRole('region', { name: 'Team Praktijkteam Lombok' });
    // Sanne is the contact person, not the account manager: no account list, but the team's inboxes.
    expect(await panel.main.getByRole('region', { name: 'Accounts' }).count()).toBe(0);
    await team.getByText('Inbox Doktersassistentes (leden: 2)').click();
    await panel.accessible('management as contact person');
    const members = team.getByRole('form', { name: 'Leden van Doktersassistentes' });
    await members.getByLabel('Eva de Boer').check();
    await members.getByRole('button', { name: 'Leden opslaan' }).click();
    await panel.status('De leden van Doktersassistentes zijn opgeslagen.');
    await team.getByText('Inbox Doktersassistentes (leden: 3)').waitFor();
  });

  it('W4, R8: the new member does not see or read the earlier conversation', async () => {
    await panel.actAs('p-deboer', 'Eva de Boer');
    await panel.openInbox('Doktersassistentes');
    await panel.main.getByText('Geen gesprekken.').waitFor();
    await panel.openClient('Maria Hendriks');
    await panel.main.getByRole('button', { name: 'Netwerk openen' }).click();
    await panel.title('Netwerk van Maria Hendriks');
    await panel.main.getByText('Nog geen gesprekken waarin u deelneemt.').waitFor();
    await panel.accessible('network without conversations');
  });

  it('W4, R8, R9: a participant adds the new member to the earlier conversation individually', async () => {
    await panel.actAs('p-jansen', 'Sanne Jansen');
    await panel.openInbox('Doktersassistentes');
    await panel.openConversation(subject);
    await panel.main.getByText('Deelnemer toevoegen').click();
    await panel.main.getByLabel('Zorgprofessional').selectOption({ label: 'Eva de Boer – Doktersassistent, Huisartsenpraktijk Lombok' });
    await panel.main.getByRole('button', { name: 'Persoon toevoegen' }).click();
    await panel.status('Toegevoegd aan het gesprek.');
    expect(await panel.participants()).toMatch(/Eva de Boer\s*Doktersassistent, Huisartsenpraktijk Lombok\s*toegevoegd door Sanne Jansen op/);
  });

  it('W4, R7: once added, the new member finds it in her own list and reads the whole history', async () => {
    await panel.actAs('p-deboer', 'Eva de Boer');
    await panel.nav.getByRole('button', { name: /Mijn lijst.*1 ongelezen/ }).waitFor();
    await panel.openConversation(subject);
    expect(await panel.messages().first().innerText()).toMatch(/Yusuf Yilmaz[\s\S]*Mevrouw Hendriks is gisteren gevallen/);
    // Still not in the shared inbox: she joined the conversation personally, not via the inbox.
    await panel.openInbox('Doktersassistentes');
    await panel.main.getByText('Geen gesprekken.').waitFor();
  });
});
