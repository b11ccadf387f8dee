import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { openchoreoApiRef, OpenChoreoRequestError } from '../../api';
import { mockOpenChoreoApi } from '../../__testUtils__/render';
import { FieldHarness } from '../../__testUtils__/fieldHarness';
import type { ProjectValue } from '../types';
import { OpenChoreoProjectPicker } from './OpenChoreoProjectPicker';

const PROJECTS: Record<
  string,
  Array<{ name: string; displayName?: string }>
> = {
  default: [{ name: 'library', displayName: 'Library' }, { name: 'shop' }],
  'team-b': [{ name: 'payments' }],
};

function backend(namespaces: string[]) {
  return mockOpenChoreoApi({
    listNamespaces: jest.fn(async () => ({
      items: namespaces.map(name => ({ name })),
    })),
    listProjects: jest.fn(async (namespace: string) => ({
      items: PROJECTS[namespace] ?? [],
    })),
  });
}

function renderPicker(
  api: ReturnType<typeof backend>,
  changes: Array<ProjectValue | undefined>,
  initial?: ProjectValue,
) {
  return renderInTestApp(
    <FieldHarness
      field={OpenChoreoProjectPicker}
      changes={changes}
      initial={initial}
    />,
    { apis: [[openchoreoApiRef, api]] },
  );
}

/** Opens an MUI select once it is enabled and returns its options' texts. */
async function openSelect(name: RegExp) {
  const select = await screen.findByRole('button', { name });
  await waitFor(() => expect(select).not.toHaveAttribute('aria-disabled'));
  fireEvent.mouseDown(select);
  return within(await screen.findByRole('listbox'));
}

describe('OpenChoreoProjectPicker', () => {
  it('chooses the only namespace and offers its projects', async () => {
    const api = backend(['default']);
    const changes: Array<ProjectValue | undefined> = [];
    await renderPicker(api, changes);

    await waitFor(() => expect(changes).toEqual([{ namespace: 'default' }]));
    const options = await openSelect(/Project/);
    expect(options.getAllByRole('option').map(o => o.textContent)).toEqual([
      'Library',
      'shop',
    ]);
    fireEvent.click(options.getByText('Library'));
    expect(changes[changes.length - 1]).toEqual({
      namespace: 'default',
      project: 'library',
    });
    expect(api.listProjects).toHaveBeenCalledWith('default');
  });

  it('clears the project when another namespace is chosen', async () => {
    const api = backend(['default', 'team-b']);
    const changes: Array<ProjectValue | undefined> = [];
    await renderPicker(api, changes, {
      namespace: 'default',
      project: 'library',
    });

    const namespaces = await openSelect(/Namespace/);
    fireEvent.click(namespaces.getByText('team-b'));
    expect(changes).toEqual([{ namespace: 'team-b' }]);
    await waitFor(() =>
      expect(api.listProjects).toHaveBeenLastCalledWith('team-b'),
    );
    const projects = await openSelect(/Project/);
    expect(projects.getAllByRole('option').map(o => o.textContent)).toEqual([
      'payments',
    ]);
  });

  it("shows the backend's message when the namespaces cannot be loaded", async () => {
    const api = mockOpenChoreoApi({
      listNamespaces: jest.fn(async () => {
        throw new OpenChoreoRequestError(
          'You may not list the namespaces of OpenChoreo: ask an admin for the viewer role',
          403,
        );
      }),
    });
    await renderPicker(api, []);
    expect(
      await screen.findByText(
        'You may not list the namespaces of OpenChoreo: ask an admin for the viewer role',
      ),
    ).toBeInTheDocument();
    expect(api.listProjects).not.toHaveBeenCalled();
  });
});
