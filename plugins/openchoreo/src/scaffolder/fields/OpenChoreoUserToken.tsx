import { useCallback, useEffect, useState } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import {
  configApiRef,
  useApi,
  useApiHolder,
} from '@backstage/frontend-plugin-api';
import {
  useTemplateSecrets,
  type FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import {
  OPENCHOREO_USER_TOKEN_SECRET,
  USER_TOKENS_CONFIG_KEY,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoAuthApiRef } from '../../api';
import { useOpenChoreoSignIn } from '../../hooks/useOpenChoreoSignIn';

type State = 'checking' | 'signed-in' | 'signed-out' | 'off';

/**
 * `OpenChoreoUserToken`: puts the user's OpenChoreo access token into the task secrets
 * (`OPENCHOREO_USER_TOKEN`), so `openchoreo:component:create` creates the component as the user
 * (`openchoreo.auth.userTokens`). Task secrets never reach the task log or the form's values.
 * Without an OpenChoreo sign-in it offers one. Renders nothing when user tokens are off.
 */
export function OpenChoreoUserToken(
  _props: FieldExtensionComponentProps<string>,
) {
  const userTokens = !!useApi(configApiRef).getOptionalBoolean(
    USER_TOKENS_CONFIG_KEY,
  );
  const authApi = useApiHolder().get(openchoreoAuthApiRef);
  const { setSecrets } = useTemplateSecrets();
  const signIn = useOpenChoreoSignIn();
  const [state, setState] = useState<State>(userTokens ? 'checking' : 'off');

  const take = useCallback(
    (token: string | undefined) => {
      if (token) {
        setSecrets({ [OPENCHOREO_USER_TOKEN_SECRET]: token });
        setState('signed-in');
      } else {
        setState('signed-out');
      }
    },
    [setSecrets],
  );

  useEffect(() => {
    if (userTokens) {
      (
        authApi?.getAccessToken(undefined, { optional: true }) ??
        Promise.resolve('')
      ).then(take, () => take(undefined));
    }
  }, [userTokens, authApi, take]);

  if (state === 'off' || state === 'checking') {
    return null;
  }
  if (state === 'signed-in') {
    return (
      <Typography variant="body2" color="textSecondary">
        The component is created in OpenChoreo as you: OpenChoreo decides
        whether you may create it in this namespace.
      </Typography>
    );
  }
  return (
    <Alert
      severity="info"
      action={
        signIn.available ? (
          <Button
            color="inherit"
            size="small"
            disabled={signIn.signingIn}
            onClick={async () => take(await signIn.signIn())}
          >
            Sign in with OpenChoreo
          </Button>
        ) : undefined
      }
    >
      The component is created in OpenChoreo as you: sign in with OpenChoreo
      first.
      {signIn.error ? ` The sign-in did not complete: ${signIn.error}` : ''}
    </Alert>
  );
}
