import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const noElectron = {
  name: 'electron',
  message: 'Only main/index.ts, main/ipc.ts, main/desktop/ (tray, notification, shortcuts) and the preload bridge may import electron.',
};

// The contract is imported by main, the preload, the renderer and the workers: it uses nothing that exists in only one.
const neutral = 'preload/contract runs in main, the sandboxed preload, the page and the workers alike';
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message: `${neutral}: no Node modules.` }));
const environmentGlobals = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'process',
  'Buffer',
  'require',
  '__dirname',
  '__filename',
  'global',
];
const environmentTypes = ['Window', 'Document', 'HTMLElement', 'Element', 'Storage', 'Buffer'];

// Files named *.worker.ts run only on a database thread (the database worker, an import worker, the import writer):
// only other *.worker.ts files (the threads' entries and what they alone use) may import them. Type imports are fine.
const workerOnly = {
  regex: String.raw`\.worker$`,
  allowTypeImports: true,
  message: "This file runs only on a database thread: only the thread's entry (and other *.worker.ts files) may import it.",
};

export default tseslint.config(
  { ignores: ['dist/', 'test/fixtures/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/', 'native/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['main/services/**/*.ts', 'main/handlers/**/*.ts', 'main/host/**/*.ts', 'main/core.ts', 'main/security.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    // Rules of hooks and the React Compiler's checks; each disable in the code says why.
    files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.worker.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [workerOnly] }] },
  },
  {
    files: ['preload/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: `${neutral}: no electron.` }, ...nodeBuiltins],
          patterns: [{ regex: '^node:', message: `${neutral}: no Node modules.` }],
        },
      ],
      'no-restricted-globals': ['error', ...environmentGlobals.map((name) => ({ name, message: `${neutral}: \`${name}\` exists in only one of them.` }))],
      '@typescript-eslint/no-restricted-types': [
        'error',
        { types: Object.fromEntries(environmentTypes.map((name) => [name, `${neutral}: \`${name}\` exists in only one of them.`])) },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { regex: '(^|/)main(/|$)', message: 'The renderer reaches main only through the contract in preload/contract.' },
            { regex: '^node:', message: 'The renderer runs in a sandboxed page: no Node modules.' },
          ],
        },
      ],
    },
  },
);
