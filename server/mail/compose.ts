/**
 * The texts of every mail the server sends, in Dutch and English, as plain
 * text and simple HTML built from the same paragraphs. Only what a mail may
 * say goes in: never a message's subject or text, a client's name or BSN,
 * or who wrote.
 */
export type MailLang = 'nl' | 'en';

export interface MailContent { subject: string; text: string; html: string }

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function render(subject: string, paragraphs: string[], action?: { label: string; url: string }, footer: string[] = []): MailContent {
  const text = [...paragraphs, ...(action ? [`${action.label}: ${action.url}`] : []), ...(footer.length ? ['--', ...footer] : [])].join('\n\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;font-size:15px;line-height:1.45;color:#1d2330">
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${action ? `<p><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:.5em 1em;background:#1f5fa8;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(action.label)}</a></p>` : ''}
${footer.map((p) => `<p style="color:#4d5666;font-size:13px">${escapeHtml(p)}</p>`).join('\n')}
</body></html>`;
  return { subject, text, html };
}

const when = (lang: MailLang, iso: string) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));

export function invitationMail(lang: MailLang, f: { name: string; orgName: string; link: string; expiresAt: string }): MailContent {
  return lang === 'en'
    ? render('Your Netwerkzorg account', [
      `Dear ${f.name},`,
      `${f.orgName} has made a Netwerkzorg account for you. Choose your password with the link below; it works once, until ${when(lang, f.expiresAt)}.`,
      'Did you not expect this mail? Then you need do nothing: without a password the account cannot be used.',
    ], { label: 'Choose a password', url: f.link })
    : render('Uw account voor Netwerkzorg', [
      `Beste ${f.name},`,
      `${f.orgName} heeft een account voor Netwerkzorg voor u gemaakt. Kies uw wachtwoord met de link hieronder; die werkt één keer, tot ${when(lang, f.expiresAt)}.`,
      'Verwachtte u deze mail niet? Dan hoeft u niets te doen: zonder wachtwoord kan het account niet worden gebruikt.',
    ], { label: 'Wachtwoord kiezen', url: f.link });
}

/**
 * The invitation of an organisation whose people sign in through its own provider only: no password
 * to choose, so no link; how to sign in instead.
 */
export function organisationInvitationMail(lang: MailLang, f: { name: string; orgName: string }): MailContent {
  return lang === 'en'
    ? render('Your Netwerkzorg account', [
      `Dear ${f.name},`,
      `${f.orgName} has made a Netwerkzorg account for you. You sign in with your ${f.orgName} account, as elsewhere at work: in the side panel or on your intranet, choose "Sign in with your organisation". There is no separate password.`,
      'Did you not expect this mail? Then you need do nothing.',
    ])
    : render('Uw account voor Netwerkzorg', [
      `Beste ${f.name},`,
      `${f.orgName} heeft een account voor Netwerkzorg voor u gemaakt. U meldt zich aan met uw account van ${f.orgName}, zoals elders op uw werk: kies in de zijbalk of op uw intranet "Aanmelden met uw organisatie". Een apart wachtwoord is er niet.`,
      'Verwachtte u deze mail niet? Dan hoeft u niets te doen.',
    ]);
}

/** The answer to a password reset asked for someone whose organisation signs in through its own provider only. */
export function organisationSignInMail(lang: MailLang, f: { name: string; orgName: string }): MailContent {
  return lang === 'en'
    ? render('Signing in to Netwerkzorg', [
      `Dear ${f.name},`,
      `Someone asked to reset the password of your Netwerkzorg account. ${f.orgName} signs you in with its own account, so Netwerkzorg has no password for you: choose "Sign in with your organisation". Forgot that password? Ask your organisation's service desk.`,
      'Did you not ask for this? Then ignore this mail.',
    ])
    : render('Aanmelden bij Netwerkzorg', [
      `Beste ${f.name},`,
      `Er is gevraagd het wachtwoord van uw Netwerkzorg-account opnieuw in te stellen. ${f.orgName} meldt u aan met het account van de organisatie, dus Netwerkzorg heeft geen wachtwoord voor u: kies "Aanmelden met uw organisatie". Bent u dat wachtwoord vergeten? Vraag het de servicedesk van uw organisatie.`,
      'Heeft u dit niet gevraagd? Negeer deze mail dan.',
    ]);
}

