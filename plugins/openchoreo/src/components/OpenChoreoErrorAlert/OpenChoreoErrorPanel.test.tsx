import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { OPENCHOREO_SIGN_IN_REQUIRED } from '@openchoreo-ci/plugin-openchoreo-common';
import { OpenChoreoRequestError } from '../../api';
import { backendErrorAnswer } from '../../__testUtils__/backendAnswer';
import { setupUser } from '../../__testUtils__/user';
import { OpenChoreoErrorPanel } from './OpenChoreoErrorPanel';

const user = setupUser();
const CONFLICT =
  'Build run-1 has already finished (Succeeded); only a pending or running build can be cancelled. Nothing was deleted.';

const answer = (status: number, error: Record<string, unknown>) =>
  OpenChoreoRequestError.fromResponse(
    backendErrorAnswer(status, error, {
      method: 'POST',
      url: '/api/openchoreo/x/cancel',
    }),
  );

describe('OpenChoreoErrorPanel', () => {
  it("is Backstage's ResponseErrorPanel: what failed with the backend's message, then the status and request", async () => {
    const onRetry = jest.fn();
    await renderInTestApp(
      <OpenChoreoErrorPanel
        error={await answer(409, { name: 'ConflictError', message: CONFLICT })}
        action="cancel the build"
        onRetry={onRetry}
      />,
    );
    const panel = screen.getByRole('alert');
    expect(panel).toHaveTextContent(
      `Error: Could not cancel the build: ${CONFLICT}`,
    );
    await user.click(screen.getByText(/^Error: Could not cancel the build/));
    expect(screen.getByText('409: ConflictError')).toBeVisible();
    expect(
      screen.getByText('POST /api/openchoreo/x/cancel'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('shows the status of an error made without a response too', async () => {
    await renderInTestApp(
      <OpenChoreoErrorPanel
        error={new OpenChoreoRequestError('OpenChoreo is unavailable', 502)}
        action="load build run-1"
      />,
    );
    await user.click(screen.getByText(/^Error: Could not load build run-1/));
    expect(screen.getByText('502: Error')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('keeps the alerts the user acts on: sign in again, and a refusal with its reason', async () => {
    const { unmount } = await renderInTestApp(
      <OpenChoreoErrorPanel
        error={await answer(401, {
          name: 'AuthenticationError',
          message: 'Sign in again with OpenChoreo.',
          code: OPENCHOREO_SIGN_IN_REQUIRED,
        })}
        action="see the builds"
      />,
    );
    expect(
      screen.getByText('Sign in with OpenChoreo to see the builds'),
    ).toBeInTheDocument();
    unmount();
    await renderInTestApp(
      <OpenChoreoErrorPanel
        error={
          new OpenChoreoRequestError(
            'OpenChoreo does not allow you to start builds in namespace "default".',
            403,
          )
        }
        action="start a build"
      />,
    );
    expect(screen.getByText('You may not start a build')).toBeInTheDocument();
    expect(screen.queryByText(/^Error:/)).toBeNull();
  });
});
