import { describe, expect, it } from 'vitest';
import { recordExportText } from '../../../lib/app/record-text';
import type { RecordExport } from '../../../lib/domain';
import { loadI18n } from '../../../lib/i18n';
import { aMessage, client, org, people } from '../../fixtures/domain';

const ex = (over: Partial<RecordExport> = {}): RecordExport => ({
  exportedAt: '2026-03-02T08:15:00.000Z', scope: 'all', conversation: { id: 'conv-1', subject: 'Wondzorg' },
  client: { name: client.name, birthDate: '1940-05-01', bsn: '111222333' },
  organisations: [org.gp.name, org.homecare.name],
  participants: [
    { name: people.assistant.name, role: 'assistant', organisation: org.gp.name, resident: false },
    { name: client.name, role: '', organisation: '', resident: true },
  ],
  inboxes: [{ name: 'Wijkverpleging Oost', organisation: org.homecare.name }],
  messages: [aMessage({
    text: 'Graag wondcontrole morgen.',
    attachments: [{ id: 'att-1', name: 'wond.jpg', kind: 'photo', type: 'image/jpeg', bytes: 1000, sha256: 'a'.repeat(64) }],
  })],
  more: false,
  ...over,
});

describe('"Naar dossier": the text for the record', () => {
  it('names the client with birth date and BSN, the organisations, the participants and each message with its author and files (Dutch)', async () => {
    const text = recordExportText(ex(), await loadI18n('nl', { screens: true }));
    expect(text).toContain('Cliënt: Jan Jansen, geboren 1 mei 1940, BSN 111222333');
    expect(text).toContain(`Organisaties in het netwerk: ${org.gp.name}, ${org.homecare.name}`);
    expect(text).toContain(`- ${people.assistant.name}, Doktersassistent, ${org.gp.name}`);
    expect(text).toContain('- Jan Jansen (Inwoner)');
    expect(text).toMatch(new RegExp(`– ${people.assistant.name} \\(Doktersassistent, ${org.gp.name}\\):\\nGraag wondcontrole morgen\\.\\nBijlagen: wond\\.jpg`));
    expect(text).not.toMatch(/(export|role|conversation)\.[a-zA-Z]/);
  });

  it('is complete in English, says since when, and tells that more messages wait', async () => {
    const text = recordExportText(ex({ since: '2026-03-01T10:00:00.000Z', messages: [], more: true }), await loadI18n('en', { screens: true }));
    expect(text).toContain('Client: Jan Jansen, born 1 May 1940, BSN 111222333');
    expect(text).toMatch(/Messages since the last export \(.+\):/);
    expect(text).toContain('No new messages since the last export.');
    expect(text).toContain('There are more messages than one export takes.');
    expect(text).not.toMatch(/(export|role|conversation)\.[a-zA-Z]/);
  });
});
