import { z } from 'zod';
import { Text } from '../../shared/index.js';

/** 客户名称: unique among customers that are not lost (see nameReservation.ts). */
export const CustomerName = Text(200);
export type CustomerName = z.infer<typeof CustomerName>;

/** One line a person writes: a region, a bank's name, a company nature. */
export const ShortText = Text(200);
export type ShortText = z.infer<typeof ShortText>;

/** A paragraph: the profile (客户简介), the industry's situation, remarks. */
export const LongText = Text(4000);
export type LongText = z.infer<typeof LongText>;

export const Email = z
  .string()
  .trim()
  .max(254, 'an email address has at most 254 characters')
  .pipe(z.email({ error: 'an email address looks like name@example.com' }));
export type Email = z.infer<typeof Email>;

/** 网址: an http(s) address with a domain name. */
export const Website = z
  .string()
  .trim()
  .max(2000, 'a website address has at most 2000 characters')
  .pipe(
    z.url({
      protocol: /^https?$/,
      hostname: z.regexes.domain,
      error: 'a website is an http(s) address with a domain, e.g. https://www.example.com',
    }),
  );
export type Website = z.infer<typeof Website>;

/** 帐号: a bank account number, digits grouped by spaces or dashes as printed. */
export const AccountNumber = z
  .string()
  .trim()
  .regex(/^\d[\d -]{4,38}\d$/, 'an account number (帐号) is 6–40 digits, optionally grouped by spaces or dashes');
export type AccountNumber = z.infer<typeof AccountNumber>;
