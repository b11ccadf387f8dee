/*
 * The portal's feature flags that the OpenChoreo Helm chart sets (isomorphic): their config keys,
 * defaults and the words the portal uses when a turned-off feature is asked for.
 */

/**
 * Config key of the built-in CI switch (`OPENCHOREO_FEATURES_WORKFLOWS_ENABLED`, the chart's
 * `backstage.features.workflows.enabled`). `false` hides and refuses OpenChoreo's built-in CI
 * workflows; External CI stays. Visible to the frontend.
 */
export const BUILT_IN_CI_ENABLED_KEY = 'openchoreo.features.workflows.enabled';

/** Why a built-in CI action was refused while {@link BUILT_IN_CI_ENABLED_KEY} is false. */
export const BUILT_IN_CI_DISABLED_MESSAGE =
  'Built-in CI workflows are turned off in this portal (openchoreo.features.workflows.enabled / OPENCHOREO_FEATURES_WORKFLOWS_ENABLED)';

/** The part of a config reader the flags need: Backstage's `Config` and the frontend `ConfigApi` both fit. */
export interface FeatureFlagConfig {
  /** The boolean at `key`, `undefined` when unset; throws when it is not a boolean. */
  getOptionalBoolean(key: string): boolean | undefined;
}

/** Whether built-in CI workflows are on (default true, like the chart). Throws when the value is not a boolean. */
export function isBuiltInCiEnabled(config: FeatureFlagConfig): boolean {
  return config.getOptionalBoolean(BUILT_IN_CI_ENABLED_KEY) ?? true;
}

/**
 * Config key of user tokens (`PORTAL_OPENCHOREO_USER_TOKENS`): `true` makes the portal act on
 * OpenChoreo as the signed-in user, with the OpenChoreo token the frontend sends along
 * (`x-openchoreo-token`); `false` (the default) uses the service account. Visible to the frontend.
 */
export const USER_TOKENS_CONFIG_KEY = 'openchoreo.auth.userTokens';
