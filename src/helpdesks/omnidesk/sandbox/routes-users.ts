/**
 * Users (reference §2.4): list with Omnidesk's text filters (`^…^` anchoring), get, create,
 * edit, disable, block, restore and delete; the widget identification code (§2.10); linking
 * [S palachX]; and the find-or-create that case creation uses for `user_email`, `user_phone` or
 * `user_custom_id` + `channel`.
 */
import { textOf } from '../../../core/text.js';
import { json } from '../../../server/http.js';
import { queryAll, queryOne, textMatches, toInt } from '../../../server/query.js';
import type { Router } from '../../../server/router.js';
import type { CallContext } from '../../../server/sandbox-server.js';
import { apiError, byPathId, invalid, notFound, optId, optString } from './api-errors.js';
import { flag, timeFilter } from './case-filter.js';
import { listReply } from './envelope.js';
import { readEntity, readEntityOrBare } from './request-body.js';
import { userJson } from './serialize.js';
import type { OmnideskStore, StaffRec, UserRec } from './store.js';
import type { OmnideskWorld } from './world.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Identifiers of other channels a user may be created with (palachX UserStoreData); kept as given. */
const OTHER_IDS = [
  'user_whatsapp_phone',
  'user_vkontakte',
  'user_odnoklassniki',
  'user_facebook',
  'user_instagram',
  'user_telegram',
  'user_telegram_data',
  'telegram_id',
  'user_viber',
  'user_skype',
  'user_line',
  'user_slack',
  'user_mattermost',
  'user_avito',
] as const;

export interface UserIdentity {
  email?: string;
  phone?: string;
  customId?: string;
  /** The custom channel's `cch<N>` code, required with `customId`. */
  channel?: string;
  fullName?: string;
  extra?: Record<string, string>;
}

function findUser(store: OmnideskStore, who: UserIdentity): UserRec | undefined {
  for (const u of store.users.values()) {
    if (u.deleted) continue;
    if (who.customId !== undefined) {
      if (u.user_custom_id === who.customId && u.user_custom_channel === who.channel) return u;
    } else if (who.email !== undefined) {
      if (u.user_email?.toLowerCase() === who.email.toLowerCase()) return u;
    } else if (who.phone !== undefined) {
      if (u.user_phone === who.phone) return u;
    } else if (who.extra) {
      const [k, v] = Object.entries(who.extra)[0] ?? [];
      if (k && u.extra[k] === v) return u;
    }
  }
  return undefined;
}

/** Checks an identity the way case and user creation both need; `emailCode` is the error for a bad e-mail. */
function checkIdentity(store: OmnideskStore, who: UserIdentity, emailCode: string): void {
  if (who.customId !== undefined) {
    if (!who.channel) throw invalid('user_custom_channel_required');
    if (!store.channelByCode(who.channel)) throw notFound('custom_channel');
  } else if (who.email !== undefined) {
    if (!EMAIL.test(who.email)) throw invalid(emailCode);
  } else if (who.phone !== undefined) {
    if (!/^\+?[\d\s()-]{5,}$/.test(who.phone)) throw invalid('wrong_phone');
  } else if (!who.extra || Object.keys(who.extra).length === 0) {
    throw invalid('user_identifier_required');
  }
}

function typeOf(who: UserIdentity): string {
  if (who.customId !== undefined) return 'custom_channel';
  if (who.email !== undefined) return 'email';
  if (who.phone !== undefined) return 'phone';
  const key = Object.keys(who.extra ?? {})[0] ?? '';
  return key.replace(/^user_/, '').replace(/_data$|_id$/, '') || 'email';
}

function createUser(store: OmnideskStore, who: UserIdentity, at: number): UserRec {
  const user: UserRec = {
    user_id: store.nextId('user'),
    user_full_name: who.fullName?.trim() || who.email || who.phone || who.customId || '',
    type: typeOf(who),
    extra: { ...who.extra },
    company_name: '',
    company_position: '',
    user_note: '',
    language_id: 1,
    custom_fields: {},
    linked_users: [],
    active: true,
    blocked: false,
    deleted: false,
    created: at,
    updated: at,
    ...(who.customId !== undefined ? { user_custom_id: who.customId, user_custom_channel: who.channel } : {}),
    ...(who.customId === undefined && who.email !== undefined ? { user_email: who.email } : {}),
    ...(who.customId === undefined && who.phone !== undefined ? { user_phone: who.phone } : {}),
  };
  store.users.set(user.user_id, user);
  return user;
}

