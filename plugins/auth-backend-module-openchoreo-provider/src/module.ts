import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { oidcAuthenticator } from '@backstage/plugin-auth-backend-module-oidc-provider';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { checkIdentityProvider } from './identityProviderCheck';
import {
  OPENCHOREO_PROVIDER_ID,
  readOpenChoreoSignInSettings,
  readSignInProvider,
} from './settings';
import { openchoreoSignInResolver } from './signInResolver';

/**
 * Sign-in through OpenChoreo's identity provider: Backstage's own OIDC authenticator
 * (`@backstage/plugin-auth-backend-module-oidc-provider`) as provider `openchoreo`
 * (`auth.providers.openchoreo`, from the chart's `OPENCHOREO_AUTH_*`), with the portal's sign-in
 * resolver. Not installed when `openchoreo.signIn.provider` is `guest`. Checks the identity
 * provider at start-up: in production a wrong setting stops the backend with the setting and its
 * environment variable named; locally it is logged and the sign-in reports it.
 *
 * The frontend offers the provider with `openchoreoAuthApiRef` of `@openchoreo-ci/plugin-openchoreo`;
 * with `openchoreo.auth.userTokens: true` the OpenChoreo plugins then act in OpenChoreo with
 * each person's access token.
 */
export const authModuleOpenChoreoProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'openchoreo-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        if (readSignInProvider(config) !== 'openchoreo') {
          logger.info(
            'OpenChoreo sign-in is off (openchoreo.signIn.provider: guest): everyone signs in as the guest user',
          );
          return;
        }
        const environment =
          config.getOptionalString('auth.environment') ?? 'development';
        const strict =
          environment === 'production' || process.env.NODE_ENV === 'production';
        const report = (message: string) => {
          if (strict) {
            throw new Error(message);
          }
          logger.warn(message);
        };

        const settings = readOpenChoreoSignInSettings(config);
        if (!settings) {
          report(
            `OpenChoreo sign-in: auth.providers.${OPENCHOREO_PROVIDER_ID}.${environment} is not configured. Set OPENCHOREO_AUTH_METADATA_URL (or OPENCHOREO_AUTH_AUTHORIZATION_URL), OPENCHOREO_AUTH_CLIENT_ID and OPENCHOREO_AUTH_CLIENT_SECRET, or OPENCHOREO_FEATURES_AUTH_ENABLED=false for guest sign-in.`,
          );
          return;
        }
        if (!config.getOptionalString('auth.session.secret')?.trim()) {
          report(
            'OpenChoreo sign-in: auth.session.secret is not set (the OIDC sign-in keeps its state in a session). Set BACKEND_SECRET.',
          );
        }
        try {
          const idp = await checkIdentityProvider(settings);
          logger.info(
            `OpenChoreo sign-in through the identity provider ${idp.issuer}`,
          );
        } catch (error) {
          report((error as Error).message);
        }

        providers.registerProvider({
          providerId: OPENCHOREO_PROVIDER_ID,
          factory: createOAuthProviderFactory({
            authenticator: oidcAuthenticator,
            signInResolver: openchoreoSignInResolver,
          }),
        });
      },
    });
  },
});
