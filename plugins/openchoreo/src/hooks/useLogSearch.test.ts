import type { WorkflowRunLogLine } from '@openchoreo-ci/plugin-openchoreo-common';
import { findMatchingLines, type LogSearchResult } from './useLogSearch';

/** Lines whose text reads are counted, to see which lines a search looked at. */
function countedLines(texts: string[]) {
  const reads = new Set<number>();
  const lines = texts.map(
    (text, i): WorkflowRunLogLine => ({
      get log() {
        reads.add(i);
        return text;
      },
    }),
  );
  return { lines, reads };
}

function search(
  lines: WorkflowRunLogLine[],
  query: string,
  previous?: LogSearchResult,
): LogSearchResult {
  return { lines, query, matches: findMatchingLines(lines, query, previous) };
}

const texts = [
  'Cloning into /workspace',
  'go: downloading github.com/x/y',
  'ERROR: go build failed',
  'error: exit status 1',
  'Done',
];

describe('findMatchingLines', () => {
  it('finds lines case-insensitively and nothing for an empty query', () => {
    const { lines } = countedLines(texts);
    expect(findMatchingLines(lines, 'error')).toEqual([2, 3]);
    expect(findMatchingLines(lines, 'GO')).toEqual([1, 2]);
    expect(findMatchingLines(lines, '')).toEqual([]);
  });

  it('takes the query literally', () => {
    const { lines } = countedLines(['a.b', 'axb', 'f(x)', '[1]']);
    expect(findMatchingLines(lines, 'a.b')).toEqual([0]);
    expect(findMatchingLines(lines, 'f(x)')).toEqual([2]);
    expect(findMatchingLines(lines, '[1]')).toEqual([3]);
  });

  it('looks only among the previous matches when the query grows', () => {
    const { lines, reads } = countedLines(texts);
    const first = search(lines, 'o');
    expect(first.matches).toEqual([0, 1, 2, 3, 4]);
    reads.clear();
    const second = search(lines, 'ro', first);
    expect(second.matches).toEqual([2, 3]);
    reads.clear();
    // "erro" contains "ro": only lines 2 and 3 are looked at.
    expect(search(lines, 'ERRO', second).matches).toEqual([2, 3]);
    expect([...reads].sort()).toEqual([2, 3]);
  });

  it('scans only the appended lines for the same query', () => {
    const { lines, reads } = countedLines(texts);
    const first = search(lines.slice(0, 3), 'error');
    expect(first.matches).toEqual([2]);
    reads.clear();
    expect(search(lines, 'error', first).matches).toEqual([2, 3]);
    expect([...reads].sort()).toEqual([3, 4]);
  });

  it('refines and scans the appended lines together', () => {
    const { lines, reads } = countedLines(texts);
    const first = search(lines.slice(0, 3), 'o');
    reads.clear();
    expect(search(lines, 'error', first).matches).toEqual([2, 3]);
    // The old matches 0-2 and the new lines 3-4.
    expect([...reads].sort()).toEqual([0, 1, 2, 3, 4]);
    const second = search(lines.slice(0, 4), 'err');
    reads.clear();
    expect(search(lines, 'error', second).matches).toEqual([2, 3]);
    expect([...reads].sort()).toEqual([2, 3, 4]);
  });

  it('searches everything again for another query or other lines', () => {
    const { lines } = countedLines(texts);
    const first = search(lines, 'error');
    // Not a refinement: lines the old query skipped can match.
    expect(findMatchingLines(lines, 'done', first)).toEqual([4]);
    // A shorter query finds more than the old matches.
    expect(findMatchingLines(lines, 'err', search(lines, 'error:'))).toEqual([
      2, 3,
    ]);
    // Lines replaced (a restarted step): the old result says nothing.
    const { lines: other } = countedLines(['error here', 'fine']);
    expect(findMatchingLines(other, 'error', first)).toEqual([0]);
    // The same answer for the same question.
    expect(findMatchingLines(lines, 'error', first)).toBe(first.matches);
  });
});
