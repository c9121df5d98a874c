/**
 * The booking receipt's few words, in the booking's language. The receipt is
 * printed by the server (the print worker), so its texts live here rather than
 * in a page's language files; the kiosk's screen says the same in its own files.
 */
export const BOOKING_RECEIPT_TEXTS: Record<string, { heading: string; hint: string; locale: string }> = {
  da: { heading: 'Din bookingkode', hint: 'Kom til tiden, og tjek ind med koden ved skaermen.', locale: 'da-DK' },
  en: { heading: 'Your booking code', hint: 'Come at your time and check in with the code at the screen.', locale: 'en-GB' },
  de: { heading: 'Ihr Buchungscode', hint: 'Kommen Sie zu Ihrer Zeit und checken Sie mit dem Code am Bildschirm ein.', locale: 'de-DE' },
};
