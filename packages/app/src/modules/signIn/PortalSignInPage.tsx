import { SignInPage } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  OPENCHOREO_AUTH_PROVIDER,
  openchoreoAuthApiRef,
} from '@openchoreo-ci/plugin-openchoreo';
import { describeSignInMode, readSignInMode } from './signInMode';

/**
 * The portal's sign-in page: OpenChoreo's identity provider and/or guest, as configured
 * (`openchoreo.signIn`), with a sentence on the mode the portal is in.
 */
export function PortalSignInPage(props: SignInPageProps) {
  const mode = readSignInMode(useApi(configApiRef));
  const providers = [
    ...(mode.openchoreo
      ? [
          {
            id: OPENCHOREO_AUTH_PROVIDER.id,
            title: OPENCHOREO_AUTH_PROVIDER.title,
            message: "Sign in at OpenChoreo's identity provider",
            apiRef: openchoreoAuthApiRef,
          },
        ]
      : []),
    ...(mode.guest ? (['guest'] as const) : []),
  ];
  return (
    <SignInPage
      {...props}
      align="center"
      providers={providers}
      titleComponent={
        <Box maxWidth={720}>
          <Typography variant="h5" component="h2">
            Sign in
          </Typography>
          <Typography variant="body1" data-testid="sign-in-mode">
            {describeSignInMode(mode)}
          </Typography>
        </Box>
      }
    />
  );
}
