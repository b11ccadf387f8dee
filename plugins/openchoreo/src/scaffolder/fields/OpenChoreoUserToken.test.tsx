import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  SecretsContextProvider,
  useTemplateSecrets,
} from '@backstage/plugin-scaffolder-react';
import { OPENCHOREO_USER_TOKEN_SECRET } from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoAuthApiRef } from '../../api';
import { FieldHarness } from '../../__testUtils__/fieldHarness';
import { setupUser } from '../../__testUtils__/user';
import { OpenChoreoUserToken } from './OpenChoreoUserToken';

/** Shows the task secrets the form would send. */
function SecretsProbe() {
  const { secrets } = useTemplateSecrets();
  return <pre data-testid="secrets">{JSON.stringify(secrets)}</pre>;
}

function renderField(options: {
  userTokens: boolean;
  getAccessToken: jest.Mock;
}) {
  const changes: Array<string | undefined> = [];
  renderInTestApp(
    <SecretsContextProvider>
      <FieldHarness field={OpenChoreoUserToken} changes={changes} />
      <SecretsProbe />
    </SecretsContextProvider>,
    {
      config: { openchoreo: { auth: { userTokens: options.userTokens } } },
      apis: [
        [openchoreoAuthApiRef, { getAccessToken: options.getAccessToken }],
      ],
    },
  );
  return { changes };
}

const secrets = () => JSON.parse(screen.getByTestId('secrets').textContent!);

describe('OpenChoreoUserToken', () => {
  const user = setupUser();

  it("puts the signed-in user's token into the task secrets, never into the form's values", async () => {
    const getAccessToken = jest.fn(async () => 'user-access-token');
    const { changes } = renderField({ userTokens: true, getAccessToken });
    expect(
      await screen.findByText(/The component is created in OpenChoreo as you/),
    ).toBeInTheDocument();
    expect(secrets()).toEqual({
      [OPENCHOREO_USER_TOKEN_SECRET]: 'user-access-token',
    });
    expect(getAccessToken).toHaveBeenCalledWith(undefined, { optional: true });
    expect(changes).toEqual([]);
  });

  it('offers the OpenChoreo sign-in when there is no session, then takes the token', async () => {
    const getAccessToken = jest
      .fn()
      .mockResolvedValueOnce('')
      .mockResolvedValueOnce('token-after-sign-in');
    renderField({ userTokens: true, getAccessToken });
    await user.click(
      await screen.findByRole('button', { name: 'Sign in with OpenChoreo' }),
    );
    expect(getAccessToken).toHaveBeenLastCalledWith(undefined, {
      instantPopup: true,
    });
    await waitFor(() =>
      expect(secrets()).toEqual({
        [OPENCHOREO_USER_TOKEN_SECRET]: 'token-after-sign-in',
      }),
    );
  });

  it('does nothing when the portal acts as its service account', async () => {
    const getAccessToken = jest.fn();
    renderField({ userTokens: false, getAccessToken });
    expect(await screen.findByTestId('secrets')).toHaveTextContent('{}');
    expect(getAccessToken).not.toHaveBeenCalled();
  });
});
