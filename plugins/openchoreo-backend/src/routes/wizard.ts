import Router from 'express-promise-router';
import type express from 'express';
import { z } from 'zod';
import type {
  CiIntegrationsResponse,
  ComponentTypeList,
  NamedResourceList,
  WorkflowInfoList,
  WorkflowSchemaResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { WizardService } from '../service/WizardService';
import type { Access } from './access';
import { dnsLabel, optionalNamespaceQuery, parseOrThrow } from './validation';

const componentTypeParams = z.object({
  kind: z.enum(['ComponentType', 'ClusterComponentType']),
  name: dnsLabel,
});
const workflowParams = z.object({
  kind: z.enum(['Workflow', 'ClusterWorkflow']),
  name: dnsLabel,
});

/** Data for the component creation wizard and the portal's CI settings. */
export function createWizardRoutes(options: {
  access: Access;
  wizard: WizardService;
  ciIntegrations: () => CiIntegrationsResponse;
}): express.Router {
  const { access, wizard } = options;
  const router = Router();

  router.get('/namespaces', async (req, res) => {
    await access.user(req);
    const body: NamedResourceList = await wizard.listNamespaces();
    res.json(body);
  });

  router.get('/namespaces/:namespace/projects', async (req, res) => {
    const { namespace } = parseOrThrow(
      z.object({ namespace: dnsLabel }),
      req.params,
      'path',
    );
    await access.user(req);
    const body: NamedResourceList = await wizard.listProjects(namespace);
    res.json(body);
  });

  router.get('/namespaces/:namespace/component-types', async (req, res) => {
    const { namespace } = parseOrThrow(
      z.object({ namespace: dnsLabel }),
      req.params,
      'path',
    );
    await access.user(req);
    const body: ComponentTypeList = await wizard.listComponentTypes(namespace);
    res.json(body);
  });

  router.get('/component-types/:kind/:name/workflows', async (req, res) => {
    const { kind, name } = parseOrThrow(
      componentTypeParams,
      req.params,
      'path',
    );
    const { namespace } = parseOrThrow(
      optionalNamespaceQuery,
      req.query,
      'query',
    );
    await access.user(req);
    const body: WorkflowInfoList = await wizard.listAllowedWorkflows(
      kind,
      name,
      namespace,
    );
    res.json(body);
  });

  router.get('/workflows/:kind/:name/schema', async (req, res) => {
    const { kind, name } = parseOrThrow(workflowParams, req.params, 'path');
    const { namespace } = parseOrThrow(
      optionalNamespaceQuery,
      req.query,
      'query',
    );
    await access.user(req);
    const body: WorkflowSchemaResponse = await wizard.getWorkflowSchema(
      kind,
      name,
      namespace,
    );
    res.json(body);
  });

  router.get('/ci-integrations', async (req, res) => {
    await access.user(req);
    res.json(options.ciIntegrations());
  });

  return router;
}
