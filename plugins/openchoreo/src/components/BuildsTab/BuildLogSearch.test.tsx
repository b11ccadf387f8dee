import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { BuildLogSearchResponse } from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef } from '../../api';
import { mockOpenChoreoApi } from '../../__testUtils__/render';
import { setupUser } from '../../__testUtils__/user';
import { BuildLogSearch } from './BuildLogSearch';

jest.setTimeout(30_000);
const user = setupUser();
const REF = { namespace: 'default', component: 'reading-list' };

const found: BuildLogSearchResponse = {
  phrase: 'ETIMEDOUT',
  searchedBuilds: 5,
  truncated: false,
  observability: 'available',
  builds: [
    {
      run: 'reading-list-run-5',
      status: 'Failed',
      createdAt: '2026-01-05T10:00:00Z',
      steps: [
        {
          step: 'build-image',
          matches: [
            { line: 12, text: 'npm ERR! ETIMEDOUT registry.npmjs.org' },
          ],
        },
      ],
    },
    {
      run: 'reading-list-run-2',
      status: 'Failed',
      createdAt: '2026-01-02T10:00:00Z',
      steps: [
        {
          step: 'build-image',
          matches: [{ line: 7, text: 'npm ERR! ETIMEDOUT again' }],
          more: true,
        },
      ],
    },
  ],
};

async function renderSearch(
  api: ReturnType<typeof mockOpenChoreoApi>,
  onOpen = jest.fn(),
) {
  await renderInTestApp(<BuildLogSearch componentRef={REF} onOpen={onOpen} />, {
    apis: [[openchoreoApiRef, api]],
  });
  return onOpen;
}

describe('BuildLogSearch', () => {
  it('lists the matching builds newest first, by step, each line opening the build at that line', async () => {
    const api = mockOpenChoreoApi({
      searchBuildLogs: jest.fn(async () => found),
    });
    const onOpen = await renderSearch(api);
    await user.type(screen.getByLabelText('Phrase'), '  ETIMEDOUT ');
    await user.click(screen.getByRole('button', { name: 'Search' }));

    expect(api.searchBuildLogs).toHaveBeenCalledWith(REF, 'ETIMEDOUT');
    const list = await screen.findByRole('list', {
      name: 'Builds whose logs contain the phrase',
    });
    const builds = within(list).getAllByRole('listitem');
    expect(builds.map(b => b.getAttribute('aria-label'))).toEqual([
      'Build reading-list-run-5',
      'Build reading-list-run-2',
    ]);
    expect(
      screen.getByText('2 builds of 5 contain "ETIMEDOUT", newest first:'),
    ).toBeInTheDocument();
    const first = within(builds[0]);
    expect(first.getByText('build-image')).toBeInTheDocument();
    const link = first.getByRole('link', { name: 'line 12' });
    // The run view of the Builds tab, at the step and line (relative to the tab's route).
    expect(link.getAttribute('href')).toMatch(
      /\?run=reading-list-run-5&step=build-image&line=12$/,
    );
    expect(
      within(builds[1]).getByText(/More matches in this step/),
    ).toBeInTheDocument();
    await user.click(link);
    expect(onOpen).toHaveBeenCalledWith(
      'reading-list-run-5',
      'build-image',
      12,
    );
  });

  it('says plainly when nothing matches', async () => {
    const api = mockOpenChoreoApi({
      searchBuildLogs: jest.fn(async () => ({
        ...found,
        phrase: 'nothing',
        builds: [],
      })),
    });
    await renderSearch(api);
    await user.type(screen.getByLabelText('Phrase'), 'nothing');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(
      await screen.findByText(
        /No build's logs contain "nothing" \(searched 5 builds\)/,
      ),
    ).toBeInTheDocument();
  });

  it('says so when no observability plane keeps build logs', async () => {
    const api = mockOpenChoreoApi({
      searchBuildLogs: jest.fn(async () => ({
        phrase: 'HEAD',
        builds: [],
        searchedBuilds: 0,
        unsearchedBuilds: 3,
        truncated: false,
        observability: 'none' as const,
        message:
          'The build\'s workflow plane (ClusterWorkflowPlane "default") has no observability plane.',
      })),
    });
    await renderSearch(api);
    await user.type(screen.getByLabelText('Phrase'), 'HEAD');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('note')).toHaveTextContent(
      'Build logs cannot be searched: no observability plane keeps them.',
    );
  });

  it('does not search for fewer than 2 characters', async () => {
    const api = mockOpenChoreoApi({
      searchBuildLogs: jest.fn(async () => found),
    });
    await renderSearch(api);
    await user.type(screen.getByLabelText('Phrase'), 'x');
    expect(screen.getByText('Type at least 2 characters.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Search' })).toBeDisabled();
    expect(api.searchBuildLogs).not.toHaveBeenCalled();
  });
});
