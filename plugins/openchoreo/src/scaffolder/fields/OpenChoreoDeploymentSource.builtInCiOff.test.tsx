import { screen, waitFor } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { BUILT_IN_CI_DISABLED_MESSAGE } from '@openchoreo-ci/plugin-openchoreo-common';
import { OpenChoreoClient, openchoreoApiRef } from '../../api';
import type { DeploymentSourceValue, DependentFieldOptions } from '../types';
import { OpenChoreoDeploymentSource } from './OpenChoreoDeploymentSource';

type Props = FieldExtensionComponentProps<
  DeploymentSourceValue,
  DependentFieldOptions
>;

async function renderField(
  workflowsEnabled: boolean | undefined,
  formData?: DeploymentSourceValue,
) {
  const onChange = jest.fn();
  const fetch = jest.fn(
    async () =>
      ({
        ok: true,
        status: 200,
        json: async () => ({ items: [], integrations: [] }),
      } as Response),
  );
  const props = {
    formData,
    onChange,
    schema: { title: 'Deployment source' },
    uiSchema: {},
    formContext: {
      formData: {
        location: { namespace: 'default', project: 'demo-project' },
        componentType: {
          kind: 'ClusterComponentType',
          name: 'deployment/service',
        },
      },
    },
    rawErrors: [],
  } as unknown as Props;
  await renderInTestApp(<OpenChoreoDeploymentSource {...props} />, {
    config:
      workflowsEnabled === undefined
        ? {}
        : {
            openchoreo: {
              features: { workflows: { enabled: workflowsEnabled } },
            },
          },
    apis: [
      [
        openchoreoApiRef,
        new OpenChoreoClient({
          discoveryApi: mockApis.discovery({ baseUrl: 'http://backend' }),
          fetchApi: mockApis.fetch.mock({ fetch }),
        }),
      ],
    ] as const,
  });
  return onChange;
}

describe('OpenChoreoDeploymentSource with built-in CI turned off', () => {
  it('offers External CI only, and says why', async () => {
    await renderField(false);
    expect(await screen.findByLabelText('External CI')).toBeInTheDocument();
    expect(
      screen.queryByLabelText('Built-in CI (OpenChoreo workflow)'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(new RegExp(BUILT_IN_CI_DISABLED_MESSAGE.slice(0, 40))),
    ).toBeInTheDocument();
  });

  it('switches a built-in choice (e.g. a template default) to External CI', async () => {
    const onChange = await renderField(false, { type: 'workflow' });
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith({ type: 'external-ci' }),
    );
    expect(screen.queryByRole('button', { name: /Workflow/ })).toBeNull();
  });

  it('offers both sources by default (the chart default is on)', async () => {
    const onChange = await renderField(undefined);
    expect(
      await screen.findByLabelText('Built-in CI (OpenChoreo workflow)'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('External CI')).toBeInTheDocument();
    expect(
      screen.queryByText(new RegExp(BUILT_IN_CI_DISABLED_MESSAGE.slice(0, 40))),
    ).toBeNull();
    expect(onChange).not.toHaveBeenCalled();
  });
});
