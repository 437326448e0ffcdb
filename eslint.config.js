import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noElectron = { name: 'electron', message: 'Only main/index.ts, main/ipc.ts, main/desktop/ (tray, notification, shortcuts) and the preload bridge may import electron.' };

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
