import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type {
  CiIntegration,
  ExternalCiPlatform,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef } from '../api';

/** Whether this portal has usable settings for an External CI platform (`GET /ci-integrations`). */
export function useCiIntegration(platform: ExternalCiPlatform) {
  const api = useApi(openchoreoApiRef);
  const state = useAsyncRetry(async (): Promise<CiIntegration> => {
    const { integrations } = await api.getCiIntegrations();
    return (
      integrations.find(i => i.platform === platform) ?? {
        platform,
        configured: false,
        reason: `This portal has no ${platform} integration.`,
      }
    );
  }, [api, platform]);
  return {
    integration: state.value,
    loading: state.loading,
    error: state.error,
    retry: state.retry,
  };
}
