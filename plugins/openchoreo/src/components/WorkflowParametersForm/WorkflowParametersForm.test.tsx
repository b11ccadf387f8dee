import { useState } from 'react';
import { screen, within } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import {
  findRepositoryPaths,
  getAtPath,
  type ParameterSchemaNode,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef } from '../../api';
import { mockOpenChoreoApi } from '../../__testUtils__/render';
import { setupUser } from '../../__testUtils__/user';
import { BuiltInCiFields } from '../../scaffolder/fields/BuiltInCiFields';
import type { DeploymentSourceValue } from '../../scaffolder/types';
import { BuildWithOptionsDialog } from '../BuildActions';
import { WorkflowParametersForm } from './WorkflowParametersForm';

jest.mock('@rjsf/validator-ajv8', () => {
  const actual = jest.requireActual('@rjsf/validator-ajv8');
  return { ...actual, customizeValidator: jest.fn(actual.customizeValidator) };
});

// Forms of MUI take seconds on a loaded machine.
jest.setTimeout(30_000);
const user = setupUser();

const WORKFLOW = {
  kind: 'ClusterWorkflow' as const,
  name: 'dockerfile-builder',
};
/** Repository fields (marked), and parameters of every kind of widget. */
const SCHEMA: ParameterSchemaNode = {
  type: 'object',
  required: ['repository', 'docker'],
  properties: {
    repository: {
      type: 'object',
      required: ['url'],
      properties: {
        url: {
          type: 'string',
          title: 'URL in schema',
          'x-openchoreo-component-parameter-repository-url': true,
        },
        revision: {
          type: 'object',
          properties: {
            branch: {
              type: 'string',
              title: 'Branch in schema',
              'x-openchoreo-component-parameter-repository-branch': true,
            },
            commit: {
              type: 'string',
              title: 'Commit in schema',
              'x-openchoreo-component-parameter-repository-commit': true,
            },
          },
        },
        appPath: {
          type: 'string',
          title: 'App path in schema',
          'x-openchoreo-component-parameter-repository-app-path': true,
        },
      },
    },
    docker: {
      type: 'object',
      required: ['filePath'],
      properties: {
        filePath: { type: 'string', title: 'Dockerfile path' },
        context: { type: 'string', title: 'Build context', default: '.' },
      },
    },
    mode: { type: 'string', title: 'Build mode', enum: ['fast', 'full'] },
    retries: { type: 'integer', title: 'Retries', minimum: 0 },
    verbose: { type: 'boolean', title: 'Verbose output' },
  },
};

/** The labels of the fields a user sees in the parameter form. */
function shownFields(form: HTMLElement): string[] {
  const visible = (el: Element | null): boolean => {
    for (let at = el; at && at !== form; at = at.parentElement) {
      if (getComputedStyle(at).display === 'none') return false;
      if (at instanceof HTMLInputElement && at.type === 'hidden') return false;
    }
    return true;
  };
  return Array.from(form.querySelectorAll('label'))
    .filter(label => visible(label))
    .map(label => (label.textContent ?? '').replace(/[\s\u2009]*\*$/, ''))
    .sort();
}

function labelAt(path: string[]): string {
  const node = getAtPath(
    SCHEMA as unknown as Record<string, unknown>,
    path.flatMap(key => ['properties', key]),
  ) as ParameterSchemaNode;
  return node.title ?? path[path.length - 1];
}

function Wizard() {
  const [value, setValue] = useState<DeploymentSourceValue>({
    type: 'workflow',
    workflow: WORKFLOW,
  });
  return (
    <BuiltInCiFields
      value={value as Extract<DeploymentSourceValue, { type: 'workflow' }>}
      onChange={v => setValue(v)}
      namespace="default"
      componentType={{ kind: 'ClusterComponentType', name: 'service' }}
    />
  );
}

const api = () =>
  mockOpenChoreoApi({
    listAllowedWorkflows: jest.fn(async () => ({ items: [WORKFLOW] })),
    getWorkflowSchema: jest.fn(async () => SCHEMA),
    getBuildOptions: jest.fn(async () => ({
      workflow: WORKFLOW,
      schema: SCHEMA,
      parameters: {},
      repositoryPaths: findRepositoryPaths(SCHEMA),
    })),
  });

describe('WorkflowParametersForm', () => {
  it('shows the wizard and Build with options the same parameter fields for one schema', async () => {
    const wizard = await renderInTestApp(<Wizard />, {
      apis: [[openchoreoApiRef, api()], mockApis.permission()],
    });
    const wizardFields = shownFields(
      await screen.findByRole('group', { name: 'Workflow parameters' }),
    );
    wizard.unmount();

    await renderInTestApp(
      <BuildWithOptionsDialog
        open
        componentRef={{ namespace: 'default', component: 'reading-list' }}
        onClose={jest.fn()}
        onStarted={jest.fn()}
      />,
      { apis: [[openchoreoApiRef, api()], mockApis.permission()] },
    );
    const dialogFields = shownFields(
      await screen.findByRole('group', { name: 'Workflow parameters' }),
    );

    // The wizard asks every repository field in its own words above the form; the dialog
    // asks Branch and Commit above it and leaves the other repository fields in the form.
    const { url, 'app-path': appPath } = findRepositoryPaths(SCHEMA);
    const repositoryInDialogForm = [labelAt(url!), labelAt(appPath!)];
    expect(dialogFields).toEqual(
      expect.arrayContaining(repositoryInDialogForm),
    );
    expect(
      dialogFields.filter(f => !repositoryInDialogForm.includes(f)),
    ).toEqual(wizardFields);
    expect(wizardFields).toEqual([
      'Build context',
      'Build mode',
      'Dockerfile path',
      'Retries',
      'Verbose output',
    ]);
  });

  it('compiles its validator once per schema, not on every change', async () => {
    const validators = customizeValidator as jest.Mock;
    validators.mockClear();
    const schema = structuredClone(SCHEMA);
    function Editor() {
      const [value, setValue] = useState<Record<string, unknown>>({});
      return (
        <WorkflowParametersForm
          schema={schema}
          value={value}
          onChange={setValue}
        />
      );
    }
    await renderInTestApp(<Editor />);
    const form = screen.getByRole('group', { name: 'Workflow parameters' });
    await user.type(within(form).getByLabelText(/Dockerfile path/), 'Dfile');
    expect(within(form).getByLabelText(/Dockerfile path/)).toHaveValue('Dfile');
    expect(validators).toHaveBeenCalledTimes(1);
  });
});
