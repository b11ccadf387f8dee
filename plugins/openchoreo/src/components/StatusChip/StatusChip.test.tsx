import { render, screen } from '@testing-library/react';
import { StatusChip, isInProgress } from './StatusChip';

describe('StatusChip', () => {
  it('shows the status as its label', () => {
    render(<StatusChip status="Failed" />);
    expect(screen.getByTestId('status-chip')).toHaveTextContent('Failed');
    expect(screen.getByTestId('status-chip')).toHaveAttribute(
      'data-status',
      'Failed',
    );
  });

  it('treats only Pending and Running as in progress', () => {
    expect(isInProgress('Pending')).toBe(true);
    expect(isInProgress('Running')).toBe(true);
    expect(isInProgress('Succeeded')).toBe(false);
    expect(isInProgress('Failed')).toBe(false);
    expect(isInProgress('Skipped')).toBe(false);
  });
});
