import { screen } from '@testing-library/react';
import { bootApp } from './__testUtils__/bootApp';

describe('App sign-in page without an identity provider', () => {
  it('offers only guest and says so', async () => {
    bootApp({ openchoreo: { signIn: { provider: 'guest' } } });

    expect(
      await screen.findByText('Guest', undefined, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /enter/i })).toBeEnabled();
    expect(screen.queryByText('OpenChoreo')).not.toBeInTheDocument();
    expect(screen.getByTestId('sign-in-mode')).toHaveTextContent(
      'OpenChoreo sign-in is turned off for this portal (OPENCHOREO_FEATURES_AUTH_ENABLED=false): everyone enters as the guest user',
    );
  });
});
