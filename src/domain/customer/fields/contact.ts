import { z } from 'zod';
import { Uuid } from '../../shared/index.js';
import { Email, ShortText } from './basics.js';
import { LandlineNumber, MobileNumber, PhoneNumber } from './phone.js';

/** 类别: 主要联系人 (primary) / 次要联系人 (secondary). */
export const ContactCategory = z.enum(['primary', 'secondary']);
export type ContactCategory = z.infer<typeof ContactCategory>;

/** A contact person as entered (联系信息); contacts are personal data. */
export const ContactDetails = z.strictObject({
  category: ContactCategory,
  name: ShortText, // 姓名
  departmentAndTitle: ShortText.optional(), // 部门及职务
  phone: PhoneNumber.optional(), // 电话
  fax: LandlineNumber.optional(), // 传真
  mobile: MobileNumber.optional(), // 手机
  email: Email.optional(),
});
export type ContactDetails = z.infer<typeof ContactDetails>;

/** A contact held in the archive: its id is given by the app layer when it is added. */
export const Contact = ContactDetails.extend({ id: Uuid });
export type Contact = z.infer<typeof Contact>;

export const contactFieldNames = ['category', 'name', 'departmentAndTitle', 'phone', 'fax', 'mobile', 'email'] as const;
export const ContactFieldName = z.enum(contactFieldNames);
export type ContactFieldName = z.infer<typeof ContactFieldName>;

/** A change to a contact: a given field replaces the old value; null clears an optional one. */
export const ContactPatch = z.strictObject({
  category: ContactCategory.optional(),
  name: ShortText.optional(),
  departmentAndTitle: ShortText.nullable().optional(),
  phone: PhoneNumber.nullable().optional(),
  fax: LandlineNumber.nullable().optional(),
  mobile: MobileNumber.nullable().optional(),
  email: Email.nullable().optional(),
});
export type ContactPatch = z.infer<typeof ContactPatch>;
