#!/usr/bin/env node
/*
 * Regenerates everything the project derives from OpenChoreo's OpenAPI specs:
 *
 *   - src/generated/openchoreo-api.ts: the client's types (openapi-typescript);
 *   - packages/openchoreo-devstack/src/api/contract/generated/{openchoreo-api,observer-api}.json:
 *     what the devstack's contract tests validate against (each spec's paths and components as
 *     JSON, without the prose: descriptions, summaries, examples).
 *
 *   yarn workspace @openchoreo-ci/openchoreo-client generate              # see "Where from" below
 *   yarn workspace @openchoreo-ci/openchoreo-client generate <folder>     # holding both specs (*)
 *   yarn workspace @openchoreo-ci/openchoreo-client generate --ref v1.0.0 # upstream tag or commit
 *   yarn workspace @openchoreo-ci/openchoreo-client generate --check      # exit 1 when stale
 *
 * Where from: a folder or an upstream ref given on the command line; else the project's reference
 * folder `shared/openchoreo` beside the repository when it exists; else the spec copies committed in
 * spec/. The specs read are copied into spec/, so the repository always holds the specs its
 * artifacts were generated from; builds and tests never read anything outside it.
 * (*) absolute, or relative to this package's folder or to the repository root.
 * `--check` regenerates from spec/ in memory and lists the committed artifacts that differ
 * (src/generatedArtifacts.test.ts runs the same check in the unit tests).
 */
/* eslint-disable no-console */ // a command-line tool: it reports what it reads and writes
const {
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} = require('node:fs');
const path = require('node:path');
const { parse } = require('yaml');

const packageRoot = path.resolve(__dirname, '..');
const repoRoot = path.resolve(packageRoot, '../..');
/** The committed copies of the specs. */
const SPEC_DIR = path.join(packageRoot, 'spec');
/** The specs, by file name without `.yaml` (as upstream names them under openapi/). */
const SPEC_NAMES = ['openchoreo-api', 'observer-api'];
/** The reference folder beside the repository, the default source when it is there. */
const REFERENCE_DIR = path.resolve(repoRoot, '../shared/openchoreo');
const UPSTREAM = 'https://raw.githubusercontent.com/openchoreo/openchoreo';

const TYPES_FILE = 'packages/openchoreo-client/src/generated/openchoreo-api.ts';
const contractFile = name =>
  `packages/openchoreo-devstack/src/api/contract/generated/${name}.json`;

/** Keys that are prose for people; the validator never reads them. */
const PROSE_KEYS = new Set([
  'description',
  'summary',
  'example',
  'examples',
  'externalDocs',
  'tags',
]);
/** Keys whose values map names (properties, paths, status codes, ...) to definitions. */
const NAMED_MAPS = new Set([
  'properties',
  'patternProperties',
  'paths',
  'schemas',
  'responses',
  'parameters',
  'requestBodies',
  'headers',
  'securitySchemes',
  'content',
  'links',
  'callbacks',
  'encoding',
]);

/** Drops prose keys where they are keywords, never where they name a property or a path. */
function withoutProse(node, keysAreNames = false) {
  if (Array.isArray(node)) return node.map(item => withoutProse(item));
  if (typeof node !== 'object' || node === null) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!keysAreNames && PROSE_KEYS.has(key)) continue;
    out[key] = withoutProse(value, !keysAreNames && NAMED_MAPS.has(key));
  }
  return out;
}

/** The contract-check artifact of one spec (YAML text): what the devstack's validator reads. */
function contractArtifact(specText) {
  const spec = parse(specText);
  return `${JSON.stringify(
    withoutProse({
      openapi: spec.openapi,
      info: { title: spec.info?.title, version: spec.info?.version },
      paths: spec.paths,
      components: spec.components,
    }),
    null,
    2,
  )}\n`;
}

/** The client's types from the OpenChoreo API spec (YAML text), exactly as openapi-typescript's CLI writes them. */
async function clientTypes(specText) {
  const openapiTS = require('openapi-typescript');
  const ast = await (openapiTS.default ?? openapiTS)(specText, {
    alphabetize: true,
    silent: true,
  });
  return openapiTS.COMMENT_HEADER + openapiTS.astToString(ast);
}