/** What case creation does: Omnidesk finds the customer or creates them, and returns user_id. */
export function findOrCreateUser(store: OmnideskStore, who: UserIdentity, at: number): UserRec {
  checkIdentity(store, who, 'incorrect_user_email');
  return findUser(store, who) ?? createUser(store, who, at);
}

function identityOf(body: Record<string, unknown>): UserIdentity {
  const extra: Record<string, string> = {};
  for (const key of OTHER_IDS) {
    const v = optString(body, key);
    if (v !== undefined) extra[key] = v;
  }
  return {
    email: optString(body, 'user_email'),
    phone: optString(body, 'user_phone'),
    customId: optString(body, 'user_custom_id'),
    channel: optString(body, 'user_custom_channel'),
    fullName: optString(body, 'user_full_name'),
    extra,
  };
}

/** The profile fields create and edit share. */
function applyProfile(store: OmnideskStore, u: UserRec, body: Record<string, unknown>): void {
  const name = optString(body, 'user_full_name');
  if (name !== undefined) u.user_full_name = name;
  const companyName = optString(body, 'company_name');
  if (companyName !== undefined) {
    u.company_name = companyName;
    const company = [...store.companies.values()].find((c) => !c.deleted && c.company_name === companyName);
    u.company_id = company?.company_id;
  }
  const position = optString(body, 'company_position');
  if (position !== undefined) u.company_position = position;
  const note = optString(body, 'user_note');
  if (note !== undefined) u.user_note = note;
  const languageId = optId(body, 'language_id');
  if (languageId !== undefined) {
    if (!store.dictionaries.languages.some((l) => l.language_id === languageId)) throw notFound('language');
    u.language_id = languageId;
  }
  const fields = body.custom_fields;
  if (fields && typeof fields === 'object' && !Array.isArray(fields))
    u.custom_fields = { ...u.custom_fields, ...(fields as Record<string, unknown>) };
}

function filterUsers(store: OmnideskStore, query: URLSearchParams): UserRec[] {
  const email = queryOne(query, 'user_email');
  const phone = queryOne(query, 'user_phone');
  if (phone !== undefined && phone.replace(/\^/g, '').length < 3) throw invalid('wrong_user_phone');
  const customId = queryOne(query, 'user_custom_id');
  const channel = queryOne(query, 'user_custom_channel');
  const companies = queryAll(query, 'company_id').map((v) => toInt(v));
  if (companies.some((c) => c === undefined)) throw invalid('wrong_company_id');
  const language = queryOne(query, 'language_id');
  const fields: Array<[string, string]> = [];
  for (const [k, v] of query) {
    const m = /^custom_fields\[(cf_\d+)\]$/.exec(k);
    if (m) fields.push([m[1]!, v]);
  }
  const range = (name: string) => [timeFilter(query, `from_${name}`), timeFilter(query, `to_${name}`)] as const;
  const [from, to] = range('time');
  const [fromUpdated, toUpdated] = range('updated_time');
  const [fromContact, toContact] = range('last_contact_time');
  const within = (t: number | undefined, lo: number | undefined, hi: number | undefined) =>
    (lo === undefined || (t !== undefined && t >= lo)) && (hi === undefined || (t !== undefined && t <= hi));
  return [...store.users.values()].filter(
    (u) =>
      !u.deleted &&
      (!email || textMatches(email, u.user_email)) &&
      (!phone || textMatches(phone, u.user_phone)) &&
      (!customId || textMatches(customId, u.user_custom_id)) &&
      (!channel || u.user_custom_channel === channel) &&
      (!companies.length || (u.company_id !== undefined && companies.includes(u.company_id))) &&
      (!language || String(u.language_id) === language) &&
      fields.every(([cf, v]) => u.custom_fields[cf] !== undefined && textMatches(v, textOf(u.custom_fields[cf]))) &&
      within(u.created, from, to) &&
      within(u.updated, fromUpdated, toUpdated) &&
      within(u.lastContact, fromContact, toContact),
  );
}

