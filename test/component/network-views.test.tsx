// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Checklist } from '../../components/Checklist';
import { ConsentForm } from '../../components/ConsentForm';
import { InboxList } from '../../components/InboxScreen';
import type { ConsentText, InboxItem, Network } from '../../lib/domain';
import { renderIn } from './render';

afterEach(cleanup);

const at = '2026-03-02T09:15:00.000Z';
const done = (byName: string, orgName: string) => ({ by: 'x', byName, orgName, at });

describe('Checklist (R4)', () => {
  it('shows the home-care steps in order, who did each and when, and what is next', () => {
    const network: Network = {
      id: 'n1', clientId: 'c1', initiator: 'homecare', createdBy: 'p-yilmaz', createdByOrg: 'o', createdAt: at, status: 'open', orgIds: ['o'],
      steps: { consent: done('Yusuf Yilmaz', 'Thuiszorg Zorgzaam'), network: done('Yusuf Yilmaz', 'Thuiszorg Zorgzaam'), firstConversation: done('Yusuf Yilmaz', 'Thuiszorg Zorgzaam') },
    };
    renderIn(<Checklist network={network} />);
    expect(screen.getByRole('heading', { name: 'Stappen (start vanuit de thuiszorg)' })).toBeTruthy();
    expect(screen.getByText('3 van 8 stappen gedaan')).toBeTruthy();
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items[0]).toMatch(/Toestemming vastgelegd: gedaanYusuf Yilmaz, Thuiszorg Zorgzaam · /);
    expect(items[3]).toMatch(/Overdrachtsverzoek aan de huisartsenpraktijk: volgende stap/);
    expect(items[4]).toMatch(/Patiëntenkaart gekoppeld: nog open/);
    expect(items).toHaveLength(8);
  });
});

describe('ConsentForm (R1, R2)', () => {
  const text: ConsentText = { id: 't2', version: 2, text: 'Ik geef toestemming voor netwerkzorg.', hash: 'a'.repeat(64), publishedBy: 'p', publishedAt: at };

  it('shows the standard text with its version and records consent by a carer with name and relation', async () => {
    const record = vi.fn().mockResolvedValue(true);
    renderIn(<ConsentForm text={text} carer={{ name: 'Kees Hendriks', relation: 'zoon' }} onRecord={record} />);
    expect(screen.getByRole('figure').textContent).toMatch(/Standaardtekst, versie 2.*Ik geef toestemming voor netwerkzorg\./);
    expect(screen.queryByLabelText('Naam mantelzorger')).toBeNull();
    fireEvent.click(screen.getByLabelText('Een mantelzorger namens de cliënt'));
    expect((screen.getByLabelText('Naam mantelzorger') as HTMLInputElement).value).toBe('Kees Hendriks');
    fireEvent.change(screen.getByLabelText('Hoe'), { target: { value: 'written' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Toestemming vastleggen' }));
    expect(record).toHaveBeenCalledWith({ kind: 'carer', name: 'Kees Hendriks', relation: 'zoon' }, 'written');
  });
});

describe('InboxList', () => {
  const item = (over: Partial<InboxItem>): InboxItem => ({
    id: 'i1', ownerId: 'p', via: 'inbox-assistentes', conversationId: 'c1', networkId: 'n1', clientId: 'c-hendriks',
    subject: 'Netwerkzorg mevrouw Hendriks', lastActivity: at, archived: 0, unread: 1, openTask: true, ...over,
  });

  it('marks unread rows and open handover tasks (R18), and archives for all members of a shared inbox (R10)', () => {
    const open = vi.fn();
    const archive = vi.fn();
    renderIn(<InboxList items={[item({}), item({ id: 'i2', conversationId: 'c2', subject: 'Gelezen', unread: 0, openTask: false })]}
      archived={false} shared clientName={() => 'Maria Hendriks'} onOpen={open} onArchive={archive} />);
    const [first, second] = screen.getAllByRole('listitem');
    expect(first!.textContent).toContain('(ongelezen)');
    expect(first!.textContent).toContain('Taak: kaart koppelen en uitnodigen');
    expect(first!.textContent).toContain('Maria Hendriks');
    expect(second!.textContent).not.toContain('ongelezen');
    fireEvent.click(screen.getByRole('button', { name: 'Archiveren voor alle leden: Netwerkzorg mevrouw Hendriks' }));
    expect(archive).toHaveBeenCalledWith(expect.objectContaining({ conversationId: 'c1' }), true);
    fireEvent.click(screen.getByRole('button', { name: /^Gelezen/ }));
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ conversationId: 'c2' }));
  });
});
