/**
 * Users: list with Omnidesk's text filters (`^…^` anchoring), get, create; plus the
 * find-or-create that case creation uses for `user_email` or `user_custom_id` + `channel`.
 */
import { json } from '../../../server/http.js';
import { textMatches } from '../../../server/query.js';
import type { Router } from '../../../server/router.js';
import type { CallContext } from '../../../server/sandbox-server.js';
import { apiError, byPathId, invalid, notFound, optString, readEntity } from './api-errors.js';
import { listReply } from './envelope.js';
import { userJson } from './serialize.js';
import type { OmnideskStore, StaffRec, UserRec } from './store.js';
import type { OmnideskWorld } from './world.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface UserIdentity {
  email?: string;
  customId?: string;
  /** The custom channel's `cch<N>` code, required with `customId`. */
  channel?: string;
  fullName?: string;
}

function findUser(store: OmnideskStore, who: UserIdentity): UserRec | undefined {
  for (const u of store.users.values()) {
    if (who.customId !== undefined) {
      if (u.user_custom_id === who.customId && u.user_custom_channel === who.channel) return u;
    } else if (who.email !== undefined && u.user_email?.toLowerCase() === who.email.toLowerCase()) {
      return u;
    }
  }
  return undefined;
}

/** Checks an identity the way case and user creation both need; `emailCode` is the error for a bad e-mail. */
function checkIdentity(store: OmnideskStore, who: UserIdentity, emailCode: string): void {
  if (who.customId !== undefined) {
    if (!who.customId) throw invalid('user_custom_id_required');
    if (!who.channel) throw invalid('user_custom_channel_required');
    if (!store.channelByCode(who.channel)) throw notFound('custom_channel');
  } else if (who.email !== undefined) {
    if (!EMAIL.test(who.email)) throw invalid(emailCode);
  } else {
    throw invalid('user_identifier_required');
  }
}

function createUser(store: OmnideskStore, who: UserIdentity, at: number): UserRec {
  const user: UserRec = {
    user_id: store.nextId('user'),
    user_full_name: who.fullName?.trim() || who.email || who.customId || '',
    type: who.customId !== undefined ? 'custom_channel' : 'email',
    active: true,
    created: at,
    updated: at,
    ...(who.customId !== undefined ? { user_custom_id: who.customId, user_custom_channel: who.channel } : { user_email: who.email }),
  };
  store.users.set(user.user_id, user);
  return user;
}

/** What case creation does: Omnidesk finds the customer or creates them, and returns user_id. */
export function findOrCreateUser(store: OmnideskStore, who: UserIdentity, at: number): UserRec {
  checkIdentity(store, who, 'incorrect_user_email');
  return findUser(store, who) ?? createUser(store, who, at);
}

export function userRoutes(router: Router<CallContext<StaffRec>>, world: OmnideskWorld): void {
  router
    .on('GET', '/api/users.json', (req) => {
      const email = req.query.get('user_email');
      const customId = req.query.get('user_custom_id');
      const channel = req.query.get('user_custom_channel');
      const users = [...world.store.users.values()].filter(
        (u) =>
          (!email || textMatches(email, u.user_email)) &&
          (!customId || textMatches(customId, u.user_custom_id)) &&
          (!channel || u.user_custom_channel === channel),
      );
      return json(200, listReply('user', users, req.query, userJson));
    })
    .on('GET', '/api/users/{id}.json', (req) => json(200, { user: userJson(byPathId(world.store.users, req.params.id, 'user')) }))
    .on('POST', '/api/users.json', (req) => {
      const body = readEntity(req, 'user');
      const who: UserIdentity = {
        email: optString(body, 'user_email'),
        customId: optString(body, 'user_custom_id'),
        channel: optString(body, 'user_custom_channel'),
        fullName: optString(body, 'user_full_name'),
      };
      checkIdentity(world.store, who, 'wrong_email');
      if (findUser(world.store, who)) {
        throw apiError(400, who.customId !== undefined ? 'user_custom_id_already_exist' : 'email_already_exist');
      }
      return json(201, { user: userJson(createUser(world.store, who, world.now())) });
    });
}
