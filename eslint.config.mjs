// Lint with layer rules: the process boundaries of ARCHITECTURE.md enforced, not just documented.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
/** A globals table with every name turned off (a later block may not inherit them). */
const offGlobals = (table) => Object.fromEntries(Object.keys(table).map((name) => [name, 'off']));
const electronOnlyInAdapter = { name: 'electron', message: "Only src-main/electron/ may import 'electron'." };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  // Main outside the Electron adapter: no electron, no renderer code.
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInAdapter], patterns: [{ group: ['**/src-renderer/**'], message: 'main must not import renderer code' }] }],
    },
  },
  // Headless triage (issue 3 §6) runs the interview engine and the symptom checker in Node. Lead's decision:
  // those engines stay pure TypeScript in the renderer tree (the UI is their main user) and main imports them
  // rather than keeping a second copy of the logic. The exemption is narrow: src-main/triage/** only, and only
  // the engine index files; everything else of the renderer stays out of reach.
  {
    files: ['src-main/triage/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInAdapter],
          patterns: [
            {
              regex: 'src-renderer/(?!src/features/[a-z-]+/engine(/index)?$)',
              message: 'main imports renderer code only through an engine index (src-renderer/src/features/*/engine)',
            },
          ],
        },
      ],
    },
  },
  // Tests and benchmarks run in Node without Electron; they may drive the renderer's pure engines headless.
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInAdapter] }] },
  },
  // The contract is pure: no electron, no node, no DOM frameworks, nothing outside itself but zod.
  {
    files: ['src-preload/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInAdapter, ...nodeBuiltins.map((name) => ({ name, message: 'The contract is pure.' }))],
          patterns: [{ group: ['react', 'react-*', '@mantine/*', 'xstate', '../../*', '**/src-main/**', '**/src-renderer/**'], message: 'The contract is pure: it imports only zod and itself.' }],
        },
      ],
    },
  },
  // The renderer: browser only.
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to main only through the Bridge.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in Chromium: no Node modules.' })),
          ],
          patterns: [{ group: ['**/src-main/**', '**/src-preload/index*'], message: 'The renderer imports only the contract from src-preload.' }],
        },
      ],
    },
  },
  // The engines (interview, symptom checker) run in the renderer and headless in Node alike, so they stay pure:
  // no React, Mantine, DOM or Node, only ES built-ins (no-undef catches a stray `window` or `process`). Test
  // support under engine/testing is held to the same rule.
  {
    files: ['src-renderer/src/features/*/engine/**/*.ts'],
    // Tests beside the engines read fixtures with Node (see the renderer-tests block below).
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...offGlobals(globals.browser), ...offGlobals(globals.node), ...globals.builtin } },
    rules: {
      'no-undef': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInAdapter, ...nodeBuiltins.map((name) => ({ name, message: 'The engines are pure: no Node modules.' }))],
          patterns: [
            {
              group: ['react', 'react-*', 'react/*', '@mantine/*', '@xstate/react', '**/src-main/**', '**/src-preload/index*'],
              message: 'The engines are pure TypeScript (they also run headless): no React, DOM frameworks or main code.',
            },
          ],
        },
      ],
    },
  },
  // Renderer tests may use node-ish helpers (fs for fixtures).
  {
    files: ['src-renderer/**/*.test.{ts,tsx}', 'src-renderer/src/test/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
