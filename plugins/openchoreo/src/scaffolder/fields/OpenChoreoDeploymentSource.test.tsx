import { useState } from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type {
  CiIntegrationsResponse,
  WorkflowInfoList,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { OpenChoreoClient, openchoreoApiRef } from '../../api';
import type {
  ComponentTypeValue,
  DeploymentSourceValue,
  DependentFieldOptions,
} from '../types';
import {
  OpenChoreoDeploymentSource,
  validateDeploymentSource,
} from './OpenChoreoDeploymentSource';

const ALL_BUILDERS: WorkflowInfoList = {
  items: [
    { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
    { kind: 'ClusterWorkflow', name: 'paketo-buildpacks-builder' },
    { kind: 'ClusterWorkflow', name: 'ballerina-buildpack-builder' },
  ],
};
const WEB_BUILDERS: WorkflowInfoList = {
  items: [
    { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
    { kind: 'ClusterWorkflow', name: 'paketo-buildpacks-builder' },
  ],
};
const DOCKERFILE_SCHEMA = {
  type: 'object',
  required: ['repository'],
  properties: {
    repository: {
      type: 'object',
      properties: {
        url: {
          type: 'string',
          'x-openchoreo-component-parameter-repository-url': true,
        },
        revision: {
          type: 'object',
          properties: {
            branch: {
              type: 'string',
              'x-openchoreo-component-parameter-repository-branch': true,
            },
          },
        },
        appPath: {
          type: 'string',
          'x-openchoreo-component-parameter-repository-app-path': true,
        },
      },
    },
    docker: {
      type: 'object',
      properties: {
        filePath: {
          type: 'string',
          title: 'Dockerfile path',
        },
      },
    },
  },
};

function backend(options: { jenkinsConfigured?: boolean } = {}) {
  const requests: string[] = [];
  const fetch = jest.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    requests.push(url.replace('http://backend/api/openchoreo', ''));
    let body: unknown;
    if (
      url.includes('/component-types/ClusterComponentType/service/workflows')
    ) {
      body = ALL_BUILDERS;
    } else if (
      url.includes(
        '/component-types/ClusterComponentType/web-application/workflows',
      )
    ) {
      body = WEB_BUILDERS;
    } else if (url.includes('/schema')) {
      body = DOCKERFILE_SCHEMA;
    } else if (url.endsWith('/ci-integrations')) {
      body = {
        integrations: [
          {
            platform: 'jenkins',
            configured: options.jenkinsConfigured ?? false,
            reason: 'jenkins.baseUrl is not set',
          },
        ],
      } satisfies CiIntegrationsResponse;
    } else {
      return {
        ok: false,
        status: 404,
        statusText: 'Not Found',
        json: async () => ({}),
      } as Response;
    }
    return { ok: true, status: 200, json: async () => body } as Response;
  });
  const client = new OpenChoreoClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backend' }),
    fetchApi: mockApis.fetch.mock({ fetch }),
  });
  return { requests, apis: [[openchoreoApiRef, client]] as const };
}

const SERVICE: ComponentTypeValue = {
  kind: 'ClusterComponentType',
  name: 'deployment/service',
};
const WEB: ComponentTypeValue = {
  kind: 'ClusterComponentType',
  name: 'deployment/web-application',
};

type Props = FieldExtensionComponentProps<
  DeploymentSourceValue,
  DependentFieldOptions
>;

/** Holds the field's value like the scaffolder form does and records every change. */
function Harness(props: {
  componentType: ComponentTypeValue;
  changes: Array<DeploymentSourceValue | undefined>;
  initial?: DeploymentSourceValue;
}) {
  const [value, setValue] = useState<DeploymentSourceValue | undefined>(
    props.initial,
  );
  // Another field of the form: the component type chosen on the same page.
  const [componentType, setComponentType] = useState(props.componentType);
  const fieldProps = {
    formData: value,
    onChange: (next: DeploymentSourceValue | undefined) => {
      props.changes.push(next);
      setValue(next);
    },
    schema: { title: 'Deployment source' },
    uiSchema: {},
    formContext: {
      formData: {
        location: { namespace: 'default', project: 'demo-project' },
        componentType,
      },
    },
    rawErrors: [],
  } as unknown as Props;
  return (
    <>
      <button type="button" onClick={() => setComponentType(WEB)}>
        choose web-application
      </button>
      <OpenChoreoDeploymentSource {...fieldProps} />
    </>
  );
}

async function openWorkflowSelect() {
  const select = await screen.findByRole('button', { name: /Workflow/ });
  await waitFor(() => expect(select).not.toHaveAttribute('aria-disabled'));
  fireEvent.mouseDown(select);
  return screen.findByRole('listbox');
}

