/**
 * The layers of src/ (docs/architecture.md, "Layers"), enforced by `npm run lint:deps`.
 * A module may import its own layer and the layers below it, never one above. Type-only
 * imports count too: a type written in a higher layer drags that layer into the lower one.
 */
const LAYERS = [
  ['core', '^src/core/'],
  ['server', '^src/server/'],
  ['helpdesks', '^src/helpdesks/'],
  ['framework', '^src/(model|events|capture|webhooks|steps|verify|kit|config)/'],
  ['integrations', '^src/integrations/'],
  ['app', '^src/(engine|sandbox|bot|inspector)/'],
  ['commands', '^src/commands/'],
  ['cli', '^src/[^/]+[.]ts$'],
];

const upward = LAYERS.slice(0, -1).map(([name, path], i) => ({
  name: `layer-${name}`,
  comment: `${name} may not import a layer above it (${LAYERS.slice(i + 1)
    .map(([n]) => n)
    .join(', ')})`,
  severity: 'error',
  from: { path },
  to: {
    path: LAYERS.slice(i + 1)
      .map(([, p]) => `(${p})`)
      .join('|'),
  },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-folder-cycle',
      comment: 'folders depend on each other in one direction only',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-module-cycle',
      comment: 'no runtime import cycle between modules (a lazy loader or a type may point back)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'dynamic-import'] } },
    },
    {
      name: 'helpdesk-is-one-folder',
      comment: 'a helpdesk does not reach into another helpdesk',
      severity: 'error',
      from: { path: '^src/helpdesks/([^/]+)/' },
      to: { path: '^src/helpdesks/[^/]+/', pathNot: '^src/helpdesks/$1/' },
    },
    {
      name: 'generic-knows-no-helpdesk',
      comment:
        'engine, verify, steps, the sandbox composition, the bot and the framework go through the helpdesk registry. ' +
        "Known exceptions (docs/architecture.md): the event catalog (events/) renders each helpdesk's wire formats, " +
        "and verify's endpoint probe speaks Omnidesk's value forms.",
      severity: 'error',
      from: {
        path: '^src/(engine|verify|steps|sandbox|bot|model|kit|config|capture|webhooks)/',
        pathNot: '^src/verify/checks/endpoint-probe[.]ts$',
      },
      to: { path: '^src/helpdesks/[^/]+/' },
    },
    {
      name: 'generic-knows-no-integration',
      comment: 'only the registry lists the integrations; everything else asks it',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/integrations/' },
      to: { path: '^src/integrations/[^/]+/' },
    },
    {
      name: 'no-orphans',
      comment: 'a module nobody imports is dead code (entry points excepted)',
      severity: 'error',
      from: { orphan: true, pathNot: ['^src/cli[.]ts$', '[.]d[.]ts$', '[.]test[.]ts$'] },
      to: {},
    },
  ],
  options: {
    includeOnly: '^src/',
    exclude: { path: '[.]test[.]ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
  },
};
