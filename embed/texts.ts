import type { Lang } from '../lib/i18n';

/** The few texts only the embed page shows; everything else comes from lib/i18n like the side panel's. */
const nl = {
  'write.title': 'Bericht aan {org}',
  'write.intro': 'Uw bericht komt in de gezamenlijke inbox van {org}. Zo wordt het opgepakt, ook als iemand afwezig is.',
  'write.client': 'Over cliënt',
  'write.network': 'Netwerk',
  'write.networkFrom': 'Netwerk sinds {date}',
  'write.noClients': 'Uw organisatie heeft nog geen cliënten met een netwerk.',
  'write.noNetwork': 'Deze cliënt heeft nog geen open netwerk met toestemming. Leg eerst de toestemming vast en maak het netwerk, bijvoorbeeld in de zijbalk naast uw dossier.',
  'write.unknownOrg': 'Deze organisatie staat niet in het adresboek.',
  'write.careOnly': 'Alleen zorgverleners kunnen berichten schrijven.',
  'write.start': 'Versturen',
  'embed.notHere': 'Dit scherm is niet beschikbaar in de widget. Gebruik hiervoor de zijbalk.',
} as const;

type Key = keyof typeof nl;

const en: Record<Key, string> = {
  'write.title': 'Message to {org}',
  'write.intro': "Your message goes to {org}'s shared inbox, so it is picked up even when someone is away.",
  'write.client': 'About client',
  'write.network': 'Network',
  'write.networkFrom': 'Network since {date}',
  'write.noClients': 'Your organisation has no clients with a network yet.',
  'write.noNetwork': 'This client has no open network with consent yet. First record the consent and create the network, for example in the side panel beside your record system.',
  'write.unknownOrg': 'This organisation is not in the directory.',
  'write.careOnly': 'Only care professionals can write messages.',
  'write.start': 'Send',
  'embed.notHere': 'This screen is not available in the widget. Use the side panel for it.',
};

export type EmbedText = (key: Key, params?: Record<string, string>) => string;

export function embedTexts(lang: Lang): EmbedText {
  const dict: Record<Key, string> = lang === 'en' ? en : nl;
  return (key, params) => dict[key].replace(/\{(\w+)\}/g, (all, name: string) => params?.[name] ?? all);
}
