/** ISO 4217 currency codes accepted for tenders (the common ones; extend as buyers need). */
export const CURRENCIES = ['CHF', 'EUR', 'USD', 'GBP', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'CAD', 'AUD'] as const;
