import { screen } from '@testing-library/react';
import { bootApp } from './__testUtils__/bootApp';

describe('App sign-in page with OpenChoreo sign-in', () => {
  it('offers OpenChoreo first and guest second, and says the portal acts as the user', async () => {
    bootApp({
      openchoreo: {
        signIn: { provider: 'openchoreo', guest: true },
        auth: { userTokens: true },
      },
    });

    expect(
      await screen.findByText('OpenChoreo Test Portal', undefined, {
        timeout: 10_000,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('OpenChoreo')).toBeInTheDocument();
    expect(
      screen.getByText("Sign in at OpenChoreo's identity provider"),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /sign in/i })).toBeEnabled();
    expect(screen.getByText('Guest')).toBeInTheDocument();
    expect(screen.getByTestId('sign-in-mode')).toHaveTextContent(
      'Sign in with your OpenChoreo account. The portal then acts in OpenChoreo as you, so OpenChoreo decides what you may see and do.',
    );
  });
});
