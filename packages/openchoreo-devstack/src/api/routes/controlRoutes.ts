import express, { Router, type Request, type Response } from 'express';
import type { ResourceStore } from '../store';
import {
  DEFAULT_WORKFLOW_PLANE,
  workflowPlane,
  type WorkflowPlaneKind,
} from '../simulation/workflowPlanes';

/** The API stand-in's own prefix for test control; nothing of OpenChoreo's lives under it. */
export const API_CONTROL_PREFIX = '/_devstack';

/**
 * Test control over HTTP (no auth; the stand-in listens on loopback), to produce the
 * controller's conditions by their real causes:
 * `POST /_devstack/workflow-planes/remove` `{kind?, name?, namespace?}` deletes a workflow plane
 * (default: the ClusterWorkflowPlane "default"), so runs on it do not start
 * (`WorkflowPlaneNotFound`); `POST /_devstack/workflow-planes/restore` (same body) creates it
 * again, and those runs start; `POST /_devstack/workflows/remove` `{kind?, name, namespace?}`
 * deletes a (Cluster)Workflow (default kind ClusterWorkflow), so its runs fail with "Workflow is
 * not found in the cluster".
 */
export function apiControlRoutes(store: ResourceStore): Router {
  const router = Router();
  router.use(express.json());

  router.post('/workflow-planes/remove', (req, res) => {
    const ref = planeRef(req, res);
    if (!ref) return;
    const { kind, name, namespace } = ref;
    if (!store.get(kind, namespace, name)) {
      res.status(404).json({ message: `${kind} "${name}" does not exist` });
      return;
    }
    store.delete(kind, namespace, name);
    res.json({ removed: ref });
  });

  router.post('/workflow-planes/restore', (req, res) => {
    const ref = planeRef(req, res);
    if (!ref) return;
    const { kind, name, namespace } = ref;
    const existing = store.get(kind, namespace, name);
    if (!existing) store.create(workflowPlane(kind, name, namespace));
    res.status(existing ? 200 : 201).json({ restored: ref });
  });

  router.post('/workflows/remove', (req, res) => {
    const kind = text(req.body?.kind) ?? 'ClusterWorkflow';
    const name = text(req.body?.name);
    const namespace = text(req.body?.namespace) ?? 'default';
    if ((kind !== 'Workflow' && kind !== 'ClusterWorkflow') || !name) {
      res.status(422).json({
        message:
          'expected {kind?: "Workflow" | "ClusterWorkflow", name, namespace?}',
      });
      return;
    }
    const ns = kind === 'Workflow' ? namespace : undefined;
    if (!store.get(kind, ns, name)) {
      res.status(404).json({ message: `${kind} "${name}" does not exist` });
      return;
    }
    store.delete(kind, ns, name);
    res.json({ removed: { kind, name, ...(ns ? { namespace: ns } : {}) } });
  });
  return router;
}

function planeRef(
  req: Request,
  res: Response,
): { kind: WorkflowPlaneKind; name: string; namespace?: string } | undefined {
  const kind = text(req.body?.kind) ?? DEFAULT_WORKFLOW_PLANE.kind;
  const name = text(req.body?.name) ?? DEFAULT_WORKFLOW_PLANE.name;
  if (kind !== 'WorkflowPlane' && kind !== 'ClusterWorkflowPlane') {
    res.status(422).json({
      message: 'kind must be "WorkflowPlane" or "ClusterWorkflowPlane"',
    });
    return undefined;
  }
  return {
    kind,
    name,
    ...(kind === 'WorkflowPlane'
      ? { namespace: text(req.body?.namespace) ?? 'default' }
      : {}),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
