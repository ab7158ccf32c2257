/** The toolbar badge: unread across my own list and my shared inboxes; empty when none. */
export function badgeText(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((n, c) => n + (Number.isFinite(c) && c > 0 ? c : 0), 0);
  if (total === 0) return '';
  return total > 99 ? '99+' : String(total);
}

export const BADGE_COLOUR = '#b3261e';
