import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { ComponentTypeInfo } from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef, OpenChoreoRequestError } from '../../api';
import { mockOpenChoreoApi } from '../../__testUtils__/render';
import { FieldHarness } from '../../__testUtils__/fieldHarness';
import type { ComponentTypeValue, DependentFieldOptions } from '../types';
import { OpenChoreoComponentTypePicker } from './OpenChoreoComponentTypePicker';

/** A namespaced and a cluster type with the same name, as OpenChoreo allows. */
const TYPES: ComponentTypeInfo[] = [
  {
    kind: 'ClusterComponentType',
    name: 'service',
    displayName: 'Service',
    description: 'A long-running HTTP service',
    workloadType: 'deployment',
    componentTypeName: 'deployment/service',
    allowedWorkflows: [],
  },
  {
    kind: 'ComponentType',
    name: 'service',
    displayName: 'Team service',
    description: "The team's own service type",
    workloadType: 'statefulset',
    componentTypeName: 'statefulset/service',
    allowedWorkflows: [],
  },
];

function renderPicker(
  api: ReturnType<typeof mockOpenChoreoApi>,
  changes: Array<ComponentTypeValue | undefined>,
  form: {
    otherFields?: Record<string, unknown>;
    options?: DependentFieldOptions;
  },
) {
  return renderInTestApp(
    <FieldHarness<ComponentTypeValue, DependentFieldOptions>
      field={OpenChoreoComponentTypePicker}
      changes={changes}
      title="Component type"
      {...form}
    />,
    { apis: [[openchoreoApiRef, api]] },
  );
}

const typesApi = () =>
  mockOpenChoreoApi({
    listComponentTypes: jest.fn(async () => ({ items: TYPES })),
  });

describe('OpenChoreoComponentTypePicker', () => {
  it('asks for the project first and loads nothing until then', async () => {
    const api = typesApi();
    await renderPicker(api, [], {});
    expect(
      await screen.findByText('Choose the project first.'),
    ).toBeInTheDocument();
    expect(api.listComponentTypes).not.toHaveBeenCalled();
  });

  it("stores the chosen type's kind and <workloadType>/<name>", async () => {
    const api = typesApi();
    const changes: Array<ComponentTypeValue | undefined> = [];
    await renderPicker(api, changes, {
      otherFields: { location: { namespace: 'default', project: 'library' } },
    });
    const select = await screen.findByRole('button', {
      name: /Component type/,
    });
    await waitFor(() => expect(select).not.toHaveAttribute('aria-disabled'));
    fireEvent.mouseDown(select);
    const options = within(await screen.findByRole('listbox'));
    expect(options.getAllByRole('option').map(o => o.textContent)).toEqual([
      'Service (deployment/service)',
      'Team service (statefulset/service)',
    ]);

    fireEvent.click(options.getByText('Team service (statefulset/service)'));
    expect(changes).toEqual([
      { kind: 'ComponentType', name: 'statefulset/service' },
    ]);
    // The chosen type's description replaces the field's help.
    expect(
      await screen.findByText("The team's own service type"),
    ).toBeInTheDocument();
    expect(api.listComponentTypes).toHaveBeenCalledWith('default');
  });

  it('reads the namespace from the field named by ui:options.locationField', async () => {
    const api = typesApi();
    await renderPicker(api, [], {
      options: { locationField: 'where' },
      otherFields: { where: { namespace: 'team-b', project: 'payments' } },
    });
    await waitFor(() =>
      expect(api.listComponentTypes).toHaveBeenCalledWith('team-b'),
    );
  });

  it("shows the backend's message when the types cannot be loaded", async () => {
    const api = mockOpenChoreoApi({
      listComponentTypes: jest.fn(async () => {
        throw new OpenChoreoRequestError(
          'OpenChoreo is unreachable at https://api.openchoreo.test: retry in a minute',
          503,
        );
      }),
    });
    await renderPicker(api, [], {
      otherFields: { location: { namespace: 'default' } },
    });
    expect(
      await screen.findByText(
        'Could not list the component types: OpenChoreo is unreachable at https://api.openchoreo.test: retry in a minute',
      ),
    ).toBeInTheDocument();
  });
});
