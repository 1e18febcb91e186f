/**
 * The layers are enforced by the linter (issue 11): engine ← sim ← analysis ← scenario ←
 * worker ← store ← ui, each importing only the layers below it, and the engine
 * and the simulator only through their index.ts. These lint deliberately wrong
 * files (in memory, with the project's own configuration) and expect the rule
 * to fail them, and a right one to pass.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
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

  it('the UI reaches the simulator through its index, not a file inside', async () => {
    const errors = await importErrors('src/ui/events/wrongWay.ts', "import type { TraceEvent } from '../../sim/trace';\nexport type E = TraceEvent;\n");
    expect(errors[0]).toMatch(/through their index\.ts/);
  });

  it('a downward import through the index passes, and tests may reach up', async () => {
    expect(await importErrors('src/ui/events/rightWay.ts', "import type { TraceEvent } from '../../sim';\nexport type E = TraceEvent;\n")).toEqual([]);
    expect(await importErrors('src/engine/upward.test.ts', "import { createCluster } from '../sim';\nexport const c = createCluster;\n")).toEqual([]);
  });
});
