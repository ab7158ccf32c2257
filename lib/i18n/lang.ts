/** The languages the product speaks: Dutch by default, English complete. */
export type Lang = 'nl' | 'en';
