import type { Entity } from '@backstage/catalog-model';
import { OPENCHOREO_PROJECT_ANNOTATION } from '@openchoreo-ci/plugin-openchoreo-common';
import { getComponentRef } from './entity';

/** The pipeline step that publishes a component's Workload after the image is pushed. */
export function publisherSnippet(entity: Entity): string {
  const ref = getComponentRef(entity);
  const project =
    entity.metadata.annotations?.[OPENCHOREO_PROJECT_ANNOTATION] ?? '<project>';
  return [
    '# OPENCHOREO_CLIENT_ID and OPENCHOREO_CLIENT_SECRET come from the CI secrets',
    'npx @openchoreo-ci/workload-publisher publish \\',
    '  --api-url "$OPENCHOREO_API_URL" \\',
    '  --token-url "$OPENCHOREO_TOKEN_URL" \\',
    `  --namespace ${ref?.namespace ?? '<namespace>'} \\`,
    `  --project ${project} \\`,
    `  --component ${ref?.component ?? '<component>'} \\`,
    '  --image "$IMAGE"',
  ].join('\n');
}