export function passwordResetMail(lang: MailLang, f: { name: string; link: string; expiresAt: string }): MailContent {
  return lang === 'en'
    ? render('Choose a new Netwerkzorg password', [
      `Dear ${f.name},`,
      `Someone asked to reset the password of your Netwerkzorg account. Choose a new one with the link below; it works once, until ${when(lang, f.expiresAt)}. Every session of your account then ends.`,
      'Did you not ask for this? Then ignore this mail: your password stays as it is.',
    ], { label: 'Choose a new password', url: f.link })
    : render('Nieuw wachtwoord voor Netwerkzorg', [
      `Beste ${f.name},`,
      `Er is gevraagd het wachtwoord van uw Netwerkzorg-account opnieuw in te stellen. Kies een nieuw wachtwoord met de link hieronder; die werkt één keer, tot ${when(lang, f.expiresAt)}. Daarna wordt u overal afgemeld.`,
      'Heeft u dit niet gevraagd? Negeer deze mail dan: uw wachtwoord blijft zoals het is.',
    ], { label: 'Nieuw wachtwoord kiezen', url: f.link });
}

export function passwordChangedMail(lang: MailLang, f: { name: string }): MailContent {
  return lang === 'en'
    ? render('Your Netwerkzorg password was changed', [
      `Dear ${f.name},`,
      'The password of your Netwerkzorg account was just changed. Was that not you? Tell your organisation\'s account manager at once.',
    ])
    : render('Uw wachtwoord voor Netwerkzorg is gewijzigd', [
      `Beste ${f.name},`,
      'Het wachtwoord van uw Netwerkzorg-account is zojuist gewijzigd. Was u dat niet? Meld het meteen bij de accountbeheerder van uw organisatie.',
    ]);
}

export function secondFactorResetMail(lang: MailLang, f: { name: string }): MailContent {
  return lang === 'en'
    ? render('Your Netwerkzorg second factor was removed', [
      `Dear ${f.name},`,
      'Your organisation\'s account manager removed the authenticator app from your Netwerkzorg account, and every session of your account has ended. If your organisation requires one: ask for a link with "Forgot your password?" on the sign-in screen; with it you choose a password and set up the new authenticator.',
      'Did you not ask for this? Tell your account manager at once.',
    ])
    : render('De tweede stap van uw Netwerkzorg-account is verwijderd', [
      `Beste ${f.name},`,
      'De accountbeheerder van uw organisatie heeft de authenticator-app van uw Netwerkzorg-account verwijderd, en u bent overal afgemeld. Vraagt uw organisatie een tweede stap? Vraag dan met "Wachtwoord vergeten?" op het aanmeldscherm een link; daarmee kiest u een wachtwoord en stelt u de nieuwe authenticator in.',
      'Heeft u hier niet om gevraagd? Meld het meteen bij uw accountbeheerder.',
    ]);
}

/** R: says only that something is new, and for which list; never subject, text, client or sender. */
export function notificationMail(lang: MailLang, f: { name: string; list: string | undefined; link: string; unsubscribe: string }): MailContent {
  return lang === 'en'
    ? render('Something new in Netwerkzorg', [
      `Dear ${f.name},`,
      f.list ? `There is something new for the shared inbox "${f.list}" in Netwerkzorg.` : 'There is something new for you in Netwerkzorg.',
    ], { label: 'Open Netwerkzorg', url: f.link }, [
      'You get this mail because you have not seen a new message for a while. Turn these mails off in the settings of Netwerkzorg, or with one click:',
      f.unsubscribe,
    ])
    : render('Er is iets nieuws in Netwerkzorg', [
      `Beste ${f.name},`,
      f.list ? `Er is iets nieuws voor de gedeelde inbox "${f.list}" in Netwerkzorg.` : 'Er is iets nieuws voor u in Netwerkzorg.',
    ], { label: 'Netwerkzorg openen', url: f.link }, [
      'U krijgt deze mail omdat u een nieuw bericht een tijdje niet heeft gezien. Zet deze mails uit in de instellingen van Netwerkzorg, of met één klik:',
      f.unsubscribe,
    ]);
}
