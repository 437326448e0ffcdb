import { z } from 'zod';

/** A phone number in E.164 form: "+", a country code (never starting with 0), at most 15 digits in all. */
export const e164Pattern = /^\+[1-9]\d{6,14}$/;
export const E164Number = z.string().regex(e164Pattern, 'must be a phone number in E.164 form, like +15551234567');
