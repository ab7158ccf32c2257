import type { Network, StepDone, StepKey } from './care';

/** R4: the steps of each start, in the order the working agreements give them. */
export const CHECKLISTS: Record<Network['initiator'], readonly StepKey[]> = {
  gp: ['consent', 'network', 'patientCard', 'firstConversation', 'portalInvited', 'portalActivated', 'residentAdded'],
  homecare: [
    'consent', 'network', 'firstConversation', 'handoverRequested', 'patientCard', 'portalInvited',
    'portalActivated', 'residentAdded',
  ],
};

export interface ChecklistStep { key: StepKey; done?: StepDone }

export function checklist(network: Network): { steps: ChecklistStep[]; done: number; total: number } {
  const steps = CHECKLISTS[network.initiator].map((key) => ({ key, done: network.steps[key] }));
  return { steps, done: steps.filter((s) => s.done).length, total: steps.length };
}

/** The first step nobody has done yet: what the network is waiting for. */
export function nextStep(network: Network): StepKey | null {
  return checklist(network).steps.find((s) => !s.done)?.key ?? null;
}
