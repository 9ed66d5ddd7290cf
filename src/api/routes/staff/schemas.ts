import { z } from 'zod';
import { StaffDetails, StaffId } from '../../../domain/staff/index.js';
import { Reason } from '../../../domain/shared/index.js';
import { Cursor, Limit, PageOf } from '../../pagination.js';
import { TimeTravelQuery } from '../../params.js';

export const StaffParams = z.object({ id: StaffId.meta({ description: 'the `sub` of the person’s token' }) });

/** PUT /staff/{id}: the whole entry (an absent department or title clears it), with the reason. */
export const PutStaffBody = z
  .object({
    name: StaffDetails.shape.name.meta({ description: '姓名 as reports print it' }),
    department: StaffDetails.shape.department.optional().meta({ description: '部门; absent or null: none' }),
    title: StaffDetails.shape.title.optional().meta({ description: '职务; absent or null: none' }),
    reason: Reason,
  })
  .meta({ id: 'PutStaffMember' });

export const StaffView = StaffDetails.extend({
  id: StaffId,
  version: z.number().int().min(1).meta({ description: 'the entry’s version (its ETag)' }),
}).meta({ id: 'StaffMember' });

/** Keyset position of the directory: the last id served. */
export const StaffPosition = z.tuple([z.string()]);
export const StaffListQuery = TimeTravelQuery.extend({ limit: Limit, cursor: Cursor(StaffPosition).optional() });
export const StaffQuery = TimeTravelQuery;

export const StaffPage = PageOf(StaffView).meta({ id: 'StaffPage' });

/**
 * A name printed beside a person's id (API.md v1.1): the directory's as of the
 * report's time, else the one their token carried when they acted, else null.
 */
export const PersonName = z.string().nullable();

/** The name printed beside a person who acted (a signer, requester, approver, evaluator): never null, their token carried one. */
export const ActName = z.string().meta({ description: 'the staff directory’s name as of the answer’s time point, else the name the person’s token carried when they acted' });
