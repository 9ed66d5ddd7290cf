import { describe, expect, test } from 'vitest';
import type { AppRefusalCode } from '../../src/app/errors.js';
import type { HttpError } from '../../src/api/errors.js';
import type { StoreError } from '../../src/store/eventStore.js';
import { problemMessagesZh, problemText } from '../../web/src/api/problemMessages.js';

// Every code a problem document can carry has its Chinese: a code added to the server
// without one here fails this file's typecheck.
// (Four store codes never reach a client: problem.ts answers them as other codes or as 500.)
type StoreCodeAnswered = Exclude<StoreError['code'], 'DuplicateEventId' | 'UnknownEventType' | 'InvalidStreamId' | 'MetadataInvalid'>;
type ServerCode = AppRefusalCode | HttpError['code'] | StoreCodeAnswered | 'InternalError';
const everyCode: Record<ServerCode, string> = problemMessagesZh;

describe('a refusal shown to the user', () => {
  test('every server code has a Chinese message', () => {
    for (const [code, text] of Object.entries(everyCode)) expect(text, code).toMatch(/[\u4e00-\u9fff]/);
  });

  test('in Chinese, the message of its code', () => {
    expect(problemText({ code: 'PreconditionFailed', detail: 'If-Match is stale', status: 412 }, 'zh')).toBe('该记录已被他人修改，请刷新后重试');
  });

  test("in English, the server's own words", () => {
    expect(problemText({ code: 'PreconditionFailed', detail: 'If-Match is stale', status: 412 }, 'en')).toBe('If-Match is stale');
  });

  test("a code unknown to the console shows the server's detail", () => {
    expect(problemText({ code: 'SomethingNew', detail: 'a new rule refused it', status: 409 }, 'zh')).toBe('a new rule refused it');
  });
});
