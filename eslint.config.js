// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const DETERMINISM =
  'src/engine and src/sim must be deterministic: take time from the simulator and randomness from its seeded PRNG';
const NO_DOM = 'src/engine and src/sim must run headless (Node, workers, tests): no DOM or browser APIs';

/** Wall-clock, scheduling, entropy and host APIs that make a run irreproducible. */
const nondeterministicGlobals = [
  'Date',
  'performance',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'requestAnimationFrame',
  'crypto',
];
/** Browser host objects; the engine must not depend on a page or a specific worker scope. */
const hostGlobals = ['window', 'document', 'navigator', 'localStorage', 'self'];

/**
 * The layers, lowest first (issue 11): each may import only the layers below
 * it, and the engine and the simulator only through their index.ts (their
 * public contracts). analysis holds checks of a run over plain data (such as
 * linearizability) and searches that produce scenarios (a counterexample to a
 * broken rule, issue 14), so it sits above scenario; lessons (issue 13) are
 * guided paths built on scenarios and the analysis layer's conditions. Tests
 * may reach up (an engine test drives a simulated cluster); source may not.
 */
const LAYERS = ['engine', 'sim', 'scenario', 'analysis', 'lessons', 'worker', 'store', 'ui'];
/** Layers reached only through their index.ts from outside. */
const THROUGH_INDEX = ['engine', 'sim'];

function layerRules(layer) {
  const above = LAYERS.slice(LAYERS.indexOf(layer) + 1);
  const patterns = [];
  if (above.length > 0) {
    patterns.push({
      group: above.flatMap((l) => [`../${l}`, `../${l}/**`, `../../${l}`, `../../${l}/**`]),
      message: `layers import downward only: ${LAYERS.join(' ← ')}; ${layer} may not import ${above.join(', ')}`,
    });
  }
  const deep = THROUGH_INDEX.filter((l) => l !== layer);
  if (deep.length > 0) {
    patterns.push({
      group: deep.flatMap((l) => [`../${l}/*`, `../../${l}/*`]),
      message: `import ${deep.join(' and ')} through their index.ts (the public contract), not a file inside`,
    });
  }
  return {
    files: [`src/${layer}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default defineConfig([
  globalIgnores(['dist/', 'dist-*/', 'node_modules/', 'playwright-report/', 'test-results/', 'coverage/']),

  {
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    extends: [js.configs.recommended],
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  // Browser code (UI, workers). The simulation core is excluded: it gets ES builtins only.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/engine/**', 'src/sim/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
  },

  // Tooling that runs under Node.
  {
    files: ['*.{js,mjs,ts}', 'scripts/**', 'bench/**', 'e2e/**'],
    languageOptions: { globals: globals.node },
  },

  // The simulation core: pure, deterministic, host-independent. Lessons and the
  // conditions they evaluate are played headlessly and must give the same trace
  // for the same lesson, so they follow the same rules.
  {
    files: ['src/engine/**/*.ts', 'src/sim/**/*.ts', 'src/lessons/**/*.ts', 'src/analysis/condition*.ts', 'src/analysis/fieldErrors.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-globals': [
        'error',
        ...nondeterministicGlobals.map((name) => ({ name, message: DETERMINISM })),
        ...hostGlobals.map((name) => ({ name, message: NO_DOM })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: DETERMINISM },
        // Reaching the same APIs through globalThis is no better.
        ...nondeterministicGlobals.map((property) => ({
          object: 'globalThis',
          property,
          message: DETERMINISM,
        })),
        ...hostGlobals.map((property) => ({ object: 'globalThis', property, message: NO_DOM })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: DETERMINISM },
        { selector: "MemberExpression[object.name='Date']", message: DETERMINISM },
      ],
    },
  },

  ...LAYERS.map(layerRules),

  // No import cycles in src/ (issue 11), type-only imports included: a cycle
  // is two modules that cannot be understood, tested or moved one without the
  // other, and the layers above say which way every arrow may point.
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
]);
