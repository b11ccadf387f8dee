import type { OpenChoreoComponents } from '@openchoreo-ci/openchoreo-client';

/** A ReleaseBinding as the API returns it. */
export type ReleaseBinding = OpenChoreoComponents['schemas']['ReleaseBinding'];

// The binding rules are shared with the portal's deployments card: one definition, in common.
export {
  FAILED_BINDING_REASONS,
  releaseBindingState,
  type BindingState,
} from '@openchoreo-ci/plugin-openchoreo-common';
