// Picks the known parameter an unknown one was probably meant to be, for Stripe's "Did you mean X?".
// Stripe's API is Ruby; the suggestion is modelled on Ruby's did_you_mean SpellChecker (Jaro-Winkler
// to shortlist, Levenshtein to confirm). That Stripe uses exactly this rule is an inference: the only
// confirmed case is a one-character slip (`"recurring` → `recurring`), which this rule reproduces.

const jaro_winkler_prefix_weight = 0.1;
const jaro_winkler_boost_threshold = 0.7;
const jaro_winkler_prefix_chars_max = 4;
/** Jaro-Winkler similarity a candidate needs to be considered, for inputs longer than 3 characters
 *  and for shorter ones (did_you_mean's values). */
const similarity_min = 0.834;
const similarity_min_short_input = 0.77;
const short_input_chars_max = 3;
/** A typo may differ from the name it was meant to be by one edit per four characters, rounded up. */
const typo_edits_per_char = 0.25;

/** The closest candidate to `input`, or null when none is close enough to suggest. */
export function suggestName(input: string, candidates: Iterable<string>): string | null {
  const normalized = normalize(input);
  const threshold = normalized.length > short_input_chars_max ? similarity_min : similarity_min_short_input;
  const shortlist: { word: string; score: number }[] = [];
  for (const word of candidates) {
    if (word === input) continue;
    const score = jaroWinkler(normalize(word), normalized);
    if (score >= threshold) shortlist.push({ word, score });
  }
  shortlist.sort((left, right) => right.score - left.score);

  const typo_edits_max = Math.ceil(normalized.length * typo_edits_per_char);
  const typo = shortlist.find(({ word }) => levenshtein(normalize(word), normalized) <= typo_edits_max);
  if (typo !== undefined) return typo.word;
  const misspelling = shortlist.find(({ word }) => {
    const candidate = normalize(word);
    return levenshtein(candidate, normalized) < Math.min(candidate.length, normalized.length);
  });
  return misspelling?.word ?? null;
}

function normalize(text: string): string {
  return text.toLowerCase().replaceAll('@', '');
}

export function jaro(first: string, second: string): number {
  const [shorter, longer] = first.length > second.length ? [second, first] : [first, second];
  if (shorter.length === 0) return 0;
  const range = Math.max(Math.floor(longer.length / 2) - 1, 0);
  const matchedShorter = new Array<boolean>(shorter.length).fill(false);
  const matchedLonger = new Array<boolean>(longer.length).fill(false);
  let matches = 0;
  for (let index = 0; index < shorter.length; index += 1) {
    const last = Math.min(index + range, longer.length - 1);
    for (let other = Math.max(index - range, 0); other <= last; other += 1) {
      if (!matchedLonger[other] && shorter[index] === longer[other]) {
        matchedShorter[index] = true;
        matchedLonger[other] = true;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let next = 0;
  for (let index = 0; index < shorter.length; index += 1) {
    if (!matchedShorter[index]) continue;
    while (!matchedLonger[next]) next += 1;
    if (shorter[index] !== longer[next]) transpositions += 1;
    next += 1;
  }
  const halfTranspositions = Math.floor(transpositions / 2);
  return (matches / shorter.length + matches / longer.length + (matches - halfTranspositions) / matches) / 3;
}

export function jaroWinkler(first: string, second: string): number {
  const distance = jaro(first, second);
  if (distance <= jaro_winkler_boost_threshold) return distance;
  let prefix = 0;
  while (prefix < jaro_winkler_prefix_chars_max && prefix < first.length && first[prefix] === second[prefix]) prefix += 1;
  return distance + prefix * jaro_winkler_prefix_weight * (1 - distance);
}

export function levenshtein(first: string, second: string): number {
  let previous = Array.from({ length: second.length + 1 }, (_, index) => index);
  for (let row = 1; row <= first.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= second.length; column += 1) {
      const substitution = previous[column - 1]! + (first[row - 1] === second[column - 1] ? 0 : 1);
      current.push(Math.min(previous[column]! + 1, current[column - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[second.length]!;
}
