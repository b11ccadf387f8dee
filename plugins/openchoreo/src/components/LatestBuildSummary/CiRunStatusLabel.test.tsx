import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { CiRunStatusLabel } from './CiRunStatusLabel';

describe('CiRunStatusLabel', () => {
  it.each([
    ['failed', 'failure', 'Failed'],
    ['succeeded', 'success', 'Succeeded'],
    ['running', 'in_progress', 'Running'],
    ['queued', 'waiting', 'Queued'],
    ['queued', 'Pending', 'Queued (Pending)'],
    ['cancelled', 'canceled', 'Cancelled'],
    ['failed', 'Failed', 'Failed'],
    ['failed', 'timed_out', 'Failed (timed_out)'],
    ['failed', 'UNSTABLE', 'Failed (UNSTABLE)'],
    ['skipped', 'not built', 'Skipped (not built)'],
  ] as const)(
    'shows %s with the platform word %s as "%s"',
    async (status, detail, text) => {
      await renderInTestApp(
        <CiRunStatusLabel status={status} detail={detail} />,
      );
      expect(screen.getByTestId('ci-run-status')).toHaveTextContent(
        new RegExp(`^${text.replace(/[()]/g, '\\$&')}$`),
      );
      expect(screen.getByTestId('ci-run-status')).toHaveAttribute(
        'data-status',
        status,
      );
    },
  );
});
