/**
 * Links and files written in format 1 keep opening after the move to format 2,
 * and replay the run they were made from.
 *
 * FORMAT_1_LINK and FORMAT_1_FILE were made by the app at commit a85b02f
 * (which wrote and read only format 1), from a live run using every action
 * format 1 had; the trace hash, event count and end time are what that app's
 * replay gave. They must never be changed: they stand
 * for links already shared.
 */
import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeJsonPayload, encodeScenario, exportScenarioFile, FILE_FORMAT, importScenarioFile, scenarioFromLocationHash } from './codec';
import { migrate } from './migrate';
import { replayScenario } from './replay';
import { SCENARIO_VERSION, type Scenario } from './types';

const FORMAT_1_LINK = [
  'v1.hZTBjpswEEB_JZqzG2GDQ4KUQyv11t1DpZ6iHFxwErSAqW2yzUa59dweeuupl_7Fqn_TrfoXHQeTRCvInoCB9zyeGbOHrdQmV',
  'xUklIDNbSEh2YPEZ3g9WildCvuKjoq8ugMCDxsMP_18_PP4bURHf398-ff999PXX3AgoGqLFuNgI7WTQsIJ3ssMmU6EjkJYWaW7G',
  '3y_4ITxJYFMq_o9hiEJxgFCWVMXeYqBy2AhRSb1rVI1JFY3ksBKGPtGpHeNj2AWIvVZLPaAW4giDFm8BsGYoaN97XK0uxrNYJqPZ',
  'W4xq1SVpahcqp_nFA4HcuT5zPNhPI77-FQLs0G83TIkYUdOJi3J-QBp81Kqxi3dsaxj48CzMetnXb1upDFiLZEv_V0yCU4G7OV1Q',
  '1fhPk3UaWjodzEd8tRC48y4GIG1Vk3tSr-ghC3JIiQR4cvlWRa_IOtpxm7O-qrLqE8MpUMyad-1Q7vSqkQWp1thJwm4cVmJwsizz',
  'Wd21XYr7b3STogPNq_Wx1m_nGYakCh4Ns70cFqF-6bQCRtYZSNFcZo9xtlL32e5SVVVyfRyjPhJMHWME0yHBLVWKbb97VZWreITF',
  'orPzgZfZhZEQwfg2vq-rMO0lsbiBPW1OAynnqazAbpnXh7mIRYQe6Cb6kNl8wJFHb_N5b2j3X8BT5ipj78mPHX_AQpJenM',
].join('');

/** Byte for byte as that app's exportScenarioFile wrote it. */
const FORMAT_1_FILE = `{
  "format": "raft-visualizer-scenario",
  "version": 1,
  "title": {
    "en": "A format-1 link",
    "zh": "格式 1 的链接"
  },
  "options": {
    "servers": 5,
    "seed": "format-1",
    "latencyMs": [
      5,
      25
    ],
    "dropRate": 0.05,
    "duplicateRate": 0.05,
    "leaderNoop": true,
    "fastBackup": true
  },
  "actions": [
    {
      "n": 44,
      "at": 400.25,
      "action": {
        "type": "submit",
        "command": "x=1"
      }
    },
    {
      "n": 59,
      "at": 437.75,
      "action": {
        "type": "crash",
        "server": 3
      }
    },
    {
      "n": 66,
      "at": 557.75,
      "action": {
        "type": "timeout",
        "server": 2
      }
    },
    {
      "n": 70,
      "at": 572.75,
      "action": {
        "type": "dropMessage",
        "message": 60
      }
    },
    {
      "n": 71,
      "at": 572.75,
      "action": {
        "type": "duplicateMessage",
        "message": 64
      }
    },
    {
      "n": 136,
      "at": 872.75,
      "action": {
        "type": "partition",
        "groups": [
          [
            1,
            2
          ],
          [
            3,
            4,
            5
          ]
        ]
      }
    },
    {
      "n": 137,
      "at": 872.75,
      "action": {
        "type": "submit",
        "command": "y=2",
        "server": 3
      }
    },
    {
      "n": 216,
      "at": 1372.75,
      "action": {
        "type": "setLink",
        "from": 3,
        "to": 4,
        "up": false
      }
    },
    {
      "n": 217,
      "at": 1372.75,
      "action": {
        "type": "setNetwork",
        "settings": {
          "latencyMs": [
            10,
            40
          ],
          "dropRate": 0.1
        }
      }
    },
    {
      "n": 251,
      "at": 1622.75,
      "action": {
        "type": "heal"
      }
    },
    {
      "n": 252,
      "at": 1622.75,
      "action": {
        "type": "disconnect",
        "server": 5
      }
    },
    {
      "n": 285,
      "at": 1822.75,
      "action": {
        "type": "processEvent",
        "seq": 359
      }
    },
    {
      "n": 286,
      "at": 2047.75,
      "action": {
        "type": "connect",
        "server": 5
      }
    },
    {
      "n": 287,
      "at": 2047.75,
      "action": {
        "type": "restart",
        "server": 3
      }
    },
    {
      "n": 338,
      "at": 2197.75,
      "action": {
        "type": "submit",
        "command": "z=3"
      }
    }
  ],
  "runUntil": 3197.75,
  "view": {
    "n": 40,
    "speed": 2
  }
}

`;

