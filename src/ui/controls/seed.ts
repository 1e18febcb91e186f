/**
 * Seeds for new runs. Picking one is the only place the page uses ambient
 * randomness; the run itself is fully determined by the seed it gets.
 */
const WORDS = ['amber', 'birch', 'cedar', 'delta', 'ember', 'fjord', 'grove', 'heron', 'iris', 'juniper', 'kestrel', 'lotus', 'maple', 'nova', 'onyx', 'pine', 'quartz', 'raven', 'sage', 'tide'];

export function newSeed(): string {
  const word = WORDS[Math.floor(Math.random() * WORDS.length)]!;
  return `${word}-${Math.floor(Math.random() * 10_000)}`;
}
