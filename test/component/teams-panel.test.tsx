// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TeamsPanel } from '../../components/TeamsPanel';
import type { AdminModel } from '../../lib/app/admin';
import { demoRegion } from '../../lib/service/demo-region';
import type { Entities, Put } from '../../lib/domain';
import { renderIn } from './render';

afterEach(cleanup);

const ofStore = <K extends keyof Entities>(puts: Put[], store: K) => puts.filter((p) => p.store === store).map((p) => p.value as Entities[K]);

describe('TeamsPanel', async () => {
  const puts = await demoRegion('2026-03-02T09:00:00.000Z');
  const team = ofStore(puts, 'teams').find((t) => t.id === 'team-lombok')!;
  const accounts = ofStore(puts, 'professionals').filter((p) => p.orgId === team.orgId);
  const inboxes = ofStore(puts, 'inboxes').filter((i) => i.teamId === team.id);
  const me = accounts.find((p) => p.id === 'p-mulder')!;
  const admin = { setContactPerson: vi.fn(), createSharedInbox: vi.fn(), setInboxMembers: vi.fn() } as unknown as AdminModel;

  it('R13, R16: offers only care professionals of the team as inbox members; the account manager can still be contact person (R14)', () => {
    expect(me.isCareProfessional).toBe(false);
    renderIn(<TeamsPanel admin={admin} teams={[team]} inboxes={inboxes} accounts={accounts} me={me} />);

    const contact = screen.getByLabelText('Contactpersoon') as HTMLSelectElement;
    expect([...contact.options].map((o) => o.textContent)).toContain('Peter Mulder');

    const forms = [
      screen.getByRole('form', { name: 'Nieuwe gezamenlijke inbox voor Praktijkteam Lombok' }),
      screen.getByRole('form', { name: 'Leden van Doktersassistentes' }),
    ];
    for (const form of forms) {
      const offered = within(form).getAllByRole('checkbox').map((c) => c.closest('label')!.textContent);
      expect(offered).toContain('Sanne Jansen');
      expect(offered).not.toContain('Peter Mulder');
    }
  });
});
