import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { StatusChip, isInProgress } from './StatusChip';

describe('StatusChip', () => {
  it('shows the status with the core status icon of every CI', async () => {
    await renderInTestApp(<StatusChip status="Failed" />);
    expect(screen.getByTestId('status-chip')).toHaveTextContent('Failed');
    expect(screen.getByTestId('status-chip')).toHaveAttribute(
      'data-status',
      'Failed',
    );
    expect(screen.getByTestId('ci-run-status')).toHaveAttribute(
      'data-status',
      'failed',
    );
  });

  it("keeps OpenChoreo's own word where the common one differs", async () => {
    await renderInTestApp(
      <>
        <StatusChip status="Error" />
        <StatusChip status="Pending" />
        <StatusChip status="Cancelled" />
      </>,
    );
    const [error, pending, cancelled] = screen.getAllByTestId('status-chip');
    expect(error).toHaveTextContent('Failed (Error)');
    expect(pending).toHaveTextContent('Queued (Pending)');
    expect(cancelled).toHaveTextContent(/^Cancelled$/);
  });

  it('treats only Pending and Running as in progress', () => {
    expect(isInProgress('Pending')).toBe(true);
    expect(isInProgress('Running')).toBe(true);
    expect(isInProgress('Succeeded')).toBe(false);
    expect(isInProgress('Failed')).toBe(false);
    expect(isInProgress('Skipped')).toBe(false);
  });
});
