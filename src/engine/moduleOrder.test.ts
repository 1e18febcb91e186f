/**
 * The engine's modules form a clear order, each importing only modules before
 * it (type-only imports included): Figure 2's vocabulary and log, then the
 * leader's record of each follower (progress), a server's state and its role
 * transitions, replication (§5.3, §5.4.2), election (§5.2), the extensions
 * built on them (§6, §7, §8, dissertation §3.10), and last the dispatch of
 * messages by role and the entry point. Reactions of the extensions to
 * replication are registered (hooks.ts), not imported upward.
 *
 * The sources are read from disk and their import statements parsed with a
 * regular expression: no bundler, no network.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DIR = new URL('.', import.meta.url);

/** Lowest first. A module may import only modules of earlier layers. */
const LAYERS: readonly (readonly string[])[] = [
  ['types'],
  ['messages'],
  ['ready'],
  ['log', 'config', 'quorum', 'stateMachine'],
  ['progress'],
  ['state'],
  ['roles'],
  ['hooks', 'snapshotSend', 'appendEntries'],
  ['replication'],
  ['election'],
  ['membership', 'snapshot', 'reads'],
  ['transfer'],
  ['stepByRole'],
  ['node'],
  ['index', 'testing'],
];

const IMPORT = /\b(?:import|export)\s[^;]*?\bfrom\s*'(\.\/[^']+)'|\bimport\s*\(?\s*'(\.\/[^']+)'/g;

/** The engine modules a source imports (relative imports within src/engine only), by module name. */
function importsOf(source: string): string[] {
  const out = new Set<string>();
  for (const m of source.matchAll(IMPORT)) {
    const spec = (m[1] ?? m[2])!;
    out.add(spec.slice(2).replace(/\.tsx?$/, '').replace(/^$/, 'index'));
  }
  return [...out];
}

/** One import cycle (as a path that ends where it starts), or null. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

function engineGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(DIR).filter((f) => /\.tsx?$/.test(f)).sort()) {
    graph.set(file.replace(/\.tsx?$/, ''), importsOf(readFileSync(new URL(file, DIR), 'utf8')));
  }
  return graph;
}

describe('the import parser and the cycle search', () => {
  it('read single-line, multi-line, type-only, re-export and side-effect imports', () => {
    const source = [
      "import type {\n  A,\n  B,\n} from './types';",
      "import { x, type Y } from './log';",
      "export * from './config';",
      "export { step, type Input } from './node';",
      "import './hooks';",
      "import { createCluster } from '../sim';",
      "import { describe } from 'vitest';",
    ].join('\n');
    expect(importsOf(source).sort()).toEqual(['config', 'hooks', 'log', 'node', 'types']);
  });

  it('find a cycle through several modules, and none in a tree', () => {
    const cyclic = new Map([['a', ['b']], ['b', ['c', 'd']], ['c', []], ['d', ['a']]]);
    expect(findCycle(cyclic)).toEqual(['a', 'b', 'd', 'a']);
    const tree = new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]);
    expect(findCycle(tree)).toBe(null);
  });
});

describe('src/engine has no import cycles', () => {
  const graph = engineGraph();

  it('the parsed graph is the engine\'s (a sanity check on what is read)', () => {
    expect(graph.get('replication')).toEqual(expect.arrayContaining(['progress', 'hooks', 'snapshotSend', 'log']));
    expect(graph.get('state')).toContain('types'); // a multi-line `import type`
    expect(graph.get('index')).toContain('node');
  });

  it('no module imports one that (transitively) imports it back', () => {
    expect(findCycle(graph)).toBe(null);
  });

  it('every module imports only modules of earlier layers (log → progress → roles → replication → election → extensions → dispatch)', () => {
    const layerOf = new Map(LAYERS.flatMap((names, k) => names.map((n) => [n, k] as const)));
    const sources = [...graph.keys()].filter((n) => !n.endsWith('.test'));
    expect(sources.filter((n) => !layerOf.has(n)), 'modules missing from LAYERS').toEqual([]);
    const upward: string[] = [];
    for (const from of sources) {
      for (const to of graph.get(from)!) {
        if (!((layerOf.get(to) ?? Infinity) < layerOf.get(from)!)) upward.push(`${from} → ${to}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('replication does not import the extensions built on it', () => {
    for (const extension of ['membership', 'snapshot', 'transfer', 'reads', 'election', 'stepByRole']) {
      expect(graph.get('replication')).not.toContain(extension);
    }
  });
});
