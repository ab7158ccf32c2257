import { isParticipant, readsContents } from '../capabilities';
import type { Network } from '../care';
import type { Conversation } from '../conversation';
import { canSeeNetwork, refuse, type Actor, type Refusal } from '../kernel';

/**
 * R8, R13: who may read a conversation's contents (its messages and their files), and whether only
 * through the emergency step.
 */
export function readAccess(actor: Actor, conv: Conversation, network: Network, emergencyReason: string | undefined): Refusal | { emergency: boolean } {
  const me = actor.professional;
  const participant = isParticipant(conv, me.id);
  if (readsContents(me)) return participant ? { emergency: false } : refuse('not-found');
  if (!participant && !canSeeNetwork(actor, network)) return refuse('not-found');
  return emergencyReason ? { emergency: true } : refuse('contents-restricted');
}
