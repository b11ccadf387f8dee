#!/usr/bin/env node
/*
 * Regenerates src/generated/openchoreo-api.ts from the real OpenChoreo OpenAPI spec.
 *
 *   yarn workspace @openchoreo-ci/openchoreo-client generate [path/to/openchoreo-api.yaml]
 *
 * The spec defaults to ../shared/openchoreo/openchoreo-api.yaml beside the repository. The
 * output is committed, so builds and tests never need the spec; regenerate when it changes.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '../../..');
const spec =
  process.argv[2] ??
  path.resolve(repoRoot, '../shared/openchoreo/openchoreo-api.yaml');
const output = path.resolve(__dirname, '../src/generated/openchoreo-api.ts');

execFileSync(
  process.execPath,
  [
    path.resolve(
      path.dirname(require.resolve('openapi-typescript/package.json')),
      'bin/cli.js',
    ),
    spec,
    '--output',
    output,
    '--alphabetize',
  ],
  { stdio: 'inherit' },
);
