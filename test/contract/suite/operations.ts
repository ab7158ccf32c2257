import { beforeAll, describe, it } from 'vitest';
import type { OperationRegistry, OpName } from '../../../lib/contract/operations';
import type { Conversation, Network } from '../../../lib/domain';
import type { ContractHarness } from '../harness';
import { networkOf, start, uid, useRegion, type Person } from './support';

/**
 * What holds for every operation, checked from the registry alone: an
 * operation is here by its definition, with its own example input. The
 * region: a conversation of home care with the practice's assistants, and
 * one of those assistants deactivated afterwards (R12).
 */
export function operationSuite(harness: ContractHarness, operations: OperationRegistry, only?: string[]) {
  describe('every operation, from its definition', () => {
    const region = useRegion(harness, { operations });
    const names = only ?? Object.keys(operations);
    let network: Network;
    let conversation: Conversation;
    let elamrani: Person;
    let jansen: Person;

    beforeAll(async () => {
      const [yilmaz, mulder] = await region.all('p-yilmaz', 'p-mulder');
      jansen = await region.as('p-jansen');
      elamrani = await region.as('p-elamrani'); // signed in before she leaves
      network = await networkOf(yilmaz);
      conversation = await start(yilmaz, network.id, { inboxIds: ['inbox-assistentes'] }, 'Wie kan dit oppakken?');
      await mulder.must('deactivateAccount', { professionalId: 'p-elamrani' });
    });

    /** A well-formed call, the operation's own example, so only the caller's state can refuse it. */
    const example = (op: string) => operations[op]!.example({
      clientId: network.clientId, networkId: network.id, conversationId: conversation.id, spareClientId: 'c-hendriks', unique: uid('m'), attachmentId: 'att-none',
    });

    it.each(names)('R12: a deactivated account is refused %s (account-inactive), and nothing changes', async (op) => {
      await elamrani.refused(op as OpName, example(op) as never, 'account-inactive');
    });

    it.each(names)('%s refuses input that is no object at all (invalid-input), and nothing changes', async (op) => {
      await jansen.refused(op as OpName, 'tekst' as never, 'invalid-input');
    });

    it.each(names)('%s refuses a field it does not know (invalid-input), and nothing changes', async (op) => {
      await jansen.refused(op as OpName, { ...(example(op) as object), 'onbekend veld': true } as never, 'invalid-input');
    });

    // Security row 10: PostgreSQL cannot store U+0000 (it once answered 500), UTF-8 cannot encode a lone surrogate.
    it.each(names)('unstorable text: %s refuses U+0000 and a lone surrogate in each of its strings (invalid-input), and nothing changes', async (op) => {
      const input = example(op) as Record<string, unknown>;
      const leaves = stringPaths(input);
      const variants = leaves.length
        ? leaves.map((path, i) => withAt(input, path, `${getAt(input, path) as string}${i % 2 ? '\uD800' : '\u0000'}`))
        : [{ ...input, 'naam\u0000': 'x' }];
      for (const v of variants) await jansen.refused(op as OpName, v as never, 'invalid-input');
    });
  });
}

type Path = (string | number)[];
function stringPaths(v: unknown, at: Path = []): Path[] {
  if (typeof v === 'string') return [at];
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => stringPaths(x, [...at, Array.isArray(v) ? Number(k) : k]));
  return [];
}
const getAt = (v: unknown, path: Path): unknown => path.reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], v);
function withAt(v: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  copy[path[0]!] = withAt(copy[path[0]!], path.slice(1), value);
  return copy;
}
