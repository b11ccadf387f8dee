import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ResourceObject } from '../store';

/**
 * Where the getting-started resources are read from: the file named by `OPENCHOREO_SAMPLES_FILE`
 * (e.g. a newer upstream `samples/getting-started/all.yaml`), else the devstack's own seed data,
 * `gettingStarted.yaml` beside this file.
 */
export function gettingStartedSamplesFile(): string {
  return (
    process.env.OPENCHOREO_SAMPLES_FILE ??
    // The devstack always runs from its source tree (yarn devstack, tests); it is never built.
    // eslint-disable-next-line no-restricted-syntax
    path.join(__dirname, 'gettingStarted.yaml')
  );
}

/** The kinds of the getting-started samples the stand-in serves. */
const SEEDED_KINDS = new Set([
  'Project',
  'DeploymentPipeline',
  'Environment',
  'ClusterComponentType',
  'ClusterWorkflow',
]);

/** Reads the upstream getting-started resources the stand-in is seeded with. */
export function loadGettingStartedResources(
  file: string = gettingStartedSamplesFile(),
): ResourceObject[] {
  if (!existsSync(file)) {
    throw new Error(
      `The devstack seeds OpenChoreo's getting-started resources from ${file}, which does not ` +
        'exist. Set OPENCHOREO_SAMPLES_FILE to an existing copy of upstream ' +
        'samples/getting-started/all.yaml, or unset it to use the seed data in the repository.',
    );
  }
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map(doc => doc.toJS() as ResourceObject | null)
    .filter(
      (doc): doc is ResourceObject => !!doc && SEEDED_KINDS.has(doc.kind),
    );
}
