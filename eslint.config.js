// Lint: ESLint's recommended rules and typescript-eslint's type-checked ones over everything we
// write (src, test, bench, scripts, bin). Layout is Prettier's (`npm run format`); the one layout
// rule here is max-len, for the strings and comments Prettier does not break.
// `npm run lint` runs ESLint, then `prettier --check`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'templates/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'max-len': ['error', { code: 120, tabWidth: 2, ignoreUrls: true, ignoreRegExpLiterals: true }],
      // `_name` marks a parameter or a destructured key that is deliberately left unused.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // An async function with no await yet is how a Promise-returning interface (a prompter, a
      // test server's handler) is implemented; the rule would have us write Promise.resolve() by hand.
      '@typescript-eslint/require-await': 'off',
      // Kits (SchemaKit, CommandKit, InitContext) and test handles hand out functions as values on
      // purpose, and none of them reads `this`; the rule flags every such destructuring.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Tests read servers' JSON answers as `any` and assert their shape: typing each answer would
    // only repeat the assertions. Everything else (floating promises, unbound methods…) still holds.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Bench scripts are JavaScript checked by tsc through JSDoc (checkJs). typescript-eslint drops the
    // parentheses that carry a JSDoc cast, so `/** @type {T} */ (JSON.parse(x))` still looks `any` to it.
    files: ['bench/**/*.mjs'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    // Outside tsconfig.json (plain Node scripts run as they are): syntax and the basic rules only.
    files: ['scripts/**/*.mjs', 'bin/**/*.js', '*.config.js', '*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  { files: ['*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } } },
);
