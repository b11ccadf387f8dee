import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The generator is the package's plain Node.js script (yarn workspace ... generate).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../scripts/generate');

const SPEC_DIR = path.resolve(__dirname, '../spec');

describe('the artifacts generated from the OpenChoreo specs', () => {
  it('are what the committed specs generate (else run `yarn workspace @openchoreo-ci/openchoreo-client generate packages/openchoreo-client/spec`)', async () => {
    expect(await generator.findStaleArtifacts()).toEqual([]);
  }, 120_000);

  it('are reported stale when a spec changes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'openchoreo-specs-'));
    try {
      cpSync(SPEC_DIR, dir, { recursive: true });
      const api = path.join(dir, 'openchoreo-api.yaml');
      // A new property in the ErrorResponse schema changes the types and the contract artifact.
      const spec = readFileSync(api, 'utf8');
      const changed = spec.replace(
        /\n {4}ErrorResponse:\n( {6}.*\n)*? {6}properties:\n/,
        match =>
          `${match}        retryAfterSeconds:\n          type: integer\n`,
      );
      expect(changed).not.toBe(spec);
      writeFileSync(api, changed);
      writeFileSync(
        path.join(dir, 'observer-api.yaml'),
        readFileSync(path.join(dir, 'observer-api.yaml'), 'utf8').replace(
          'maximum: 1000',
          'maximum: 2000',
        ),
      );
      expect(await generator.findStaleArtifacts(dir)).toEqual([
        'packages/openchoreo-client/src/generated/openchoreo-api.ts',
        'packages/openchoreo-devstack/src/api/contract/generated/openchoreo-api.json',
        'packages/openchoreo-devstack/src/api/contract/generated/observer-api.json',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('leave out prose only where it is a keyword, never a property named like one', () => {
    const artifact = JSON.parse(
      generator.contractArtifact(`
openapi: 3.0.3
info: {title: t, version: '1', description: gone}
paths:
  /things:
    get:
      summary: gone
      tags: [gone]
      responses:
        '200':
          description: gone
components:
  schemas:
    Thing:
      description: gone
      example: {description: gone}
      properties:
        description: {type: string, description: gone}
        tags: {type: array, items: {type: string}}
`),
    );
    expect(artifact).toEqual({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: { '/things': { get: { responses: { '200': {} } } } },
      components: {
        schemas: {
          Thing: {
            properties: {
              description: { type: 'string' },
              tags: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    });
  });
});
