/**
 * The few texts the widget's loader shows on the intranet page itself (its
 * launcher and what it says when it cannot show the frame). Kept apart from
 * the dictionaries: the loader is a small script of its own, and the frame
 * has everything else.
 */
export const WIDGET_TEXT = {
  nl: {
    open: 'Netwerkzorg',
    close: 'Sluiten',
    frame: 'Netwerkzorg',
    blocked: 'Netwerkzorg kan op deze pagina niet worden getoond. Vraag uw applicatiebeheerder deze pagina toe te staan.',
    config: 'Netwerkzorg: het adres van de server of de weergave klopt niet.',
  },
  en: {
    open: 'Netwerkzorg',
    close: 'Close',
    frame: 'Netwerkzorg',
    blocked: 'Netwerkzorg cannot be shown on this page. Ask your application administrator to allow this page.',
    config: 'Netwerkzorg: the server address or the view is not valid.',
  },
} as const;
