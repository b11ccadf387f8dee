import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ResourceObject } from '../store';

/**
 * Where the real OpenChoreo getting-started resources are read from: the file named by
 * `OPENCHOREO_SAMPLES_FILE`, else `../shared/openchoreo/getting-started-samples.yaml` beside
 * the repository (upstream openchoreo/openchoreo `samples/getting-started/all.yaml`).
 * They are read, not copied into the project, so the stand-in always serves the real ones.
 */
export function gettingStartedSamplesFile(): string {
  return (
    process.env.OPENCHOREO_SAMPLES_FILE ??
    path.resolve(
      // The devstack always runs from the source tree (yarn devstack, tests), which sits beside
      // ../shared in dev and CI; it is never part of a production build.
      // eslint-disable-next-line no-restricted-syntax
      __dirname,
      '../../../../../../shared/openchoreo/getting-started-samples.yaml',
    )
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
        'exist. Check out the shared folder beside the repository, or set ' +
        'OPENCHOREO_SAMPLES_FILE to a copy of upstream samples/getting-started/all.yaml.',
    );
  }
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map(doc => doc.toJS() as ResourceObject | null)
    .filter(
      (doc): doc is ResourceObject => !!doc && SEEDED_KINDS.has(doc.kind),
    );
}
