/** R11: free-mail domains are never an organisational address. */
export const FREE_MAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.nl', 'outlook.com', 'outlook.nl',
  'live.nl', 'live.com', 'msn.com', 'icloud.com', 'me.com', 'yahoo.com', 'yahoo.nl',
  'ziggo.nl', 'kpnmail.nl', 'kpnplanet.nl', 'planet.nl', 'home.nl', 'xs4all.nl',
  'casema.nl', 'upcmail.nl', 'quicknet.nl', 'hetnet.nl', 'chello.nl', 'tele2.nl',
  'proton.me', 'protonmail.com', 'aol.com', 'gmx.net', 'gmx.com',
];

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** A subdomain of a free-mail provider (mail.ziggo.nl) is still a private address. */
export function isFreeMail(email: string): boolean {
  const domain = emailDomain(email);
  return FREE_MAIL_DOMAINS.some((d) => domain === d || domain.endsWith('.' + d));
}

/** R11: the address must be on a domain the organisation registered (or a subdomain of it). */
export function isOrganisationalEmail(email: string, registeredDomains: readonly string[]): boolean {
  const domain = emailDomain(email);
  if (isFreeMail(email)) return false;
  return registeredDomains.some((d) => domain === d.toLowerCase() || domain.endsWith('.' + d.toLowerCase()));
}
