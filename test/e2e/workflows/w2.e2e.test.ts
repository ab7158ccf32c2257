import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Panel } from './panel';

// W2: start from home care (Yusuf Yilmaz, Thuiszorg Zorgzaam); the GP practice completes it.
describe('W2 home-care start, in the side panel', () => {
  let panel: Panel;
  const subject = 'Netwerkzorg mevrouw Hendriks';
  beforeAll(async () => {
    panel = await Panel.open();
    await panel.actAs('p-yilmaz', 'Yusuf Yilmaz');
  });
  afterAll(async () => {
    await panel?.close();
  });

  it('W2, R1, R2: a carer gives consent on the client’s behalf, with name and relation', async () => {
    await panel.openClient('Maria Hendriks');
    await panel.recordConsent({ name: 'Kees Hendriks', relation: 'zoon' });
    const consent = await panel.main.getByRole('region', { name: 'Toestemming' }).innerText();
    expect(consent).toContain('Kees Hendriks (zoon), namens de cliënt');
    expect(consent).toMatch(/Yusuf Yilmaz, Thuiszorg Zorgzaam/);
  });

  it('W2, R4: the network shows the home-care checklist', async () => {
    await panel.createNetwork('Maria Hendriks');
    expect(await panel.main.getByRole('heading', { name: 'Stappen (start vanuit de thuiszorg)' }).count()).toBe(1);
    await panel.main.getByText('2 van 8 stappen gedaan').waitFor();
    expect(await panel.checklistStep('Toestemming vastgelegd').innerText()).toContain('Yusuf Yilmaz, Thuiszorg Zorgzaam');
    // R5: home care cannot link a patient card; the form is not offered.
    expect(await panel.main.getByRole('button', { name: 'Patiëntenkaart koppelen' }).count()).toBe(0);
  });

  it('W2, R17: the first conversation to the GP practice proposes its primary shared inbox', async () => {
    await panel.startConversation({
      org: 'Huisartsenpraktijk Lombok', expectProposed: 'Doktersassistentes',
      subject, text: 'Mevrouw Hendriks en haar zoon willen digitale netwerkzorg. Willen jullie de patiëntenkaart koppelen?',
    });
    expect(await panel.participants()).toMatch(/Sanne Jansen[\s\S]*via Doktersassistentes, toegevoegd door Yusuf Yilmaz/);
    await panel.accessible('conversation (home care)');
  });

  it('W2, R18: the home-care start ends with a handover request to the practice’s shared inbox', async () => {
    await panel.main.getByRole('button', { name: 'Netwerk bekijken' }).click();
    await panel.title('Netwerk van Maria Hendriks');
    const form = panel.main.getByRole('form', { name: 'Overdrachtsverzoek aan de huisartsenpraktijk' });
    expect(await form.getByLabel('Aan (inbox in het gesprek)').inputValue()).toContain('inbox-assistentes');
    await panel.accessible('network with handover form');
    await form.getByRole('button', { name: 'Overdrachtsverzoek versturen' }).click();
    await panel.status('Het overdrachtsverzoek staat als taak in de inbox van de praktijk.');
    expect(await panel.checklistStep('Overdrachtsverzoek aan de huisartsenpraktijk').innerText()).toContain('Yusuf Yilmaz, Thuiszorg Zorgzaam');
    expect(await panel.checklistStep('Patiëntenkaart gekoppeld').innerText()).toContain('volgende stap');
    await panel.main.getByText(/Overdrachtsverzoek aan Doktersassistentes: open/).waitFor();
  });

  it('W2, R18: the GP assistant sees the request as a task in “Doktersassistentes” and completes it', async () => {
    await panel.actAs('p-jansen', 'Sanne Jansen');
    await panel.nav.getByRole('button', { name: /Doktersassistentes.*1 ongelezen/ }).waitFor();
    await panel.openInbox('Doktersassistentes');
    const [row] = await panel.rows();
    expect(row).toContain(subject);
    expect(row).toContain('Maria Hendriks');
    expect(row).toContain('Taak: kaart koppelen en uitnodigen');
    await panel.accessible('shared inbox with task');
    await panel.openConversation(subject);
    const task = panel.main.getByRole('region', { name: 'Overdrachtsverzoek' });
    expect(await task.innerText()).toContain('Taak voor de praktijk: koppel de patiëntenkaart en nodig de inwoner uit');
    await task.getByRole('button', { name: 'Naar het netwerk' }).click();
    await panel.title('Netwerk van Maria Hendriks');
    await panel.main.getByLabel('Patiëntnummer in uw systeem').fill('HIS-20931');
    await panel.main.getByRole('button', { name: 'Patiëntenkaart koppelen' }).click();
    await panel.status('De patiëntenkaart is gekoppeld.');
    await panel.main.getByRole('button', { name: 'Uitnodigen voor het portaal' }).click();
    await panel.status('De inwoner is uitgenodigd voor het portaal.');
    await panel.main.getByText(/Overdrachtsverzoek aan Doktersassistentes: afgerond op/).waitFor();
    await panel.openInbox('Doktersassistentes');
    const [done] = await panel.rows();
    expect(done).toContain(subject);
    expect(done).not.toContain('Taak:');
  });

  it('W2, R4: the home-care side sees the checklist move on, with who did what', async () => {
    await panel.actAs('p-yilmaz', 'Yusuf Yilmaz');
    await panel.openClient('Maria Hendriks');
    await panel.main.getByText('6 van 8 stappen gedaan').waitFor();
    await panel.main.getByRole('button', { name: 'Netwerk openen' }).click();
    await panel.title('Netwerk van Maria Hendriks');
    expect(await panel.checklistStep('Patiëntenkaart gekoppeld').innerText()).toContain('Sanne Jansen, Huisartsenpraktijk Lombok');
    expect(await panel.checklistStep('Inwoner uitgenodigd voor het portaal').innerText()).toContain('Sanne Jansen, Huisartsenpraktijk Lombok');
    expect(await panel.checklistStep('Portaal geactiveerd').innerText()).toContain('volgende stap');
    await panel.main.getByText(/Overdrachtsverzoek aan Doktersassistentes: afgerond op/).waitFor();
  });
});
