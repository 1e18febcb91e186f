/**
 * The layers are enforced by the linter (issue 11): engine ← sim ← scenario ← analysis ←
 * lessons ← worker ← store ← ui, each importing only the layers below it, and the engine
 * and the simulator only through their index.ts. These lint deliberately wrong
 * files (in memory, with the project's own configuration) and expect the rule
 * to fail them, and a right one to pass.
 */
import { ESLint } from 'eslint';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, code: string, rule = 'no-restricted-imports'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
}

/** Every source file under src/ (tests excluded: they may reach across). */
function sourceFiles(dir = 'src'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [p] : [];
  });
}

/** A file's relative imports and re-exports, type-only ones included, resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+['"](\.[^'"]+)['"]/gms)) {
    const base = resolve(dirname(file), m[1]!);
    const hit = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find(existsSync);
    if (hit) out.push(relative(process.cwd(), hit));
  }
  return out;
}

/** Strongly connected components with more than one file (or a file importing itself): the import cycles. */
function importCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const files = [...edges.keys()];
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(scc.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return cycles;
}

describe('layers import downward only', () => {
  it('the engine may not import the simulator', async () => {
    const errors = await importErrors('src/engine/wrongWay.ts', "import { createCluster } from '../sim';\nexport const c = createCluster;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/layers import downward only.*engine may not import sim/);
  });

  it('the store may not import the UI (it keeps keys; the UI translates)', async () => {
    const errors = await importErrors('src/store/wrongWay.ts', "import { translate } from '../ui/i18n';\nexport const t = translate;\n");
    expect(errors[0]).toMatch(/store may not import ui/);
  });

  it('the simulator may not import the worker, nor the worker the store', async () => {
    expect(await importErrors('src/sim/wrongWay.ts', "import type { Frame } from '../worker/protocol';\nexport type F = Frame;\n")).toHaveLength(1);
    expect(await importErrors('src/worker/wrongWay.ts', "import { useStore } from '../store';\nexport const s = useStore;\n")).toHaveLength(1);
  });

  it('analysis sits above scenario: it builds scenarios (a counterexample, issue 14); scenario may not import it', async () => {
    expect(await importErrors('src/analysis/rightWay.ts', "import { replayScenario } from '../scenario';\nexport const r = replayScenario;\n")).toEqual([]);
    const errors = await importErrors('src/scenario/wrongWay.ts', "import { kvModel } from '../analysis';\nexport const m = kvModel;\n");
    expect(errors[0]).toMatch(/scenario may not import analysis/);
  });

  it('lessons sit above scenario and analysis and below the worker (issue 13)', async () => {
    expect(await importErrors('src/lessons/wrongWay.ts', "import { SimHost } from '../worker/host';\nexport const h = SimHost;\n")).toHaveLength(1);
    expect(await importErrors('src/scenario/wrongWay.ts', "import { LESSONS } from '../lessons';\nexport const l = LESSONS;\n")).toHaveLength(1);
    expect(await importErrors('src/analysis/wrongWay.ts', "import type { Lesson } from '../lessons';\nexport type L = Lesson;\n")).toHaveLength(1);
    expect(await importErrors('src/lessons/rightWay.ts', "import { replayScenario } from '../scenario';\nimport { parseCondition } from '../analysis';\nexport const r = [replayScenario, parseCondition];\n")).toEqual([]);
    expect(await importErrors('src/worker/rightWay.ts', "import { LESSONS } from '../lessons';\nexport const l = LESSONS;\n")).toEqual([]);
  });

  it('lessons are as deterministic as the simulator: no clock, no Math.random', async () => {
    const [result] = await eslint.lintText('export const t = Date.now() + Math.random();\n', { filePath: 'src/lessons/wrongWay.ts' });
    const rules = result!.messages.map((m) => m.ruleId);
    expect(rules).toContain('no-restricted-globals');
    expect(rules).toContain('no-restricted-properties');
  });

  it('the UI reaches the simulator through its index, not a file inside', async () => {
    const errors = await importErrors('src/ui/events/wrongWay.ts', "import type { TraceEvent } from '../../sim/trace';\nexport type E = TraceEvent;\n");
    expect(errors[0]).toMatch(/through their index\.ts/);
  });

  it('a downward import through the index passes, and tests may reach up', async () => {
    expect(await importErrors('src/ui/events/rightWay.ts', "import type { TraceEvent } from '../../sim';\nexport type E = TraceEvent;\n")).toEqual([]);
    expect(await importErrors('src/engine/upward.test.ts', "import { createCluster } from '../sim';\nexport const c = createCluster;\n")).toEqual([]);
  });
});

describe('no import cycles', () => {
  it('no module in src/ imports one that imports it back, type-only imports included', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(importsOf('src/sim/index.ts').length).toBeGreaterThan(5); // the parser sees imports
    expect(importCycles(new Map(files.map((f) => [f, importsOf(f)])))).toEqual([]);
  });

  it('the cycle finder finds a cycle, a longer one and a self-import, and nothing in a chain', () => {
    const graph = (g: Record<string, string[]>) => new Map(Object.entries(g));
    expect(importCycles(graph({ a: ['b'], b: ['c'], c: [] }))).toEqual([]);
    expect(importCycles(graph({ a: ['b'], b: ['a'], c: ['a'] }))).toEqual([['a', 'b']]);
    expect(importCycles(graph({ a: ['b'], b: ['c'], c: ['a'], d: ['d'] }))).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('the linter rejects an import that closes a cycle (the log importing replication, which imports the log)', async () => {
    const errors = await importErrors(
      'src/engine/log.ts',
      "import { broadcastAppend } from './replication';\nexport const b = broadcastAppend;\n",
      'import-x/no-cycle',
    );
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/Dependency cycle/);
  });
});
