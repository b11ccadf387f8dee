import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { LatestBuildSummary } from './LatestBuildSummary';

describe('LatestBuildSummary', () => {
  it('shows status, title link, branch, short commit, duration and when', async () => {
    await renderInTestApp(
      <LatestBuildSummary
        status="failed"
        statusDetail="UNSTABLE"
        title="Build #42"
        url="https://jenkins.example.com/job/a/job/b/42/"
        linkText="View in Jenkins"
        branch="main"
        commit="abc1234def5678"
        startedAt={Date.now() - 3 * 60_000}
        durationMs={184_000}
        details={{ Tests: '41 of 45 passed' }}
      />,
    );
    const summary = screen.getByRole('group', { name: 'Latest build' });
    expect(within(summary).getByTestId('ci-run-status')).toHaveAttribute(
      'data-status',
      'failed',
    );
    expect(summary).toHaveTextContent('Failed (UNSTABLE)');
    expect(screen.getByRole('link', { name: /^Build #42/ })).toHaveAttribute(
      'href',
      'https://jenkins.example.com/job/a/job/b/42/',
    );
    expect(
      screen.getByRole('link', { name: /^View in Jenkins/ }),
    ).toBeVisible();
    expect(summary).toHaveTextContent('main');
    expect(screen.getByTitle('abc1234def5678')).toHaveTextContent(/^abc1234$/);
    expect(summary).toHaveTextContent('3m 4s');
    expect(summary).toHaveTextContent('3 minutes ago');
    expect(summary).toHaveTextContent('41 of 45 passed');
  });

  it('shows dashes for what the CI did not say, and no link without a URL', async () => {
    await renderInTestApp(
      <LatestBuildSummary status="running" title="run-1" />,
    );
    const summary = screen.getByRole('group', { name: 'Latest build' });
    expect(summary).toHaveTextContent('Running');
    expect(within(summary).queryByRole('link')).toBeNull();
    expect(within(summary).getAllByText('—').length).toBeGreaterThanOrEqual(4);
  });
});
