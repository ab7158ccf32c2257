/**
 * Every way a command can be refused, with what the user reads. The codes are
 * the API's error codes too, so a refusal reads the same in every adapter.
 */
export const refusals = {
  'invalid-input': {
    nl: 'De invoer klopt niet. Controleer de gemarkeerde velden.',
    en: 'The input is not valid. Check the marked fields.',
  },
  'not-found': {
    nl: 'Niet gevonden, of u heeft hier geen toegang toe.',
    en: 'Not found, or you do not have access to it.',
  },
  'not-signed-in': { nl: 'U bent niet (meer) aangemeld.', en: 'You are not signed in (any more).' },
  'account-inactive': {
    nl: 'Dit account is gedeactiveerd en kan niets meer doen.',
    en: 'This account has been deactivated and can no longer act.',
  },
  'consent-required': {
    nl: 'Er is geen actieve toestemming van de cliënt. Leg eerst toestemming vast (R1).',
    en: 'There is no active consent from the client. Record consent first (R1).',
  },
  'consent-text-outdated': {
    nl: 'Er is een nieuwere versie van de toestemmingstekst. Lees de nieuwe tekst voor en leg opnieuw vast.',
    en: 'A newer version of the consent text exists. Read out the new text and record again.',
  },
  'consent-not-active': {
    nl: 'Deze toestemming is al ingetrokken.',
    en: 'This consent has already been withdrawn.',
  },
  'network-exists': {
    nl: 'Deze cliënt heeft al een netwerk. Open het bestaande netwerk.',
    en: 'This client already has a network. Open the existing one.',
  },
  'network-read-only': {
    nl: 'De toestemming is ingetrokken: dit netwerk is alleen-lezen.',
    en: 'Consent was withdrawn: this network is read-only.',
  },
  'gp-only': {
    nl: 'Alleen een huisartsenpraktijk kan dit doen.',
    en: 'Only a GP practice can do this.',
  },
  'portal-not-invited': {
    nl: 'Nodig de inwoner eerst uit voor het portaal.',
    en: 'Invite the resident to the portal first.',
  },
  'portal-not-activated': {
    nl: 'De inwoner heeft het portaal nog niet geactiveerd.',
    en: 'The resident has not activated the portal yet.',
  },
  'already-participant': {
    nl: 'Deze deelnemer zit al in het gesprek.',
    en: 'This participant is already in the conversation.',
  },
  'recipient-required': {
    nl: 'Kies ten minste één ontvanger: een gezamenlijke inbox of een persoon.',
    en: 'Choose at least one recipient: a shared inbox or a person.',
  },
  'email-private': {
    nl: 'Privé-e-mailadressen (zoals gmail.com of hotmail.com) zijn niet toegestaan. Gebruik een e-mailadres van de organisatie.',
    en: 'Private e-mail addresses (such as gmail.com or hotmail.com) are not allowed. Use an organisational address.',
  },
  'email-not-organisational': {
    nl: 'Dit e-mailadres hoort niet bij een domein dat de organisatie heeft geregistreerd.',
    en: 'This e-mail address is not on a domain the organisation registered.',
  },
  'email-taken': {
    nl: 'Er bestaat al een account met dit e-mailadres.',
    en: 'An account with this e-mail address already exists.',
  },
  'account-manager-only': {
    nl: 'Alleen de accountbeheerder van de organisatie kan dit doen.',
    en: "Only the organisation's account manager can do this.",
  },
  'cannot-deactivate-self': {
    nl: 'U kunt uw eigen account niet deactiveren.',
    en: 'You cannot deactivate your own account.',
  },
  'contents-restricted': {
    nl: 'Als accountbeheerder zonder zorgrol kunt u berichten niet lezen. Alleen in een noodsituatie, met een reden die wordt vastgelegd.',
    en: 'As an account manager without a care role you cannot read messages, except in an emergency, with a reason that is logged.',
  },
  'contact-person-first': {
    nl: 'Deze persoon is contactpersoon van een team. Wijs eerst een andere contactpersoon aan en deactiveer daarna.',
    en: 'This person is a team\'s contact person. Choose another contact person first, then deactivate.',
  },
  'contact-person-not-member': {
    nl: 'De contactpersoon moet een actief lid van het team zijn.',
    en: 'The contact person must be an active member of the team.',
  },
  'inbox-member-not-care': {
    nl: 'Alleen zorgverleners kunnen lid zijn van een gezamenlijke inbox: wie geen zorgrol heeft, leest geen berichten.',
    en: 'Only care professionals can belong to a shared inbox: someone without a care role does not read messages.',
  },
  'inbox-member-not-in-team': {
    nl: 'Alleen actieve leden van het team kunnen lid van deze inbox zijn.',
    en: 'Only active members of the team can belong to this inbox.',
  },
  'team-manager-only': {
    nl: 'Alleen de accountbeheerder of de contactpersoon van het team kan dit doen.',
    en: "Only the account manager or the team's contact person can do this.",
  },
  'regional-admin-only': {
    nl: 'Alleen een regionale beheerder kan een nieuwe toestemmingstekst publiceren.',
    en: 'Only a regional administrator can publish a new consent text.',
  },
  'handover-exists': {
    nl: 'Voor dit netwerk is al een overdrachtsverzoek gedaan.',
    en: 'A handover request has already been made for this network.',
  },
  'handover-needs-gp-inbox': {
    nl: 'Een overdrachtsverzoek gaat naar een gezamenlijke inbox van een huisartsenpraktijk in dit gesprek.',
    en: 'A handover request goes to a GP practice shared inbox in this conversation.',
  },
  'period-invalid': {
    nl: 'De begindatum ligt na de einddatum.',
    en: 'The start date is after the end date.',
  },
  'client-exists': {
    nl: 'Er is al een cliënt met dit BSN.',
    en: 'A client with this BSN already exists.',
  },
  'conflict': {
    nl: 'Deze actie is al met andere gegevens uitgevoerd. Vernieuw en probeer opnieuw.',
    en: 'This action was already carried out with different data. Refresh and try again.',
  },
  'unavailable': {
    nl: 'De server is nu niet bereikbaar. Probeer het later opnieuw.',
    en: 'The server cannot be reached right now. Try again later.',
  },
  'rate-limited': {
    nl: 'Te veel pogingen. Wacht even en probeer het opnieuw.',
    en: 'Too many attempts. Wait a moment and try again.',
  },
} as const satisfies Record<string, { nl: string; en: string }>;

export type RefusalCode = keyof typeof refusals;
export type Lang = 'nl' | 'en';

export function refusalMessage(code: RefusalCode, lang: Lang = 'nl'): string {
  return refusals[code][lang];
}