/** What the app before format 2 got when it replayed them. */
const FORMAT_1_RUN = { traceHash: 'de811674', events: 531, now: 3197.75 };

function opened(r: ReturnType<typeof decodeScenario> | null): Scenario {
  if (r === null) throw new Error('no scenario in the link');
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
}

describe('format 1 links and files (made before format 2)', () => {
  const raw = JSON.parse(FORMAT_1_FILE) as Record<string, unknown>;
  const { format: _format, ...v1 } = raw;

  it('open as format 2, with nothing but the version changed', () => {
    expect(v1.version).toBe(1);
    const fromLink = opened(decodeScenario(FORMAT_1_LINK));
    expect(fromLink.version).toBe(2);
    expect(fromLink).toStrictEqual({ ...v1, version: 2 });
    expect(opened(decodeScenario(`https://raft.example.edu/visualizer/#s=${FORMAT_1_LINK}`))).toStrictEqual(fromLink);
    expect(opened(scenarioFromLocationHash(`#s=${FORMAT_1_LINK}`))).toStrictEqual(fromLink);
    expect(opened(importScenarioFile(FORMAT_1_FILE))).toStrictEqual(fromLink);
    expect(opened(importScenarioFile(JSON.stringify(v1)))).toStrictEqual(fromLink); // a bare scenario object, no wrapper
    // Every action type format 1 had is in it.
    expect(new Set(fromLink.actions.map((a) => a.action.type))).toStrictEqual(
      new Set(['submit', 'crash', 'timeout', 'dropMessage', 'duplicateMessage', 'partition', 'setLink', 'setNetwork', 'heal', 'disconnect', 'processEvent', 'connect', 'restart']),
    );
  });

  it('replay to the identical trace as before format 2, and the migrated form replays to the same trace as the original', () => {
    const migrated = opened(decodeScenario(FORMAT_1_LINK));
    const c = replayScenario(migrated);
    expect({ traceHash: c.traceHash(), events: c.eventCount, now: c.now }).toStrictEqual(FORMAT_1_RUN);
    expect(c.violations()).toEqual([]);
    // The format-1 object as it is (replay reads only options, actions and runUntil) and its migrated form.
    expect(replayScenario(v1 as unknown as Scenario).traceHash()).toBe(FORMAT_1_RUN.traceHash);
    expect(replayScenario(migrate(v1) as Scenario).traceHash()).toBe(FORMAT_1_RUN.traceHash);
  });

  it('are written back as format 2, which reads back and replays the same', () => {
    const s = opened(decodeScenario(FORMAT_1_LINK));
    const link = encodeScenario(s);
    expect(link).not.toBe(FORMAT_1_LINK);
    const again = opened(decodeScenario(link));
    expect(again).toStrictEqual(s);
    expect(replayScenario(again).traceHash()).toBe(FORMAT_1_RUN.traceHash);
    const file = exportScenarioFile(s);
    expect(JSON.parse(file)).toMatchObject({ format: FILE_FORMAT, version: SCENARIO_VERSION });
    expect(SCENARIO_VERSION).toBe(2);
    // Even when handed a format-1 object, the writer writes the current format.
    expect(JSON.parse(exportScenarioFile(v1 as unknown as Scenario))).toMatchObject({ version: 2 });
  });

  it('the same scenario marked format 3 (a future release) is refused, saying so', () => {
    const message = 'This scenario was made by a newer version of this app (format 3; this app reads up to 2). Open it with the latest version of the app.';
    const future = { ...v1, version: 3 };
    expect(decodeScenario(encodeJsonPayload(JSON.stringify(future)))).toStrictEqual({ ok: false, error: message });
    expect(importScenarioFile(JSON.stringify({ format: FILE_FORMAT, ...future }))).toStrictEqual({ ok: false, error: message });
  });
});
