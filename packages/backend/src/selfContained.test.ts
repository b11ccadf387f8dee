import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A clone of the repository alone must start and pass its tests: no tracked file may read or
 * link a path outside it. The one exception is the spec generator's default source, which it
 * names when it reads from there and which nothing at run or test time uses.
 */
const ALLOWED: Record<string, RegExp> = {
  'packages/openchoreo-client/scripts/generate.js':
    /'\.\.\/shared\/openchoreo'/,
};

const repoRoot = path.resolve(__dirname, '../../..');
/** This test's own examples of what it finds. */
const SELF = path.relative(repoRoot, __filename);

/** Paths of the machine the project was once developed on, and its sibling reference folder. */
const OUTSIDE_PATHS = /(?:\.\.\/)+shared\b|\/work\/(?:shared|main|wt-)/g;
/** A run of `../` in a string, a link or a command. */
const CLIMB = /(?<![\w.])(?:\.\.\/)+(?:\.\.(?![\w.]))?/g;
/** Code that resolves a path against its own location. */
const OWN_LOCATION =
  /__dirname|__filename|import\.meta|BASH_SOURCE|dirname "?\$0/;
const CODE = /\.(?:[cm]?[jt]sx?|sh)$/;
/** Markdown links and images: `[text](target)`, `![alt](target)`, `[ref]: target`. */
const MARKDOWN_LINK = /\]\(\s*<?([^)\s>]+)>?[^)]*\)|^\s*\[[^\]]+\]:\s*(\S+)/gm;

function trackedTextFiles(): string[] {
  const output = execFileSync('git', ['ls-files', '-z'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return output
    .split('\0')
    .filter(file => file && !/\.(png|jpe?g|gif|ico|woff2?|tgz|zip)$/.test(file))
    .filter(file => file !== SELF && existsSync(path.join(repoRoot, file)));
}

function lineOf(text: string, index: number) {
  return text.slice(0, index).split('\n').length;
}

/** Whether `target`, relative to the folder `fromDir` (relative to the root), leaves the repository. */
function leavesRepository(fromDir: string, target: string) {
  const resolved = path.resolve(repoRoot, fromDir, target);
  return path.relative(repoRoot, resolved).startsWith('..');
}

/** Every place in `text` (the tracked file `file`) that reads or links outside the repository. */
function findOutsideReferences(file: string, text: string): string[] {
  const found: string[] = [];
  const dir = path.dirname(file);
  const report = (index: number, what: string) => {
    const line = text.split('\n')[lineOf(text, index) - 1];
    if (ALLOWED[file]?.test(line)) return;
    found.push(`${file}:${lineOf(text, index)}: ${what}`);
  };
  for (const match of text.matchAll(OUTSIDE_PATHS)) {
    report(match.index!, `names ${match[0]}, outside the repository`);
  }
  // A relative path that code resolves against its own folder (__dirname, BASH_SOURCE, ...)
  // leaves the repository when it climbs more folders than the file is deep.
  for (const match of CODE.test(file) ? text.matchAll(CLIMB) : []) {
    const before = text.slice(Math.max(0, match.index! - 200), match.index);
    if (OWN_LOCATION.test(before) && leavesRepository(dir, match[0])) {
      report(match.index!, `climbs above the repository root with ${match[0]}`);
    }
  }
  if (file.endsWith('.md')) {
    for (const match of text.matchAll(MARKDOWN_LINK)) {
      const target = (match[1] ?? match[2]).split('#')[0];
      if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      if (target.startsWith('/') || leavesRepository(dir, target)) {
        report(match.index!, `links ${target}, outside the repository`);
      }
    }
  }
  return found;
}

describe('the repository is self-contained', () => {
  it('has no tracked file that reads or links a path outside it', () => {
    const found = trackedTextFiles().flatMap(file => {
      const text = readFileSync(path.join(repoRoot, file), 'utf8');
      return text.includes('\0') ? [] : findOutsideReferences(file, text);
    });
    expect(found).toEqual([]);
  });

  it('finds reads and links outside the repository', () => {
    expect(
      findOutsideReferences(
        'packages/x/src/a.ts',
        [
          "readFileSync(path.resolve(__dirname, '../../../../shared/spec.yaml'))",
          "readFileSync('/work/shared/openchoreo/openchoreo-api.yaml')",
          "import x from '../../y';",
        ].join('\n'),
      ),
    ).toEqual([
      'packages/x/src/a.ts:1: names ../../../../shared, outside the repository',
      'packages/x/src/a.ts:2: names /work/shared, outside the repository',
      'packages/x/src/a.ts:1: climbs above the repository root with ../../../../',
    ]);
    expect(
      findOutsideReferences(
        'docs/design.md',
        [
          'See [the design](../../DESIGN.md), [the API](../packages/a/README.md#x),',
          '[abs](/etc/passwd), [web](https://openchoreo.dev), [anchor](#why) and',
          '[up]: ../..',
        ].join('\n'),
      ),
    ).toEqual([
      'docs/design.md:1: links ../../DESIGN.md, outside the repository',
      'docs/design.md:2: links /etc/passwd, outside the repository',
      'docs/design.md:3: links ../.., outside the repository',
    ]);
    // Relative paths of code that resolves against its working folder are not judged.
    expect(
      findOutsideReferences(
        'app-config.yaml',
        'target: ../../catalog/org.yaml',
      ),
    ).toEqual([]);
  });

  it('allows only the spec generator its default source', () => {
    const line =
      "const REFERENCE_DIR = path.resolve(repoRoot, '../shared/openchoreo');";
    expect(
      findOutsideReferences(
        'packages/openchoreo-client/scripts/generate.js',
        line,
      ),
    ).toEqual([]);
    expect(findOutsideReferences('scripts/other.js', line)).toEqual([
      'scripts/other.js:1: names ../shared, outside the repository',
    ]);
  });
});