function readSpecs(dir) {
  return Object.fromEntries(
    SPEC_NAMES.map(name => {
      const file = path.join(dir, `${name}.yaml`);
      if (!existsSync(file)) {
        throw new Error(
          `${file} does not exist: the folder must hold ${SPEC_NAMES.map(
            n => `${n}.yaml`,
          ).join(' and ')}.`,
        );
      }
      return [name, readFileSync(file, 'utf8')];
    }),
  );
}

/** Every generated file (path relative to the repository root -> content) from the specs in `dir`. */
async function generateArtifacts(dir = SPEC_DIR) {
  const specs = readSpecs(dir);
  const files = new Map([
    [TYPES_FILE, await clientTypes(specs['openchoreo-api'])],
  ]);
  for (const name of SPEC_NAMES) {
    files.set(contractFile(name), contractArtifact(specs[name]));
  }
  return files;
}

/** The committed artifacts that differ from what the specs in `dir` (default: spec/) generate. */
async function findStaleArtifacts(dir = SPEC_DIR) {
  const stale = [];
  for (const [file, content] of await generateArtifacts(dir)) {
    const absolute = path.join(repoRoot, file);
    if (!existsSync(absolute) || readFileSync(absolute, 'utf8') !== content) {
      stale.push(file);
    }
  }
  return stale;
}

async function downloadSpecs(ref) {
  const specs = {};
  for (const name of SPEC_NAMES) {
    const url = `${UPSTREAM}/${encodeURIComponent(ref)}/openapi/${name}.yaml`;
    console.log(`Downloading ${url}`);
    const response = await fetch(url).catch(error => {
      throw new Error(
        `Could not download ${url} (${
          error.cause?.code ?? error.message
        }); without internet, pass a folder that holds the specs instead.`,
      );
    });
    if (!response.ok) {
      throw new Error(
        `${url} answered ${response.status}: is ${ref} a tag or commit of openchoreo/openchoreo?`,
      );
    }
    specs[name] = await response.text();
  }
  return specs;
}

function write(relative, content) {
  const absolute = path.join(repoRoot, relative);
  mkdirSync(path.dirname(absolute), { recursive: true });
  writeFileSync(absolute, content);
  console.log(`  wrote ${relative}`);
}

async function main(args) {
  if (args.includes('--check')) {
    const stale = await findStaleArtifacts();
    if (stale.length) {
      console.error(
        `Stale against packages/openchoreo-client/spec/: ${stale.join(
          ', ',
        )}. Run \`yarn workspace @openchoreo-ci/openchoreo-client generate ` +
          'packages/openchoreo-client/spec` and commit the result.',
      );
      process.exitCode = 1;
    } else {
      console.log('The generated artifacts match the committed specs.');
    }
    return;
  }

  const refAt = args.indexOf('--ref');
  let specs;
  if (refAt >= 0) {
    if (!args[refAt + 1]) throw new Error('--ref needs a tag or commit');
    specs = await downloadSpecs(args[refAt + 1]);
  } else {
    // `yarn workspace ... generate` runs in this package's folder: a relative folder is taken
    // from there, else from the repository root.
    let dir = args[0]
      ? [process.cwd(), repoRoot]
          .map(base => path.resolve(base, args[0]))
          .find(candidate => existsSync(candidate)) ??
        path.resolve(repoRoot, args[0])
      : undefined;
    if (dir && existsSync(dir) && statSync(dir).isFile()) {
      dir = path.dirname(dir);
    }
    dir ??= existsSync(REFERENCE_DIR) ? REFERENCE_DIR : SPEC_DIR;
    console.log(`Reading the OpenChoreo specs from ${dir}`);
    specs = readSpecs(dir);
  }
  for (const name of SPEC_NAMES) {
    const copy = path.join(SPEC_DIR, `${name}.yaml`);
    if (!existsSync(copy) || readFileSync(copy, 'utf8') !== specs[name]) {
      write(path.relative(repoRoot, copy), specs[name]);
    }
  }
  for (const [file, content] of await generateArtifacts(SPEC_DIR)) {
    write(file, content);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch(error => {
    console.error(error.message);
    process.exit(1);
  });
}

module.exports = {
  SPEC_NAMES,
  contractArtifact,
  generateArtifacts,
  findStaleArtifacts,
};
