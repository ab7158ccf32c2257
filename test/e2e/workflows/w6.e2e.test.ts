import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Panel } from './panel';

// W6: management — accounts, contact persons, shared inboxes, the consent text, emergency access and audit.
describe('W6 management', () => {
  let panel: Panel;
  const subject = 'Thuiszorg meneer Pietersen';
  beforeAll(async () => {
    panel = await Panel.open();
    // Client data for R13 and R15: consent, network and a conversation made by the assistant.
    await panel.openClient('Jan Pietersen');
    await panel.recordConsent();
    await panel.createNetwork('Jan Pietersen');
    await panel.startConversation({ org: 'Thuiszorg Zorgzaam', subject, text: 'Vertrouwelijk: meneer Pietersen heeft hulp nodig bij het douchen.' });
    await panel.actAs('p-mulder', 'Peter Mulder');
    await panel.go('Beheer');
    await panel.title('Beheer');
  });
  afterAll(async () => {
    await panel?.close();
  });

  const accounts = () => panel.main.getByRole('region', { name: 'Accounts' });

  it('W6, R11: a private e-mail address is refused with a clear message; an organisational one is accepted', async () => {
    await accounts().getByText('Nieuw account').click();
    await panel.accessible('management, new account');
    const form = accounts().getByRole('form', { name: 'Nieuw account' });
    await form.getByLabel('Naam').fill('Fleur Bakker');
    await form.getByLabel('E-mailadres van de organisatie').fill('fleur.bakker@gmail.com');
    await form.getByLabel('Functie').selectOption({ label: 'Doktersassistent' });
    await form.getByLabel('Praktijkteam Lombok').check();
    await form.getByRole('button', { name: 'Account aanmaken' }).click();
    await panel.refusal('Privé-e-mailadressen (zoals gmail.com of hotmail.com) zijn niet toegestaan. Gebruik een e-mailadres van de organisatie.');
    expect(await accounts().getByText('Fleur Bakker').count()).toBe(0);
    await form.getByLabel('E-mailadres van de organisatie').fill('f.bakker@lombokhuisartsen.nl');
    await form.getByRole('button', { name: 'Account aanmaken' }).click();
    await panel.status('Account voor Fleur Bakker aangemaakt.');
    await accounts().getByRole('listitem').filter({ hasText: 'f.bakker@lombokhuisartsen.nl' }).waitFor();
  });

  it('W6, R12: the account manager deactivates an account, which can then do nothing', async () => {
    const eva = accounts().getByRole('listitem').filter({ hasText: 'e.deboer@lombokhuisartsen.nl' });
    await eva.getByRole('button', { name: 'Deactiveren' }).click();
    await eva.getByRole('button', { name: 'Ja, deactiveren' }).click();
    await panel.status('Eva de Boer is gedeactiveerd.');
    expect(await eva.innerText()).toContain('Gedeactiveerd');
    await panel.page.getByLabel('Werken als').selectOption('p-deboer');
    await panel.page.getByRole('button', { name: 'Wisselen' }).click();
    await panel.refusal('Dit account is gedeactiveerd en kan niets meer doen.');
    await panel.main.getByText('Netwerkzorg kon niet starten').waitFor();
    await panel.actAs('p-mulder', 'Peter Mulder');
  });

  it('W6, R14: the account manager sets the team’s contact person, shown to network partners', async () => {
    await panel.go('Beheer');
    const team = panel.main.getByRole('region', { name: 'Team Praktijkteam Lombok' });
    await team.getByLabel('Contactpersoon', { exact: true }).selectOption({ label: 'Samira El Amrani' });
    await team.getByRole('button', { name: 'Contactpersoon opslaan' }).click();
    await panel.status('De contactpersoon is opgeslagen.');
    await panel.actAs('p-yilmaz', 'Yusuf Yilmaz');
    await panel.go('Adresboek');
    await panel.title('Adresboek');
    const practice = panel.main.getByRole('region', { name: 'Huisartsenpraktijk Lombok' });
    expect(await practice.innerText()).toContain('Contactpersoon: Samira El Amrani');
    await panel.accessible('directory');
  });

  it('W6, R16: a shared inbox is created with guidelines and members, and found in the directory', async () => {
    await panel.actAs('p-mulder', 'Peter Mulder');
    await panel.go('Beheer');
    const team = panel.main.getByRole('region', { name: 'Team Praktijkteam Lombok' });
    await team.getByText('Nieuwe gezamenlijke inbox').click();
    const form = team.getByRole('form', { name: 'Nieuwe gezamenlijke inbox voor Praktijkteam Lombok' });
    await form.getByLabel('Naam van de inbox').fill('Ouderenzorg');
    await form.getByLabel('Richtlijnen').fill('Voor vragen over kwetsbare ouderen thuis. Binnen twee werkdagen antwoord.');
    await form.getByLabel('Anne de Vries').check();
    await form.getByLabel('Sanne Jansen').check();
    await form.getByRole('button', { name: 'Inbox aanmaken' }).click();
    await panel.status('De inbox Ouderenzorg is aangemaakt.');
    await team.getByText('Inbox Ouderenzorg (leden: 2)').waitFor();
    await panel.go('Adresboek');
    const practice = panel.main.getByRole('region', { name: 'Huisartsenpraktijk Lombok' });
    expect(await practice.innerText()).toMatch(/Ouderenzorg\s*Voor vragen over kwetsbare ouderen thuis/);
    await panel.actAs('p-jansen', 'Sanne Jansen');
    await panel.nav.getByRole('button', { name: 'Ouderenzorg' }).waitFor();
  });

  it('W6, R2: the regional administrator publishes a new consent text version; new consents use it, earlier ones keep theirs', async () => {
    await panel.actAs('p-hoekstra', 'Ingrid Hoekstra');
    await panel.go('Beheer');
    const text = panel.main.getByRole('region', { name: 'Standaardtekst toestemming' });
    expect(await text.getByRole('figure').innerText()).toContain('versie 1');
    await text.getByLabel('Nieuwe versie van de tekst').fill('Toestemming digitale netwerkzorg, versie 2. Ik geef toestemming dat mijn zorgverleners informatie delen die nodig is voor mijn zorg.');
    await text.getByRole('button', { name: 'Nieuwe versie publiceren' }).click();
    await panel.status('Versie 2 van de toestemmingstekst is gepubliceerd.');
    await text.getByText(/Standaardtekst, versie 2/).waitFor();
    await panel.accessible('management, consent text');
    await panel.actAs('p-jansen', 'Sanne Jansen');
    await panel.openClient('Ahmed Bouzid');
    expect(await panel.main.getByRole('region', { name: 'Toestemming' }).getByRole('figure').innerText()).toMatch(/versie 2[\s\S]*versie 2\. Ik geef toestemming/);
    await panel.openClient('Jan Pietersen');
    expect(await panel.main.getByRole('region', { name: 'Toestemming' }).innerText()).toMatch(/Tekst\s*versie 1/);
  });

  it('W6, R13: the non-care account manager cannot read messages except through the emergency step with a reason', async () => {
    await panel.actAs('p-mulder', 'Peter Mulder');
    await panel.openClient('Jan Pietersen');
    const history = panel.main.getByRole('region', { name: 'Toegangsgeschiedenis' });
    await history.getByRole('button', { name: 'Tonen' }).click();
    await history.getByRole('list').getByText('Gesprek gestart').first().waitFor();
    await history.getByRole('button', { name: 'Gesprek openen' }).first().click();
    await panel.title('Gesprek');
    const step = panel.main.getByRole('region', { name: 'Noodtoegang' });
    expect(await step.innerText()).toContain('Als accountbeheerder zonder zorgrol kunt u berichten niet lezen');
    expect(await panel.main.getByText(/Vertrouwelijk/).count()).toBe(0);
    await panel.accessible('emergency step');
    const open = step.getByRole('button', { name: 'Openen met noodtoegang' });
    expect(await open.isDisabled()).toBe(true);
    await step.getByLabel('Reden voor noodtoegang').fill('Klacht van de familie over de zorg; onderzoek op verzoek van de huisarts.');
    await open.click();
    await panel.title(subject);
    expect(await panel.main.getByRole('note').innerText()).toContain('Geopend met noodtoegang');
    expect(await panel.messages().first().innerText()).toContain('Vertrouwelijk: meneer Pietersen heeft hulp nodig bij het douchen.');
    expect(await panel.main.getByRole('textbox', { name: 'Bericht' }).count()).toBe(0);
  });

  it('W6, R15: the client’s access history per period shows who did what, including the emergency step', async () => {
    await panel.openClient('Jan Pietersen');
    const history = panel.main.getByRole('region', { name: 'Toegangsgeschiedenis' });
    await history.getByRole('button', { name: 'Tonen' }).click();
    const entries = history.getByRole('list', { name: /^Registraties: \d+/ });
    await entries.waitFor();
    const text = await entries.innerText();
    expect(text).toMatch(/Toestemming vastgelegd · toestemming\s*Sanne Jansen, Doktersassistent, Huisartsenpraktijk Lombok/);
    expect(text).toMatch(/Gesprek gelezen · gesprek\s*Peter Mulder, Manager, Huisartsenpraktijk Lombok/);
    expect(text).toContain('Noodtoegang: Klacht van de familie over de zorg; onderzoek op verzoek van de huisarts.');
    expect(text).not.toContain('Vertrouwelijk');
    await panel.accessible('access history');
    await history.getByLabel('Van').fill('2001-01-01');
    await history.getByLabel('Tot en met').fill('2001-12-31');
    await history.getByRole('button', { name: 'Tonen' }).click();
    await history.getByText('Geen toegang in deze periode.').waitFor();
  });
});
