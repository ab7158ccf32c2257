import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Panel } from './panel';

// W1: start from the GP practice, as the assistant Sanne Jansen (the training default).
describe('W1 GP start, in the side panel', () => {
  let panel: Panel;
  beforeAll(async () => {
    panel = await Panel.open();
  });
  afterAll(async () => {
    await panel?.close();
  });

  it('W1: the panel shows who acts, for which organisation, in a marked training environment', async () => {
    const banner = panel.page.getByRole('banner');
    expect(await banner.getByRole('heading', { level: 1 }).innerText()).toContain('Netwerkzorg');
    expect(await banner.innerText()).toContain('Sanne Jansen');
    expect(await banner.innerText()).toContain('Huisartsenpraktijk Lombok');
    expect(await panel.page.getByRole('region', { name: /Oefenomgeving/ }).innerText()).toContain('Oefengegevens');
    await panel.accessible('inbox');
  });

  it('W1, R1, R2: consent is asked first, with the standard text and its version', async () => {
    await panel.openClient('Jan Pietersen');
    const network = panel.main.getByRole('region', { name: 'Netwerk', exact: true });
    expect(await network.innerText()).toContain('pas worden aangemaakt als er een actieve toestemming is');
    expect(await network.getByRole('button', { name: 'Netwerk aanmaken' }).count()).toBe(0);
    const consent = panel.main.getByRole('region', { name: 'Toestemming' });
    expect(await consent.getByRole('figure').innerText()).toMatch(/Standaardtekst, versie 1[\s\S]*Toestemming digitale netwerkzorg/);
    await panel.accessible('consent');
    await panel.recordConsent();
    const recorded = await consent.innerText();
    expect(recorded).toContain('Actieve toestemming');
    expect(recorded).toContain('De cliënt zelf');
    expect(recorded).toContain('Mondeling, in een gesprek');
    expect(recorded).toMatch(/Sanne Jansen, Huisartsenpraktijk Lombok/);
    expect(recorded).toContain('versie 1');
  });

  it('W1, R4: the network shows the GP checklist with who did what and when', async () => {
    await panel.createNetwork('Jan Pietersen');
    const consentStep = await panel.checklistStep('Toestemming vastgelegd').innerText();
    expect(consentStep).toMatch(/Sanne Jansen, Huisartsenpraktijk Lombok · \d+ \w+\.? \d{4}/);
    expect(await panel.checklistStep('Netwerk aangemaakt').innerText()).toContain('Sanne Jansen');
    expect(await panel.checklistStep('Patiëntenkaart gekoppeld').innerText()).toContain('volgende stap');
    expect(await panel.main.getByText('2 van 7 stappen gedaan').count()).toBe(1);
    await panel.accessible('network');
  });

  it('W1, R5: the practice links its patient card', async () => {
    await panel.main.getByLabel('Patiëntnummer in uw systeem').fill('HIS-4711');
    await panel.main.getByRole('button', { name: 'Patiëntenkaart koppelen' }).click();
    await panel.status('De patiëntenkaart is gekoppeld.');
    expect(await panel.checklistStep('Patiëntenkaart gekoppeld').innerText()).toContain('Sanne Jansen, Huisartsenpraktijk Lombok');
    expect(await panel.main.getByText('Patiëntenkaart: HIS HIS-4711').count()).toBe(1);
  });

  it('W1, R17: the first conversation proposes the home-care provider’s shared inbox', async () => {
    await panel.startConversation({
      org: 'Thuiszorg Zorgzaam', expectProposed: 'Wijkverpleging Kanaleneiland',
      subject: 'Start netwerkzorg J. Pietersen', text: 'Wij starten digitale netwerkzorg. Zie https://example.org/afspraken voor de afspraken.',
    });
    const message = panel.messages().first();
    expect(await message.innerText()).toMatch(/Sanne Jansen[\s\S]*Doktersassistent, Huisartsenpraktijk Lombok/);
    const link = message.getByRole('link', { name: 'https://example.org/afspraken' });
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    const who = await panel.participants();
    expect(who).toContain('Yusuf Yilmaz');
    expect(who).toMatch(/via Wijkverpleging Kanaleneiland, toegevoegd door Sanne Jansen op/);
    await panel.accessible('conversation');
  });

  it('W1, R6: the resident can only be added after activating the portal', async () => {
    expect(await panel.main.getByText('De inwoner kan worden toegevoegd zodra het portaal is geactiveerd.').count()).toBe(1);
    await panel.main.getByRole('button', { name: 'Netwerk bekijken' }).click();
    await panel.title('Netwerk van Jan Pietersen');
    await panel.main.getByLabel(/E-mailadres van de inwoner/).fill('jan.pietersen@example.org');
    await panel.main.getByRole('button', { name: 'Uitnodigen voor het portaal' }).click();
    await panel.status('De inwoner is uitgenodigd voor het portaal.');
    await panel.main.getByRole('button', { name: 'Portaal is geactiveerd' }).click();
    await panel.status('Vastgelegd: het portaal is geactiveerd.');
    await panel.main.getByRole('list', { name: 'Gesprekken' }).getByRole('button', { name: /Start netwerkzorg/ }).click();
    await panel.title('Start netwerkzorg J. Pietersen');
    await panel.main.getByRole('button', { name: 'Inwoner toevoegen aan dit gesprek' }).click();
    await panel.status(/De inwoner is toegevoegd/);
    expect(await panel.participants()).toMatch(/Jan Pietersen\s*Inwoner\s*toegevoegd door Sanne Jansen op/);
  });

  it('W1, R4: every step of the GP checklist is done, each with who and when', async () => {
    await panel.main.getByRole('button', { name: 'Netwerk bekijken' }).click();
    await panel.title('Netwerk van Jan Pietersen');
    await panel.main.getByText('7 van 7 stappen gedaan').waitFor();
    for (const step of ['Toestemming vastgelegd', 'Netwerk aangemaakt', 'Patiëntenkaart gekoppeld', 'Eerste gesprek gestart',
      'Inwoner uitgenodigd voor het portaal', 'Portaal geactiveerd', 'Inwoner toegevoegd aan het gesprek']) {
      expect(await panel.checklistStep(step).innerText()).toMatch(/Sanne Jansen, Huisartsenpraktijk Lombok · /);
    }
    await panel.accessible('network complete');
  });
});
