/**
 * Custom fields of tickets (`/custom_fields/`), contacts (`/users/custom_fields/`) and companies
 * (`/organizations/custom_fields/`): the same pattern for all three (reference §2.1 [C+] for
 * tickets, [C1 TSSDK] for the other two). Lists are keyed by field id, 30 a page; options are an
 * array, 50 a page, filtered by `pid` (TSSDK [C1]); `POST …/options/` upserts
 * `{"options":[{id?, pid?, name}]}` and answers the options it touched (PHPSDK example [C1]);
 * `DELETE …/options/{option_id}` answers `s-204`. Fields themselves are made in the UI only.
 * These routes go before `/users/{id}` and `/organizations/{id}`, which would swallow the path.
 */
import { textOf } from '../../../core/text.js';
import { isRecord } from '../../../server/http.js';
import { badRequest } from './request-body.js';
import { idList } from './list-query.js';
import { OPTIONS_PAGE_SIZE, paginate } from './format.js';
import {
  API,
  body,
  data,
  idParam,
  keyed,
  notFound,
  reader,
  success204,
  type HdeRouter,
  type HdeWorld,
} from './world.js';
import type { CustomFieldRec, FieldScope, Names, OptionRec } from './seed-data.js';
import type { RouteRequest } from '../../../server/router.js';

const BASES: Array<[FieldScope, string]> = [
  ['tickets', `${API}/custom_fields`],
  ['users', `${API}/users/custom_fields`],
  ['organizations', `${API}/organizations/custom_fields`],
];

function fieldJson(f: CustomFieldRec): Record<string, unknown> {
  return { id: f.id, name: f.name, field_type: f.field_type, permissions: f.permissions };
}

function optionJson(o: OptionRec): Record<string, unknown> {
  return { id: o.id, pid: o.pid, name: o.name };
}

/** `{ru, en, ua}` (languages left out are ""), or one string for all three [INF]. */
function readNames(value: unknown, at: string): Names {
  if (typeof value === 'string' && value.trim()) return { ru: value.trim(), en: value.trim(), ua: value.trim() };
  if (!isRecord(value)) throw badRequest(`${at}.name must be an object {ru, en, ua}.`);
  const names: Names = { ru: '', en: '', ua: '' };
  for (const [lang, v] of Object.entries(value)) {
    if (typeof v === 'object' && v !== null) throw badRequest(`${at}.name.${lang} must be text.`);
    if (lang in names) names[lang as keyof Names] = textOf(v);
  }
  if (!names.ru && !names.en && !names.ua) throw badRequest(`${at}.name has no text in any language.`);
  return names;
}

function optionalId(value: unknown, at: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  // A map (`parent_id[x]=1`) is refused before any String() of it: a form map has no toString.
  if (typeof value === 'object') throw badRequest(`${at} must be a number.`);
  const s = textOf(value).trim();
  if (!/^\d{1,15}$/.test(s)) throw badRequest(`${at} must be a number.`);
  return Number(s);
}

export function customFieldRoutes(r: HdeRouter, world: HdeWorld): void {
  const dir = () => world.store.directory;

  for (const [scope, base] of BASES) {
    const fieldOf = (req: RouteRequest): CustomFieldRec => {
      const id = idParam(req, 'Custom field', 'field_id');
      const field = dir().field(scope, id);
      if (!field) throw notFound('Custom field', id);
      return field;
    };
    const withOptions = (req: RouteRequest): CustomFieldRec => {
      const field = fieldOf(req);
      if (field.field_type !== 'select' && field.field_type !== 'hierarchy') {
        throw badRequest(`Custom field {${field.id}} is of type ${field.field_type}, which has no options.`);
      }
      return field;
    };

    r.on('GET', base, (req) => {
      const { slice, pagination } = paginate(dir().fieldsOf(scope), req.query.get('page'));
      return keyed(
        slice.map((f) => [f.id, fieldJson(f)]),
        pagination,
      );
    });

    r.on('GET', `${base}/{field_id}`, (req) => {
      const field = fieldOf(req);
      return world.behaviour.customFieldByIdShape === 'keyed'
        ? keyed([[field.id, fieldJson(field)]])
        : data(fieldJson(field));
    });

    r.on('GET', `${base}/{field_id}/options`, (req) => {
      const field = withOptions(req);
      const pids = idList(reader(world, req), 'pid');
      const options = dir()
        .optionsOf(field.id)
        .filter((o) => !pids || pids.includes(o.pid));
      const { slice, pagination } = paginate(options, req.query.get('page'), { perPage: OPTIONS_PAGE_SIZE });
      return data(slice.map(optionJson), pagination);
    });

    r.on('POST', `${base}/{field_id}/options`, (req) => {
      const field = withOptions(req);
      const raw = body(req).fields.options;
      const items = Array.isArray(raw) ? raw : isRecord(raw) ? Object.values(raw) : undefined;
      if (!items || items.length === 0)
        throw badRequest('Required field is missing: options (a list of {id?, pid?, name}).');
      // Everything is checked before anything changes.
      const known = new Set(
        dir()
          .optionsOf(field.id)
          .map((o) => o.id),
      );
      const inputs = items.map((item, i) => {
        if (!isRecord(item)) throw badRequest(`options[${i}] must be an object {id?, pid?, name}.`);
        const pid = optionalId(item.pid, `options[${i}].pid`);
        if (pid && !known.has(pid))
          throw badRequest(`options[${i}].pid: option {${pid}} not found in field {${field.id}}.`);
        if (pid && field.field_type !== 'hierarchy')
          throw badRequest(`options[${i}].pid: only a hierarchy field nests options.`);
        return { id: optionalId(item.id, `options[${i}].id`), pid, name: readNames(item.name, `options[${i}]`) };
      });
      return data(inputs.map((input) => optionJson(dir().upsertOption(field.id, input))));
    });

    const optionOf = (req: RouteRequest): OptionRec => {
      const field = withOptions(req);
      const id = idParam(req, 'Option', 'option_id');
      const option = dir()
        .optionsOf(field.id)
        .find((o) => o.id === id);
      if (!option) throw notFound('Option', id);
      return option;
    };

    // The reference writes the options path with an optional `[ {option_id} ]`; one option by id [INF].
    r.on('GET', `${base}/{field_id}/options/{option_id}`, (req) => data(optionJson(optionOf(req))));

    r.on('DELETE', `${base}/{field_id}/options/{option_id}`, (req) => {
      const option = optionOf(req);
      const id = option.id;
      dir().removeOption(option);
      return success204(world, `Option with id {${id}} successfully deleted`);
    });
  }
}
