/**
 * The simulator's modules import each other without a cycle (type-only
 * imports included): topic modules are functions over the world, composed
 * from the bottom (world, live, timers, wire, serverStep) up to the dispatcher
 * (apply.ts) and the façade (api.ts). Read from the source files, so no tool
 * or network is needed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIR = dirname(fileURLToPath(import.meta.url));

/** Every `import … from './x'` (or '.', the index), `export … from './x'` and `import './x'`; statements may span lines. */
const IMPORT = /^\s*(?:import|export)\b[^;]*?['"](\.(?:\/[^'"]+)?)['"]/gm;

/** The module a specifier names: './x' or './x.ts' is x, '.' is index. */
function target(specifier: string): string {
  return specifier === '.' ? 'index' : specifier.slice(2).replace(/\.ts$/, '');
}

function moduleGraph(): Map<string, string[]> {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
  const names = new Set(files.map((f) => f.replace(/\.ts$/, '')));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(DIR, file), 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => target(m[1]!));
    for (const t of targets) expect(names.has(t), `${file} imports ./${t}, which is not a module in src/sim`).toBe(true);
    graph.set(file.replace(/\.ts$/, ''), [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle's path (a → b → … → a), found by depth-first search. */
function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (m: string): void => {
    state.set(m, 'open');
    path.push(m);
    for (const next of graph.get(m) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(m, 'done');
  };
  for (const m of graph.keys()) if (!state.has(m)) visit(m);
  return found;
}

describe('src/sim import graph', () => {
  it('has no cycle', () => {
    const graph = moduleGraph();
    // The parse sees the graph (a regex that matched nothing would pass vacuously).
    expect(graph.get('api')).toEqual(expect.arrayContaining(['apply', 'lifecycle', 'stepping', 'views']));
    expect(graph.get('trace')).toContain('actions');
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(graph)).toEqual(['a → b → c → a']);
  });

  it('counts type-only and multi-line imports', () => {
    const text = "import type { A } from './a';\nimport {\n  b,\n  type C,\n} from './b';\nexport { d } from './d';\nimport { e } from '.';\nimport '../engine';\n";
    expect([...text.matchAll(IMPORT)].map((m) => target(m[1]!))).toEqual(['a', 'b', 'd', 'index']);
  });
});