describe('OpenChoreoDeploymentSource', () => {
  it('clears the External CI choice when switching to built-in CI', async () => {
    const changes: Array<DeploymentSourceValue | undefined> = [];
    const { apis } = backend();
    await renderInTestApp(
      <Harness
        componentType={SERVICE}
        changes={changes}
        initial={{ type: 'external-ci', platform: 'jenkins' }}
      />,
      { apis },
    );
    fireEvent.change(
      await screen.findByLabelText(/Jenkins job full name/, {
        selector: 'input',
      }),
      { target: { value: 'payments/billing' } },
    );
    fireEvent.click(screen.getByLabelText('Built-in CI (OpenChoreo workflow)'));
    expect(changes).toEqual([
      {
        type: 'external-ci',
        platform: 'jenkins',
        identifier: 'payments/billing',
      },
      { type: 'workflow' },
    ]);
  });

  it('clears the workflow, its repository and the old identifier when switching to External CI', async () => {
    const changes: Array<DeploymentSourceValue | undefined> = [];
    const { apis } = backend();
    await renderInTestApp(
      <Harness
        componentType={SERVICE}
        changes={changes}
        initial={{
          type: 'workflow',
          workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
          repository: { url: 'https://github.com/acme/orders' },
        }}
      />,
      { apis },
    );
    expect(
      await screen.findByLabelText(/Repository URL/, { selector: 'input' }),
    ).toHaveValue('https://github.com/acme/orders');

    fireEvent.click(screen.getByLabelText('External CI'));
    expect(changes).toEqual([{ type: 'external-ci' }]);
    fireEvent.click(await screen.findByLabelText('Jenkins'));
    expect(
      screen.getByLabelText(/Jenkins job full name/, { selector: 'input' }),
    ).toHaveValue('');
  });

  it('lists only the workflows the chosen component type allows', async () => {
    const changes: Array<DeploymentSourceValue | undefined> = [];
    const { apis, requests } = backend();
    const initial: DeploymentSourceValue = {
      type: 'workflow',
      workflow: {
        kind: 'ClusterWorkflow',
        name: 'ballerina-buildpack-builder',
      },
      repository: { url: 'https://github.com/acme/orders' },
    };
    await renderInTestApp(
      <Harness componentType={SERVICE} changes={changes} initial={initial} />,
      { apis },
    );
    let listbox = await openWorkflowSelect();
    expect(
      within(listbox)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'dockerfile-builder',
      'paketo-buildpacks-builder',
      'ballerina-buildpack-builder',
    ]);
    fireEvent.keyDown(listbox, { key: 'Escape' });
    expect(changes).toEqual([]);

    fireEvent.click(screen.getByText('choose web-application'));
    // The ballerina builder is not allowed for web applications: it is deselected.
    await waitFor(() =>
      expect(changes[changes.length - 1]).toEqual({
        type: 'workflow',
        repository: { url: 'https://github.com/acme/orders' },
      }),
    );
    listbox = await openWorkflowSelect();
    expect(
      within(listbox)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['dockerfile-builder', 'paketo-buildpacks-builder']);
    expect(requests).toContain(
      '/component-types/ClusterComponentType/web-application/workflows?namespace=default',
    );
  });

  it('shows the repository fields first and the other parameters from the schema', async () => {
    const { apis } = backend();
    await renderInTestApp(
      <Harness
        componentType={SERVICE}
        changes={[]}
        initial={{
          type: 'workflow',
          workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
        }}
      />,
      { apis },
    );
    const url = await screen.findByLabelText(/Repository URL/, {
      selector: 'input',
    });
    // The workflow select's native input is aria-hidden: not a field the user fills in.
    const inputs = screen
      .getAllByRole('textbox')
      .filter(input => input.getAttribute('aria-hidden') !== 'true');
    expect(inputs).toHaveLength(4);
    expect(url).toBe(inputs[0]);
    expect(screen.getByLabelText(/Branch/, { selector: 'input' })).toBe(
      inputs[1],
    );
    expect(
      screen.getByLabelText(/Application path/, { selector: 'input' }),
    ).toBe(inputs[2]);
    expect(
      screen.getByLabelText(/Dockerfile path/, { selector: 'input' }),
    ).toBe(inputs[3]);
  });

  it('explains that a /job/... path is not a Jenkins job full name', async () => {
    const { apis } = backend({ jenkinsConfigured: true });
    await renderInTestApp(
      <Harness
        componentType={SERVICE}
        changes={[]}
        initial={{ type: 'external-ci', platform: 'jenkins' }}
      />,
      { apis },
    );
    fireEvent.change(
      screen.getByLabelText(/Jenkins job full name/, { selector: 'input' }),
      { target: { value: '/job/my-org/job/my-service' } },
    );
    expect(
      await screen.findByText(
        /is a Jenkins URL path, not a job full name.*use "my-org\/my-service"/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Jenkins is not configured/)).toBeNull();
  });

  it('says so when Jenkins is not configured in this portal', async () => {
    const { apis } = backend({ jenkinsConfigured: false });
    await renderInTestApp(
      <Harness
        componentType={SERVICE}
        changes={[]}
        initial={{ type: 'external-ci', platform: 'jenkins' }}
      />,
      { apis },
    );
    expect(
      await screen.findByText(/Jenkins is not configured in this portal/),
    ).toBeInTheDocument();
  });
});

describe('validateDeploymentSource', () => {
  function errorsOf(value: DeploymentSourceValue | undefined) {
    const errors: string[] = [];
    validateDeploymentSource(value, {
      addError: (message: string) => errors.push(message),
    } as Parameters<typeof validateDeploymentSource>[1]);
    return errors;
  }

  it('accepts complete values and names what is missing', () => {
    expect(
      errorsOf({
        type: 'external-ci',
        platform: 'github-actions',
        identifier: 'acme/x',
      }),
    ).toEqual([]);
    expect(errorsOf({ type: 'external-ci', platform: 'none' })).toEqual([]);
    expect(errorsOf(undefined)).toEqual(['Choose how the component is built.']);
    expect(errorsOf({ type: 'workflow' })).toEqual([
      'Choose a workflow.',
      'Enter the repository URL.',
    ]);
    expect(
      errorsOf({
        type: 'external-ci',
        platform: 'jenkins',
        identifier: '/job/a/job/b',
      }),
    ).toEqual([expect.stringMatching(/use "a\/b"/)]);
  });
});