export function userRoutes(router: Router<CallContext<StaffRec>>, world: OmnideskWorld): void {
  const user = (id: string | undefined) => byPathId(world.store.users, id, 'user');
  const reply = (u: UserRec, status = 200) => json(status, { user: userJson(u) });
  const touch = (u: UserRec, change: (u: UserRec) => void) => {
    change(u);
    u.updated = world.now();
    return reply(u);
  };

  router
    .on('GET', '/api/users.json', (req) => {
      const withCases = flag(req.query, 'amount_of_cases');
      const cases = (u: UserRec) =>
        [...world.store.cases.values()].filter((c) => c.user_id === u.user_id && !c.deleted).length;
      const toJson = (u: UserRec) => (withCases ? { ...userJson(u), amount_of_cases: cases(u) } : userJson(u));
      return json(200, listReply('user', filterUsers(world.store, req.query), req.query, toJson));
    })
    .on('GET', '/api/users/{id}.json', (req) => reply(user(req.params.id)))
    .on('POST', '/api/users.json', (req) => {
      const body = readEntity(req, 'user');
      const who = identityOf(body);
      checkIdentity(world.store, who, 'wrong_email');
      if (findUser(world.store, who)) {
        const code =
          who.customId !== undefined
            ? 'user_custom_id_already_exist'
            : who.email !== undefined
              ? 'email_already_exist'
              : 'phone_already_exist';
        throw apiError(400, code);
      }
      const created = createUser(world.store, who, world.now());
      applyProfile(world.store, created, body);
      return reply(created, 201);
    })
    .on('PUT', '/api/users/{id}.json', (req) => {
      const u = user(req.params.id);
      const body = readEntity(req, 'user');
      const email = optString(body, 'user_email');
      if (email !== undefined) {
        if (!EMAIL.test(email)) throw invalid('wrong_email');
        const other = world.store.userByEmail(email);
        if (other && other !== u) throw invalid('email_already_exist');
      }
      const phone = optString(body, 'user_phone');
      if (
        phone !== undefined &&
        [...world.store.users.values()].some((x) => x !== u && !x.deleted && x.user_phone === phone)
      )
        throw invalid('phone_already_exist');
      return touch(u, () => {
        if (email !== undefined) u.user_email = email;
        if (phone !== undefined) u.user_phone = phone;
        applyProfile(world.store, u, body);
      });
    })
    .on('PUT', '/api/users/{id}/disable.json', (req) => touch(user(req.params.id), (u) => (u.active = false)))
    .on('PUT', '/api/users/{id}/block.json', (req) =>
      touch(user(req.params.id), (u) => ((u.blocked = true), (u.active = false))),
    )
    .on('PUT', '/api/users/{id}/restore.json', (req) =>
      touch(user(req.params.id), (u) => {
        u.active = true;
        u.blocked = false;
        u.deleted = false;
      }),
    )
    .on('DELETE', '/api/users/{id}.json', (req) => {
      const u = user(req.params.id);
      u.deleted = true;
      u.active = false;
      u.updated = world.now();
      return json(200, {});
    })
    .on('PUT', '/api/users/{id}/link.json', (req) => {
      const u = user(req.params.id);
      const body = readEntityOrBare(req, 'user');
      const id = optId(body, 'user_id');
      const email = optString(body, 'user_email');
      const phone = optString(body, 'user_phone');
      const other =
        id !== undefined
          ? world.store.users.get(id)
          : email !== undefined
            ? world.store.userByEmail(email)
            : [...world.store.users.values()].find((x) => phone !== undefined && x.user_phone === phone);
      if (!other || other === u) throw notFound('user');
      return touch(u, () => {
        if (!u.linked_users.includes(other.user_id)) u.linked_users.push(other.user_id);
        if (!other.linked_users.includes(u.user_id)) other.linked_users.push(u.user_id);
      });
    })
    .on('PUT', '/api/users/{id}/unlink.json', (req) => {
      const u = user(req.params.id);
      const id = optId(readEntityOrBare(req, 'user'), 'user_id');
      if (id === undefined || !u.linked_users.includes(id)) throw notFound('user');
      const other = world.store.users.get(id);
      return touch(u, () => {
        u.linked_users = u.linked_users.filter((x) => x !== id);
        if (other) other.linked_users = other.linked_users.filter((x) => x !== u.user_id);
      });
    })
    .on('POST', '/api/users/identification.json', (req) => {
      // §2.10 [S palachX]: the code a web widget uses to sign a known user in; the user is
      // found or created from the same identifiers as POST /api/users.json.
      const body = readEntity(req, 'user');
      const who = identityOf(body);
      const found = findOrCreateUser(world.store, who, world.now());
      applyProfile(world.store, found, body);
      const code = Buffer.from(`${found.user_id}:${world.now()}`).toString('base64url');
      return json(200, { code });
    });
}
