import { api } from '../api/client.js';
import { dataOf } from '../api/problems.js';
import type { components } from '../api/schema.js';

/**
 * How this server signs people in (GET /auth/config): the company's OpenID provider,
 * the development role picker, or a pasted token.
 */
export type SignInConfig = components['schemas']['SignInConfig'];
export type DevSignIn = components['schemas']['DevSignIn'];

export const fetchSignInConfig = (): Promise<SignInConfig> => dataOf(api.GET('/auth/config'));

export const devSignIn = (role: DevSignIn['user']['roles'][number]): Promise<DevSignIn> => dataOf(api.POST('/auth/dev-sign-in', { body: { role } }));
